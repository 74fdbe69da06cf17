package io.vomorecon.poller.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.poller.vomo.ListRejected;
import io.vomorecon.poller.vomo.VomoCallFailed;
import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.poller.vomo.VomoResponse;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.VomoValues;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.schemas.values.Verification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a deletion candidate by id and says what its absence meant (CONTRACTS.md,
 * "Verification"): 404 DELETED; 403 PERMISSION_NARROWED; 200 in another organisation
 * SCOPE_CHANGE; 200 with status deleted (how VOMO keeps a deleted project date) DELETED; 200 with
 * the scrubbed "Deleted User" identity ANONYMIZED; 200 with an inactive
 * membership or status SOFT_DELETED; 200 otherwise FILTER_MISMATCH. A nested key whose parent
 * answers 404 is DELETED, and so is a child missing from its (readable) parent. Forms and
 * certificates have no detail endpoint: their complete list is re-read instead.
 *
 * <p>Every read goes through a {@link SharedReads}: candidates verified with the same one (one poll
 * batch) share a parent read (a date's participations read the date once, a group's members scan it
 * once, forms and certificates read their list once). Evidence is the same whether a read was sent
 * or shared. Thread-safe: one instance verifies a batch's candidates concurrently.
 *
 * <p>Evidence names statuses, ids and field names, never personal values.
 */
public final class DeletionVerifier {

    private static final Pattern SCRUBBED_EMAIL = Pattern.compile("^vomodeleteduser\\d+@vomo\\.org$", Pattern.CASE_INSENSITIVE);

    /** A customer as the verifier needs it: its client and its own organisation id. */
    public record Target(VomoClient client, String organizationId) {
    }

    /** The answer could not be turned into a verdict (401, 422, ...): try again later. */
    public static final class Undecidable extends Exception {
        public Undecidable(String message) {
            super(message);
        }
    }

    private final Clock clock;

    public DeletionVerifier(Clock clock) {
        this.clock = clock;
    }

    /** One candidate on its own: every read is sent. */
    public Verification verify(Finding finding, Target target) throws VomoCallFailed, Undecidable {
        try (SharedReads reads = new SharedReads()) {
            return verify(finding, target, reads);
        }
    }

    /** One candidate of a batch: reads another candidate of the batch already made are not sent again. */
    public Verification verify(Finding finding, Target target, SharedReads reads) throws VomoCallFailed, Undecidable {
        RecordKey key = RecordKey.parse(finding.key());
        Resource resource = Resource.require(key.resource());
        List<String> ids = key.idPath();
        VomoClient client = target.client();
        Decision d = switch (resource) {
            case USERS, PROJECTS, GROUPS, CAMPAIGNS -> byId(reads.get(client, resource.path() + "/" + seg(ids.get(0))), target);
            case PROJECT_DATES -> byId(reads.get(client, "projects/date/" + seg(ids.get(1))), target);
            case FORM_COMPLETIONS -> byId(reads.get(client, "forms/" + seg(ids.get(0)) + "/completions/" + seg(ids.get(1))), target);
            case PARTICIPATIONS -> participation(reads, client, ids.get(0), ids.get(1), target);
            case GROUP_MEMBERS -> member(reads, client, ids.get(0), ids.get(1), target);
            case FORMS, CERTIFICATES -> inList(reads, client, resource.path(), ids.get(0), target);
        };
        return new Verification(Topics.SCHEMA_VERSION, finding.customer(), resource.path(), finding.key(), finding.findingId(),
                finding.runId(), d.verdict(), d.status(), d.evidence(), clock.instant());
    }

    private record Decision(Verdict verdict, int status, String evidence) {
    }

    private Decision byId(VomoResponse r, Target t) throws Undecidable {
        return switch (r.status()) {
            case 404 -> new Decision(Verdict.DELETED, 404, "GET " + r.path() + " answered 404");
            case 403 -> new Decision(Verdict.PERMISSION_NARROWED, 403, "GET " + r.path() + " answered 403");
            default -> {
                if (!r.ok()) {
                    throw new Undecidable("GET " + r.path() + " answered HTTP " + r.status());
                }
                yield classify(r.record(), r.status(), "GET " + r.path(), t);
            }
        };
    }

    private Decision participation(SharedReads reads, VomoClient client, String dateId, String userId, Target t)
            throws VomoCallFailed, Undecidable {
        VomoResponse r = reads.get(client, "projects/date/" + seg(dateId));
        if (r.status() == 404) {
            return new Decision(Verdict.DELETED, 404, "parent: GET " + r.path() + " answered 404");
        }
        if (r.status() == 403) {
            return new Decision(Verdict.PERMISSION_NARROWED, 403, "parent: GET " + r.path() + " answered 403");
        }
        if (!r.ok()) {
            throw new Undecidable("GET " + r.path() + " answered HTTP " + r.status());
        }
        if (deletedStatus(r.record())) {
            return new Decision(Verdict.DELETED, r.status(), "parent: GET " + r.path() + " answered " + r.status() + " with status deleted");
        }
        for (JsonNode p : r.record().path("participants")) {
            if (idEquals(p.get("user_id"), userId)) {
                return classify(p, r.status(), "participant " + userId + " of GET " + r.path(), t);
            }
        }
        return new Decision(Verdict.DELETED, 200, "GET " + r.path() + " answered 200 without participant " + userId);
    }

    private Decision member(SharedReads reads, VomoClient client, String groupId, String userId, Target t)
            throws VomoCallFailed, Undecidable {
        String path = "groups/" + seg(groupId) + "/members";
        List<JsonNode> members;
        try {
            members = reads.scan(client, path);
        } catch (ListRejected e) {
            if (e.page() == 1 && e.httpStatus() == 404) {
                return new Decision(Verdict.DELETED, 404, "parent: GET " + e.path() + " answered 404");
            }
            if (e.page() == 1 && e.httpStatus() == 403) {
                return new Decision(Verdict.PERMISSION_NARROWED, 403, "parent: GET " + e.path() + " answered 403");
            }
            throw new Undecidable(e.getMessage());
        }
        for (JsonNode m : members) {
            if (idEquals(m.get("user_id"), userId)) {
                return classify(m, 200, "member " + userId + " in GET /" + path, t);
            }
        }
        return new Decision(Verdict.DELETED, 200, "GET /" + path + " lists " + members.size() + " members, not " + userId);
    }

    private Decision inList(SharedReads reads, VomoClient client, String path, String id, Target t)
            throws VomoCallFailed, Undecidable {
        List<JsonNode> found;
        try {
            found = reads.scan(client, path).stream().filter(r -> idEquals(r.get("id"), id)).toList();
        } catch (ListRejected e) {
            if (e.httpStatus() == 403) {
                return new Decision(Verdict.PERMISSION_NARROWED, 403, "GET " + e.path() + " answered 403");
            }
            throw new Undecidable(e.getMessage());
        }
        if (found.isEmpty()) {
            return new Decision(Verdict.DELETED, 200, "no detail endpoint; absent from every page of GET /" + path);
        }
        return classify(found.get(0), 200, "in GET /" + path, t);
    }

    private Decision classify(JsonNode record, int status, String where, Target t) {
        Optional<String> org = safeId(record.get("organization_id"));
        if (org.isPresent() && !org.get().equals(t.organizationId())) {
            return new Decision(Verdict.SCOPE_CHANGE, status, where + " answered " + status + " with organization_id " + org.get()
                    + ", not the customer's " + t.organizationId());
        }
        // VOMO keeps a deleted project date as status "deleted" (VOMO-API.md): a detail read that shows it is a deletion.
        if (deletedStatus(record)) {
            return new Decision(Verdict.DELETED, status, where + " answered " + status + " with status deleted");
        }
        if (scrubbed(record)) {
            return new Decision(Verdict.ANONYMIZED, status, where + " answered " + status
                    + " with the scrubbed 'Deleted User' identity (vomodeleteduser e-mail)");
        }
        for (String field : List.of("membership_status", "status")) {
            JsonNode v = record.get(field);
            if (v != null && v.isTextual() && v.asText().trim().toLowerCase(Locale.ROOT).equals("inactive")) {
                return new Decision(Verdict.SOFT_DELETED, status, where + " answered " + status + " with " + field + " inactive");
            }
        }
        return new Decision(Verdict.FILTER_MISMATCH, status, where + " answered " + status
                + ": still there, in the customer's organisation and active; the list query missed it");
    }

    private static boolean deletedStatus(JsonNode record) {
        JsonNode state = record.get("status");
        return state != null && state.isTextual() && state.asText().trim().toLowerCase(Locale.ROOT).equals("deleted");
    }

    static boolean scrubbed(JsonNode record) {
        JsonNode email = record.get("email");
        if (email != null && email.isTextual()) {
            return SCRUBBED_EMAIL.matcher(email.asText().trim()).matches();
        }
        return "Deleted".equals(record.path("first_name").asText(null)) && "User".equals(record.path("last_name").asText(null));
    }

    private static boolean idEquals(JsonNode node, String id) {
        return safeId(node).map(id::equals).orElse(false);
    }

    private static Optional<String> safeId(JsonNode n) {
        try {
            return VomoValues.id(n);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String seg(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
