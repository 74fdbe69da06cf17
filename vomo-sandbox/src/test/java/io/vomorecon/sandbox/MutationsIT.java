package io.vomorecon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.truth.TruthEntry;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.VomoValues;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mutation kind, injected, is visible over the API exactly as its class says, and is in
 * the ground truth at the simulated second it happened.
 */
class MutationsIT {

    static Sandbox sandbox;
    static ApiClient api;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.of(33, new CustomerSpec("acme", 600)).withRates(MutationRates.none()));
        api = new ApiClient(sandbox.baseUrl(), sandbox.customer("acme").token());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Stream<TruthClass> mutations() {
        return Arrays.stream(TruthClass.values()).filter(c -> c.family() == TruthClass.Family.MUTATION);
    }

    static long ts(JsonNode n, String f) {
        return VomoValues.instant(n.get(f)).orElseThrow().getEpochSecond();
    }

    static String id(JsonNode n, String f) {
        return VomoValues.id(n.get(f)).orElseThrow();
    }

    static JsonNode data(String path) {
        ApiClient.Reply r = api.get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.json().get("data");
    }

    static Set<String> listIds(String path, String field) {
        return api.all(path).stream().map(n -> id(n, field)).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @MethodSource("mutations")
    void eachMutationHappensAsItsClassSaysAndIsRecorded(TruthClass kind) {
        Map<String, String> hashesBefore = new HashMap<>();
        if (kind == TruthClass.SILENT_CHANGE) {
            api.all("/users").forEach(u -> hashesBefore.put(id(u, "id"), ContentHash.of(u) + "@" + ts(u, "updated_at")));
        }
        TruthEntry e = sandbox.mutations().inject("acme", kind).orElseThrow();
        assertThat(sandbox.truth().entries()).contains(e);
        assertThat(e.at()).isEqualTo(sandbox.clock().instant());
        long at = e.at().getEpochSecond();
        RecordKey key = RecordKey.parse(e.key());
        List<String> ids = key.idPath();
        switch (kind) {
            case CREATE -> {
                assertThat(ts(data("/users/" + ids.get(0)), "created_at")).isEqualTo(at);
                assertThat(listIds("/users?updated_after=" + e.at(), "id")).contains(ids.get(0));
            }
            case UPDATE -> {
                String path = "/" + key.resource() + "/" + ids.get(0);
                assertThat(ts(data(path), "updated_at")).isEqualTo(at);
            }
            case HARD_DELETE -> assertThat(api.get("/" + key.resource() + "/" + ids.get(0)).status()).isEqualTo(404);
            case SOFT_DELETE -> {
                assertThat(data("/users/" + ids.get(0)).get("membership_status").asText()).isEqualTo("inactive");
                assertThat(listIds("/users?updated_after=" + e.at(), "id")).doesNotContain(ids.get(0));
            }
            case SCOPE_CHANGE -> assertThat(id(data("/users/" + ids.get(0)), "organization_id"))
                    .isEqualTo(Long.toString(sandbox.customer("acme").sisterOrganizationId()));
            case PERMISSION_NARROWED -> assertThat(api.get("/users/" + ids.get(0)).status()).isEqualTo(403);
            case ANONYMIZED -> {
                JsonNode u = data("/users/" + ids.get(0));
                assertThat(u.get("first_name").asText() + " " + u.get("last_name").asText()).isEqualTo("Deleted User");
                assertThat(u.get("email").asText()).matches("vomodeleteduser\\d+@vomo\\.org");
                assertThat(u.get("birthday").asText()).isEqualTo("1900-01-01");
                assertThat(listIds("/users", "id")).doesNotContain(ids.get(0));
            }
            case SILENT_CHANGE -> {
                JsonNode u = data("/users/" + ids.get(0));
                String before = hashesBefore.get(ids.get(0));
                assertThat(before).endsWith("@" + ts(u, "updated_at"));
                assertThat(before).doesNotStartWith(ContentHash.of(u));
            }
            case DATE_ADDED -> {
                JsonNode p = data("/projects/" + ids.get(0));
                assertThat(ts(p, "updated_at")).isLessThan(at);
                assertThat(p.get("all_dates").findValues("id").stream().map(n -> n.asText())).contains(ids.get(1));
            }
            case DATE_DELETED -> {
                assertThat(api.get("/projects/date/" + ids.get(1)).status()).isEqualTo(404);
                assertThat(data("/projects/" + ids.get(0)).get("all_dates").findValues("id").stream().map(JsonNode::asText))
                        .doesNotContain(ids.get(1));
            }
            case DATE_RESCHEDULED -> {
                assertThat(ts(data("/projects/date/" + ids.get(1)), "updated_at")).isEqualTo(at);
                assertThat(ts(data("/projects/" + ids.get(0)), "updated_at")).isLessThan(at);
            }
            case PARTICIPATION_ADDED -> {
                JsonNode d = data("/projects/date/" + ids.get(0));
                assertThat(participant(d, ids.get(1))).isNotNull();
                JsonNode u = data("/users/" + ids.get(1));
                assertThat(ts(u, "updated_at")).isLessThan(at);
                assertThat(u.get("participations").findValues("project_date_id").stream().map(JsonNode::asText)).contains(ids.get(0));
            }
            case PARTICIPATION_CANCELLED -> assertThat(participant(data("/projects/date/" + ids.get(0)), ids.get(1))
                    .get("status").asText()).isEqualTo("cancelled");
            case MEMBER_ADDED -> {
                assertThat(listIds("/groups/" + ids.get(0) + "/members", "user_id")).contains(ids.get(1));
                assertThat(ts(data("/groups/" + ids.get(0)), "updated_at")).isLessThan(at);
            }
            case MEMBER_DEACTIVATED -> assertThat(api.all("/groups/" + ids.get(0) + "/members?status=inactive").stream()
                    .map(m -> id(m, "user_id"))).contains(ids.get(1));
            case MEMBER_REMOVED -> assertThat(listIds("/groups/" + ids.get(0) + "/members", "user_id")).doesNotContain(ids.get(1));
            case PARENT_CHANGED -> {
                JsonNode g = data("/groups/" + ids.get(0));
                assertThat(ts(g, "updated_at")).isEqualTo(at);
                assertThat(e.detail()).endsWith("-> " + (g.get("parent_id").isNull() ? "0" : id(g, "parent_id")));
            }
            case COMPLETION_ADDED -> assertThat(ts(data("/forms/" + ids.get(0) + "/completions/" + ids.get(1)), "created_at")).isEqualTo(at);
            case COMPLETION_EDITED -> {
                JsonNode c = data("/forms/" + ids.get(0) + "/completions/" + ids.get(1));
                assertThat(ts(c, "updated_at")).isEqualTo(at);
                assertThat(ts(c, "created_at")).isLessThan(at);
            }
            default -> throw new AssertionError("no check for " + kind);
        }
    }

    static JsonNode participant(JsonNode date, String userId) {
        for (JsonNode p : date.get("participants")) {
            if (id(p, "user_id").equals(userId)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void aUsersHardDeletionTakesItsParticipationsAndMembershipsWithIt() {
        int before = sandbox.truth().size();
        TruthEntry e = sandbox.mutations().inject("acme", TruthClass.HARD_DELETE).orElseThrow();
        List<TruthEntry> cascade = sandbox.truth().entries().subList(before, sandbox.truth().size());
        for (TruthEntry c : cascade) {
            RecordKey k = RecordKey.parse(c.key());
            assertThat(c.kind()).isEqualTo(TruthClass.HARD_DELETE);
            switch (k.resource()) {
                case "participations" -> assertThat(participant(data("/projects/date/" + k.idPath().get(0)), k.id())).isNull();
                case "group-members" -> assertThat(listIds("/groups/" + k.idPath().get(0) + "/members", "user_id")).doesNotContain(k.id());
                default -> assertThat(c.key()).isIn(e.key(), c.key());
            }
        }
    }

    @Test
    void playingDaysForwardProducesEveryMutationKind() {
        try (Sandbox s = Sandbox.start(SandboxConfig.of(34, new CustomerSpec("big", 4000)).withRates(MutationRates.defaults().times(3)))) {
            s.advance(Duration.ofDays(3));
            Set<TruthClass> seen = s.truth().entries().stream().map(TruthEntry::kind).collect(Collectors.toSet());
            Set<TruthClass> all = mutations().collect(Collectors.toCollection(() -> EnumSet.noneOf(TruthClass.class)));
            assertThat(seen).containsAll(all);
            assertThat(s.clock().instant()).isEqualTo(SandboxConfig.DEFAULT_START.plus(Duration.ofDays(3)));
            List<TruthEntry> entries = s.truth().entries();
            for (int i = 1; i < entries.size(); i++) {
                assertThat(entries.get(i).at()).isAfterOrEqualTo(entries.get(i - 1).at());
            }
        }
    }
}
