package io.vomorecon.schemas.topics;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.schemas.values.Alert;
import io.vomorecon.schemas.values.CorrectionOutcome;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.Diagnosis;
import io.vomorecon.schemas.values.DiagnosisCode;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.FieldDiff;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.Job;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.ReprocessRequest;
import io.vomorecon.schemas.values.ReviewDecision;
import io.vomorecon.schemas.values.ReviewItem;
import io.vomorecon.schemas.values.RunAborted;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.RunStatus;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.RunVerdict;
import io.vomorecon.schemas.values.ScheduleState;
import io.vomorecon.schemas.values.Snapshot;
import io.vomorecon.schemas.values.TimeWindow;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.schemas.values.Verification;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Realistic values of every topic, built in Java: for each topic every value kind, once with
 * every optional field filled and once with every optional field empty, so that both shapes
 * of each record meet its JSON Schema. A new record component must be given a value here
 * (the constructors stop compiling otherwise), and the filled variant then writes it.
 */
final class ContractSamples {

    static final int V = Topics.SCHEMA_VERSION;
    static final Instant STARTED = Instant.parse("2026-11-20T06:00:00Z");
    static final Instant COMPLETED = Instant.parse("2026-11-20T06:04:12.345Z");
    static final String RUN = "r-acme-users-FULL-1795154400-3f9a";
    static final String USER_KEY = RecordKey.of("acme", Resource.USERS, "8205").encode();
    static final String PARTICIPATION_KEY = RecordKey.of("acme", Resource.PARTICIPATIONS, "77120", "8205").encode();
    static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-11-20T05:00:00Z"), STARTED);

    private ContractSamples() {
    }

    /** Every sample value of a topic, each labelled by its kind and shape. */
    static Map<String, Object> of(Topic<?> topic) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (boolean filled : new boolean[] {true, false}) {
            String shape = filled ? "filled" : "minimal";
            for (Object value : values(topic.name(), filled)) {
                out.put(value.getClass().getSimpleName() + " (" + shape + ")", value);
            }
        }
        return out;
    }

    private static List<Object> values(String topic, boolean filled) {
        List<Object> out = new ArrayList<>();
        switch (topic) {
            case "vomo.snapshots" -> {
                out.add(snapshot(filled));
                out.add(runCompleted(RunSource.VOMO, filled));
                out.add(runAborted(RunSource.VOMO, filled));
                out.add(verification());
            }
            case "partner.state" -> out.add(partnerState(filled));
            case "external.state" -> {
                out.add(externalRow(filled));
                out.add(runCompleted(RunSource.EXTERNAL, filled));
                out.add(runAborted(RunSource.EXTERNAL, filled));
            }
            case "recon.gaps" -> out.add(finding(FindingKind.MISSED_UPDATE, FindingStatus.OPEN, filled));
            case "recon.drift" -> out.add(finding(FindingKind.DRIFT, FindingStatus.OPEN, filled));
            case "recon.deletions" -> out.add(finding(FindingKind.DELETION, FindingStatus.CANDIDATE, filled));
            case "recon.runs" -> out.add(runSummary(filled));
            case "recon.review" -> out.add(new ReviewItem(V, RUN, "acme", "users",
                    new Diagnosis(DiagnosisCode.MAPPING_REGRESSION, filled ? Optional.of("phone") : Optional.empty(),
                            "412 of 430 drift findings (96%) differ on phone only"),
                    finding(FindingKind.DRIFT, FindingStatus.OPEN, filled), COMPLETED.plusSeconds(5)));
            case "recon.decisions" -> out.add(new ReviewDecision(V, "d-7c1e", RUN, ReviewDecision.Decision.APPROVE,
                    "ops@partner.example", "phone mapping fix confirmed by the partner", COMPLETED.plusSeconds(3600)));
            case "recon.alerts" -> out.add(new Alert(V, "a-5d02", "acme", opt(filled, "users"), Alert.AlertKind.GAP_RATE_HIGH,
                    Alert.Severity.WARNING, opt(filled, RUN), "gap rate 7.5% above the threshold 5% for acme/users",
                    opt(filled, 0.075), opt(filled, 0.05), COMPLETED.plusSeconds(6)));
            case "recon.corrections" -> out.add(new CorrectionOutcome(V, ContentHash.stableId(USER_KEY, "RE_PROCESS"),
                    ContentHash.stableId(USER_KEY, "MISSED_UPDATE"), "acme", "users", USER_KEY, ActionKind.RE_PROCESS,
                    CorrectionOutcome.Outcome.APPLIED, CorrectionOutcome.Mode.DIRECT,
                    opt(filled, "row written with the VOMO version of 2026-11-19T17:02:11Z"), 1,
                    opt(filled, Instant.parse("2026-11-19T17:02:11Z")), COMPLETED.plusSeconds(9)));
            case "recon.reprocess" -> out.add(new ReprocessRequest(V, "rq-19ab", ContentHash.stableId(USER_KEY, "MISSED_UPDATE"),
                    "acme", "users", USER_KEY, Instant.parse("2026-11-19T17:02:11Z"), "MISSED_UPDATE", COMPLETED.plusSeconds(9)));
            case "recon.jobs" -> out.add(new Job(V, "j-acme-users-INCREMENTAL-1795154400", "acme", "users", RunKind.INCREMENTAL,
                    opt(filled, WINDOW), STARTED, "scheduler", STARTED.minusSeconds(1)));
            case "recon.schedule" -> out.add(new ScheduleState(V, "acme", "users", RunKind.INCREMENTAL,
                    opt(filled, STARTED), opt(filled, "j-acme-users-INCREMENTAL-1795154400"), STARTED));
            case "recon.dlq" -> out.add(new DeadLetter(V, "streams-reconciler", "vomo.snapshots",
                    opt(filled, 2), opt(filled, 40_117L), opt(filled, USER_KEY),
                    "field runKind: Cannot deserialize value of type `RunKind` from String \"WEEKLY\"",
                    ContractViolation.class.getName(), opt(filled, "{\"schemaVersion\":1,\"kind\":\"RUN_COMPLETED\"}"),
                    filled ? DeadLetter.PayloadEncoding.UTF8 : DeadLetter.PayloadEncoding.NONE,
                    filled ? Map.of("consumerGroup", "vomo-recon-reconciler") : Map.of(), COMPLETED));
            default -> throw new IllegalArgumentException("no samples for topic " + topic);
        }
        return out;
    }

    static JsonNode vomoUser() {
        return json("""
                {"id":"8205","first_name":"Ada","last_name":"Lovelace","full_name":"Ada Lovelace",
                 "email":"Ada.Lovelace@example.org","phone":"(555) 010-4477","birthday":"1990-04-01",
                 "gender":null,"user_status":"active","membership_status":"active","membership_role":"Volunteer",
                 "organization_id":12,"organization_slug":"acme",
                 "created_at":"2021-03-29 21:25:37","updated_at":"2026-11-19T17:02:11.000000Z"}""");
    }

    static JsonNode vomoParticipation() {
        return json("""
                {"id":99121,"user_id":8205,"project_date_id":77120,"project_id":903,"signed_up_at":"2026-11-02T09:00:00+00:00",
                 "checked_in_at":"2026-11-15 08:58:00","checked_out_at":null,"hours":"4.50","verified":1,
                 "role":"volunteer","guests":"0","status":"attended"}""");
    }

    static Snapshot snapshot(boolean filled) {
        if (filled) {
            JsonNode user = vomoUser();
            return new Snapshot(V, RUN, "acme", "users", USER_KEY, user, Optional.of(Instant.parse("2026-11-19T17:02:11Z")),
                    ContentHash.of(user), STARTED.plusSeconds(31));
        }
        JsonNode participation = vomoParticipation();
        return new Snapshot(V, "r-acme-participations-PARTICIPATIONS-1795154400-0c4d", "acme", "participations",
                PARTICIPATION_KEY, participation, Optional.empty(), ContentHash.of(participation), STARTED.plusSeconds(47));
    }

    static RunCompleted runCompleted(RunSource source, boolean filled) {
        String runId = source == RunSource.VOMO ? RUN : "r-acme-users-FULL-1795154400-77e0";
        return new RunCompleted(V, runId, "acme", "users", filled ? RunKind.INCREMENTAL : RunKind.FULL, source,
                List.of(RecordKey.prefix("acme", Resource.USERS)), opt(filled, WINDOW), 1, 3, 1408, 4217, 282,
                STARTED, COMPLETED);
    }

    static RunAborted runAborted(RunSource source, boolean filled) {
        return new RunAborted(V, "r-acme-participations-PARTICIPATIONS-1795154400-0c4d", "acme", "participations",
                RunKind.PARTICIPATIONS, source,
                List.of(RecordKey.prefix("acme", Resource.PARTICIPATIONS, "77120"), RecordKey.prefix("acme", Resource.PARTICIPATIONS, "77121")),
                opt(filled, WINDOW), 0, 3, 12, 41, "page 41 of /projects/date/77121: HTTP 503 after 5 tries", STARTED, COMPLETED);
    }

    static Verification verification() {
        return new Verification(V, "acme", "users", USER_KEY, ContentHash.stableId(USER_KEY, FindingKind.DELETION.name()),
                RUN, Verdict.ANONYMIZED, 200, "200 with the scrubbed identity of an erased user", COMPLETED.plusSeconds(20));
    }

    static PartnerState partnerState(boolean filled) {
        if (filled) {
            return new PartnerState(V, "acme", "users", USER_KEY, Optional.of(Instant.parse("2026-11-19T17:02:11Z")),
                    Optional.of(ContentHash.of(vomoUser())), true,
                    Map.of("email", "ada.lovelace@example.org", "first_name", "Ada", "last_name", "Lovelace",
                            "phone", "+15550104477", "membership_status", "active"),
                    Optional.of("crm-0031"), STARTED.minusSeconds(600), false, PartnerState.PartnerSource.PARTNER);
        }
        return new PartnerState(V, "acme", "participations", PARTICIPATION_KEY, Optional.empty(), Optional.empty(),
                false, Map.of(), Optional.empty(), STARTED.minusSeconds(600), false, PartnerState.PartnerSource.PARTNER);
    }

    static ExternalRow externalRow(boolean filled) {
        if (filled) {
            return new ExternalRow(V, Optional.of("r-acme-users-FULL-1795154400-77e0"), "acme", "users", USER_KEY,
                    ExternalRow.ExternalSource.READER, true,
                    Map.of("email", "ada.lovelace@example.org", "phone", "+15550104477", "membership_status", "active"),
                    Optional.of(Instant.parse("2026-11-19T17:02:11Z")), false, false, Optional.of("crm-0031"),
                    STARTED.plusSeconds(12));
        }
        return new ExternalRow(V, Optional.empty(), "acme", "users", USER_KEY, ExternalRow.ExternalSource.SINK, false,
                Map.of(), Optional.empty(), true, false, Optional.empty(), COMPLETED.plusSeconds(9));
    }

    static Finding finding(FindingKind kind, FindingStatus status, boolean filled) {
        String id = ContentHash.stableId(USER_KEY, kind.name());
        if (!filled) {
            return new Finding(V, id, kind, status, Optional.empty(), "acme", "users", USER_KEY, RUN, RunKind.FULL,
                    COMPLETED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of(), Map.of(), Optional.empty());
        }
        JsonNode user = vomoUser();
        return new Finding(V, id, kind, status,
                Optional.of(kind.family() == FindingKind.Family.DELETION ? Verdict.DELETED : Verdict.FILTER_MISMATCH),
                "acme", "users", USER_KEY, RUN, RunKind.INCREMENTAL, COMPLETED,
                Optional.of(Instant.parse("2026-11-19T17:02:11Z")), Optional.of(ContentHash.of(user)),
                Optional.of(Instant.parse("2026-11-12T08:30:00Z")), Optional.of("5c0f1d2e3a4b59687766554433221100"),
                Optional.of(user),
                List.of(new FieldDiff("phone", Optional.of("+15550104477"), Optional.of("+15550104466")),
                        new FieldDiff("birthday", Optional.of("1990-04-01"), Optional.empty())),
                Map.of("evidence", "404 on GET /users/8205"), Optional.of(COMPLETED.plusSeconds(3600)));
    }

    static RunSummary runSummary(boolean filled) {
        return new RunSummary(V, RUN, "acme", "users", filled ? RunKind.INCREMENTAL : RunKind.FULL, RunSource.VOMO,
                List.of(RecordKey.prefix("acme", Resource.USERS)), 1, opt(filled, WINDOW), STARTED, COMPLETED,
                COMPLETED.plusSeconds(2), filled ? RunStatus.COMPLETED : RunStatus.ABORTED, 4217, 4217, 282, 4217,
                filled ? Map.of(FindingKind.MISSED_UPDATE, 12L, FindingKind.DRIFT, 3L) : Map.of(), 2, 0.0036, 15,
                filled, filled ? RunVerdict.DEGRADED : RunVerdict.INCOMPLETE,
                filled ? Optional.of(new Diagnosis(DiagnosisCode.CUSTOMER_SPECIFIC, Optional.empty(),
                        "gap rate 0.36% against a median of 0.02% across customers")) : Optional.empty(),
                filled ? List.of("2 keys in flight at evaluation") : List.of());
    }

    private static <T> Optional<T> opt(boolean filled, T value) {
        return filled ? Optional.of(value) : Optional.empty();
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
