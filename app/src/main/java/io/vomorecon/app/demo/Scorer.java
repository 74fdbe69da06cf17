package io.vomorecon.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.sandbox.RateLimit;
import io.vomorecon.sandbox.SandboxCustomer;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.truth.TruthEntry;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.FieldMapping;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.schemas.values.CorrectionOutcome;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.ReviewItem;
import io.vomorecon.schemas.values.RunStatus;
import io.vomorecon.schemas.values.RunSummary;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a finished end-to-end run: the ground truth against the findings, review items and
 * correction outcomes the product published, and the destination against VOMO as the scorer's
 * own oracle reads it. It decides nothing for the product and changes nothing but the sandbox's
 * rate limit (lifted so that its own reads do not count against anyone).
 */
public final class Scorer {

    private static final Logger LOG = LoggerFactory.getLogger(Scorer.class);
    private static final int EXAMPLES = 5;

    /** One destination row, its mapped fields normalised. */
    record Row(Map<String, String> fields, boolean deleted, boolean erased) {
    }

    private final EndToEnd e2e;
    private final VomoOracle oracle;

    public Scorer(EndToEnd e2e) {
        this.e2e = e2e;
        this.oracle = new VomoOracle(e2e.sandbox().apiServer(), e2e.sandbox().baseUrl());
    }

    public Scorecard score() throws IOException, InterruptedException, SQLException {
        TopicWatch w = e2e.watch();
        List<Finding> findings = w.findings();
        List<CorrectionOutcome> outcomes = w.outcomes();
        List<ReviewItem> reviews = w.reviews();
        Map<String, RunSummary> summaries = w.summaries();
        List<Scorecard.Row> rows = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        List<String> falseDeletions = new ArrayList<>();
        List<String> notErased = new ArrayList<>();
        int mismatchCount = 0;

        Map<String, List<Finding>> findingsByKey = findings.stream().collect(Collectors.groupingBy(Finding::key));
        Map<String, List<ReviewItem>> reviewsByKey = reviews.stream().collect(Collectors.groupingBy(r -> r.finding().key()));

        for (SandboxCustomer c : e2e.sandbox().customers()) {
            e2e.sandbox().setRateLimit(c.id(), RateLimit.off());
            Map<String, JsonNode> live = oracle.live(c.id(), c.token());
            Map<String, Row> dest = destination(c.id());
            Map<String, Integer> statusCache = new HashMap<>();

            // the destination against VOMO, key by key
            for (Map.Entry<String, JsonNode> e : live.entrySet()) {
                Resource r = Resource.require(RecordKey.parse(e.getKey()).resource());
                Row row = dest.get(e.getKey());
                Map<String, String> want = FieldMapping.fromVomo(r, e.getValue());
                if (row == null || row.deleted() || !want.equals(row.fields())) {
                    mismatchCount++;
                    if (mismatches.size() < EXAMPLES) {
                        mismatches.add(e.getKey() + (row == null ? " missing" : row.deleted() ? " deleted" : " differs in "
                                + differing(want, row.fields())));
                    }
                }
            }
            Map<String, TruthClass> lastClass = new HashMap<>();
            for (TruthEntry t : e2e.sandbox().truth().entries()) {
                if (t.customer().equals(c.id()) && Expectations.scored(t.kind())) {
                    lastClass.put(t.key(), t.kind());
                }
            }
            for (Map.Entry<String, Row> e : dest.entrySet()) {
                if (live.containsKey(e.getKey())) {
                    continue;
                }
                Row row = e.getValue();
                int status = status(c, e.getKey(), statusCache);
                TruthClass last = lastClass.get(e.getKey());
                boolean gone = status == 404;
                boolean anonymized = last == TruthClass.ANONYMIZED && !gone;
                if (row.deleted() && !gone) {
                    falseDeletions.add(e.getKey() + " (VOMO answers " + status + (last == null ? "" : ", last change " + last) + ")");
                } else if (gone && !row.deleted()) {
                    mismatchCount++;
                    if (mismatches.size() < EXAMPLES) {
                        mismatches.add(e.getKey() + " is gone from VOMO but live in the destination");
                    }
                } else if (anonymized && !row.erased()) {
                    notErased.add(e.getKey());
                }
            }
            // a deletion the sink propagated must be a key VOMO answers 404 for
            for (CorrectionOutcome o : outcomes) {
                if (o.customer().equals(c.id()) && o.action() == ActionKind.PROPAGATE_DELETION && applied(o)) {
                    int status = status(c, o.key(), statusCache);
                    if (status != 404) {
                        falseDeletions.add(o.key() + " (propagated, VOMO answers " + status + ")");
                    }
                }
            }

            // the table: per class, distinct keys
            Map<TruthClass, Map<String, Instant>> byClass = new TreeMap<>();
            for (TruthEntry t : e2e.sandbox().truth().entries()) {
                if (t.customer().equals(c.id())) {
                    byClass.computeIfAbsent(t.kind(), k -> new LinkedHashMap<>()).putIfAbsent(t.key(), t.at());
                }
            }
            for (Map.Entry<TruthClass, Map<String, Instant>> e : byClass.entrySet()) {
                TruthClass kind = e.getKey();
                if (!Expectations.scored(kind)) {
                    rows.add(new Scorecard.Row(c.id(), kind, e.getValue().size(), 0, 0, 0, 0, 0, 0, false));
                    continue;
                }
                int gaps = 0;
                int detected = 0;
                int corrected = 0;
                int held = 0;
                int open = 0;
                int byPartner = 0;
                for (Map.Entry<String, Instant> k : e.getValue().entrySet()) {
                    String key = k.getKey();
                    Instant at = k.getValue();
                    boolean det = detectedBy(kind, key, at, findingsByKey) || detectedBy(kind, projectKey(key), at, findingsByKey);
                    boolean wasHeld = reviewsByKey.getOrDefault(key, List.of()).stream()
                            .anyMatch(r -> !r.heldAt().isBefore(at) && Expectations.detectsHeld(kind, r.finding()));
                    det = det || wasHeld;
                    boolean ok = finalOk(c, kind, key, live, dest, statusCache, lastClass);
                    if (det) {
                        gaps++;
                        detected++;
                    } else if (ok) {
                        byPartner++;
                    } else {
                        gaps++;
                    }
                    if (wasHeld) {
                        held++;
                    }
                    // corrected: found, and the key is right now (written by the sink, or, for scope changes,
                    // permission losses and soft deletes, rightly left alone)
                    if (det && ok) {
                        corrected++;
                    }
                    if (!ok) {
                        open++;
                    }
                }
                rows.add(new Scorecard.Row(c.id(), kind, e.getValue().size(), gaps, detected, corrected, held, open, byPartner, true));
            }
        }

        List<Scorecard.Check> checks = new ArrayList<>();
        checks.add(recall(rows));
        checks.add(new Scorecard.Check("zero false deletions", falseDeletions.isEmpty(),
                falseDeletions.isEmpty() ? "no destination row of a record VOMO still has was deleted"
                        : falseDeletions.size() + " false deletion(s), e.g. " + head(falseDeletions)));
        checks.add(deletionsOnlyFromCompleteRuns(findings, summaries));
        checks.add(new Scorecard.Check("anonymized users erased, not deleted", notErased.isEmpty(),
                notErased.isEmpty() ? "every anonymized user's row is erased and kept" : notErased.size() + " not erased, e.g. " + head(notErased)));
        checks.addAll(convergence(summaries, findings, mismatchCount, mismatches));
        checks.addAll(holds());
        checks.addAll(throttling());
        Map<String, Long> verdicts = new TreeMap<>();
        summaries.values().forEach(s -> verdicts.merge(s.verdict().name(), 1L, Long::sum));
        return new Scorecard(rows, checks, verdicts);
    }

    private static boolean detectedBy(TruthClass kind, String key, Instant at, Map<String, List<Finding>> byKey) {
        if (key == null) {
            return false;
        }
        return byKey.getOrDefault(key, List.of()).stream()
                .anyMatch(f -> f.status() == FindingStatus.OPEN && !f.detectedAt().isBefore(at) && Expectations.detects(kind, f));
    }

    /** Project dates are also detected through their project's SCHEDULE_DRIFT. */
    private static String projectKey(String key) {
        RecordKey k = RecordKey.parse(key);
        if (Resource.PROJECT_DATES.path().equals(k.resource())) {
            return RecordKey.of(k.customer(), Resource.PROJECTS, k.idPath().get(0)).encode();
        }
        return null;
    }

    private boolean finalOk(SandboxCustomer c, TruthClass kind, String key, Map<String, JsonNode> live, Map<String, Row> dest,
                            Map<String, Integer> statusCache, Map<String, TruthClass> lastClass) throws IOException, InterruptedException {
        if (key.endsWith("/")) {
            return true;
        }
        Row row = dest.get(key);
        JsonNode v = live.get(key);
        Resource r = Resource.require(RecordKey.parse(key).resource());
        if (v != null) {
            return row != null && !row.deleted() && FieldMapping.fromVomo(r, v).equals(row.fields());
        }
        if (row == null) {
            return true;
        }
        int status = status(c, key, statusCache);
        if (status == 404) {
            return row.deleted();
        }
        if (lastClass.get(key) == TruthClass.ANONYMIZED) {
            return row.erased() && !row.deleted();
        }
        return !row.deleted();
    }

    private int status(SandboxCustomer c, String key, Map<String, Integer> cache) throws IOException, InterruptedException {
        Integer s = cache.get(key);
        if (s == null) {
            s = oracle.byId(RecordKey.parse(key), c.token()).status();
            cache.put(key, s);
        }
        return s;
    }

    private static boolean applied(CorrectionOutcome o) {
        return o.outcome() == CorrectionOutcome.Outcome.APPLIED || o.outcome() == CorrectionOutcome.Outcome.ALREADY_APPLIED;
    }

    private Map<String, Row> destination(String customer) throws SQLException {
        Map<String, Row> out = new HashMap<>();
        try (Connection conn = e2e.destination().getConnection()) {
            for (Resource r : Resource.values()) {
                try (PreparedStatement q = conn.prepareStatement("SELECT * FROM " + FieldMapping.table(r) + " WHERE customer = ?")) {
                    q.setString(1, customer);
                    try (ResultSet rs = q.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        while (rs.next()) {
                            Map<String, String> raw = new HashMap<>();
                            for (int i = 1; i <= md.getColumnCount(); i++) {
                                raw.put(md.getColumnName(i), rs.getString(i));
                            }
                            out.put(raw.get("record_key"), new Row(FieldMapping.fromDestination(r, raw), rs.getBoolean("deleted"),
                                    raw.get("erased_at") != null));
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String differing(Map<String, String> want, Map<String, String> have) {
        List<String> out = new ArrayList<>();
        for (String k : want.keySet()) {
            if (!Objects.equals(want.get(k), have.get(k))) {
                out.add(k);
            }
        }
        for (String k : have.keySet()) {
            if (!want.containsKey(k)) {
                out.add(k);
            }
        }
        return out.toString();
    }

    private static Scorecard.Check recall(List<Scorecard.Row> rows) {
        Map<TruthClass, int[]> byClass = new TreeMap<>();
        for (Scorecard.Row r : rows) {
            if (r.scored()) {
                int[] a = byClass.computeIfAbsent(r.kind(), k -> new int[2]);
                a[0] += r.detected();
                a[1] += r.gaps();
            }
        }
        List<String> short_ = new ArrayList<>();
        byClass.forEach((k, a) -> {
            if (a[0] < a[1]) {
                short_.add(k + " " + a[0] + "/" + a[1]);
            }
        });
        int det = byClass.values().stream().mapToInt(a -> a[0]).sum();
        int gaps = byClass.values().stream().mapToInt(a -> a[1]).sum();
        return new Scorecard.Check("recall 100 % on every detectable class", short_.isEmpty(),
                short_.isEmpty() ? det + " of " + gaps + " gaps detected over " + byClass.size() + " classes"
                        : "missed: " + String.join(", ", short_));
    }

    private static Scorecard.Check deletionsOnlyFromCompleteRuns(List<Finding> findings, Map<String, RunSummary> summaries) {
        List<String> bad = new ArrayList<>();
        for (Finding f : findings) {
            if (f.kind().family() == FindingKind.Family.DELETION && f.status() != FindingStatus.RESOLVED) {
                RunSummary s = summaries.get(f.runId());
                if (s == null || s.status() != RunStatus.COMPLETED || !s.deletionsDerived()) {
                    bad.add(f.key() + " from run " + f.runId() + (s == null ? " (no summary)" : " (" + s.status() + ")"));
                }
            }
        }
        return new Scorecard.Check("deletions only from complete runs", bad.isEmpty(),
                bad.isEmpty() ? "every deletion candidate came from a complete run that derived deletions"
                        : bad.size() + " from aborted or incomplete runs, e.g. " + head(bad));
    }

    private List<Scorecard.Check> convergence(Map<String, RunSummary> summaries, List<Finding> findings, int mismatchCount,
                                              List<String> mismatches) {
        List<Scorecard.Check> out = new ArrayList<>();
        List<String> lastRound = e2e.checkingRound();
        long gapsInLastRound = 0;
        long incomplete = 0;
        for (String runId : lastRound) {
            RunSummary s = summaries.get(runId);
            if (s == null || s.status() != RunStatus.COMPLETED) {
                incomplete++;
                continue;
            }
            for (Map.Entry<FindingKind, Long> f : s.findings().entrySet()) {
                if (f.getKey().family() != FindingKind.Family.DELETION) {
                    gapsInLastRound += f.getValue();
                }
            }
        }
        Map<String, Finding> latest = new LinkedHashMap<>();
        findings.forEach(f -> latest.put(f.findingId(), f));
        List<String> open = latest.values().stream()
                .filter(f -> f.status() == FindingStatus.CANDIDATE || f.actionable())
                .map(f -> f.key() + " " + f.kind() + f.verdict().map(v -> "/" + v).orElse("")).toList();
        out.add(new Scorecard.Check("final full reconciliation finds zero open gaps",
                !lastRound.isEmpty() && gapsInLastRound == 0 && incomplete == 0 && open.isEmpty(),
                lastRound.size() + " final runs, " + incomplete + " incomplete, " + gapsInLastRound + " gap/drift findings in them, "
                        + open.size() + " actionable finding(s) still open" + (open.isEmpty() ? "" : ", e.g. " + head(open))));
        out.add(new Scorecard.Check("destination equals VOMO through the mapping", mismatchCount == 0,
                mismatchCount == 0 ? "every listed record matches its destination row; every gone record is deleted there"
                        : mismatchCount + " key(s) differ, e.g. " + String.join("; ", mismatches)));
        return out;
    }

    private List<Scorecard.Check> holds() {
        List<Scorecard.Check> out = new ArrayList<>();
        if (e2e.settings().stuckCustomer().isEmpty()) {
            return out;
        }
        String stuck = e2e.settings().stuckCustomer().get();
        List<EndToEnd.HoldEvidence> broken = e2e.holds().stream()
                .filter(h -> h.customer().equals(stuck) && h.diagnosis() == io.vomorecon.schemas.values.DiagnosisCode.POLLING_BROKEN)
                .toList();
        boolean ok = !broken.isEmpty() && broken.stream().allMatch(h -> h.appliedBeforeApproval() == 0
                && h.appliedAfterApproval() >= h.heldGapFindings() && h.heldGapFindings() > 0);
        out.add(new Scorecard.Check("anomaly hold: checkpoint stuck held as POLLING_BROKEN until approved", ok,
                broken.isEmpty() ? "no POLLING_BROKEN hold for " + stuck
                        : broken.stream().map(h -> h.runId() + ": " + h.heldFindings() + " held, " + h.appliedBeforeApproval()
                        + " applied before approval, " + h.appliedAfterApproval() + " after").collect(Collectors.joining("; "))));
        return out;
    }

    private List<Scorecard.Check> throttling() {
        List<Scorecard.Check> out = new ArrayList<>();
        E2eSettings s = e2e.settings();
        if (s.rateLimit() > 0) {
            double allowed = s.rateLimit() * s.throttleShare();
            double slack = allowed * 1.2;
            List<String> over = new ArrayList<>();
            StringBuilder peaks = new StringBuilder();
            for (SandboxCustomer c : e2e.sandbox().customers()) {
                double peak = e2e.meter().peakPollerRate(c.id());
                peaks.append(String.format("%s %.1f ", c.id(), peak));
                if (peak > slack) {
                    over.add(String.format("%s %.1f req/s", c.id(), peak));
                }
            }
            out.add(new Scorecard.Check("vomo-recon stays within its share of each token's rate limit", over.isEmpty(),
                    String.format("share %.1f req/s of %.0f; peak 5-s rate per customer: %s", allowed, s.rateLimit(), peaks.toString().trim())
                            + (over.isEmpty() ? "" : "; over: " + over)));
        }
        int[] p = e2e.partnerThroughReconciliation();
        long partnerServed = e2e.meter().served(EndToEnd.PARTNER_AGENT);
        long partner429 = e2e.meter().throttled(EndToEnd.PARTNER_AGENT);
        out.add(new Scorecard.Check("the reference sync keeps polling through the reconciliation", p[0] > 0 && p[1] == p[0],
                String.format("partner served in %d of %d steps with reconciliation runs; %d requests served, %d refused with 429",
                        p[1], p[0], partnerServed, partner429)));
        return out;
    }

    private static String head(List<String> l) {
        return String.join("; ", l.subList(0, Math.min(EXAMPLES, l.size())));
    }
}
