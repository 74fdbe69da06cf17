package io.vomorecon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.sandbox.api.ApiServer;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.sandbox.world.User;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.VomoValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The API contract over a real socket: envelope, pages, filters, auth, embedded collections, order. */
class ApiConformanceTest {

    static Sandbox sandbox;
    static ApiClient acme;
    static ApiClient globex;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.of(42, new CustomerSpec("acme", 1200), new CustomerSpec("globex", 300)));
        acme = new ApiClient(sandbox.baseUrl(), sandbox.customer("acme").token());
        globex = new ApiClient(sandbox.baseUrl(), sandbox.customer("globex").token());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static long id(JsonNode n, String field) {
        return Long.parseLong(VomoValues.id(n.get(field)).orElseThrow());
    }

    static long ts(JsonNode n, String field) {
        return VomoValues.instant(n.get(field)).orElseThrow().getEpochSecond();
    }

    static long num(JsonNode n) {
        return Long.parseLong(n.asText());
    }

    static Stream<String> lists() {
        CustomerWorld w = sandbox.world().require("acme");
        long bigGroup = w.read(() -> w.groupIndex().view().stream().filter(g -> g.members.size() > 20).findFirst().orElseThrow().id());
        return Stream.of("/users", "/projects", "/groups", "/campaigns", "/organizations", "/forms", "/certificates",
                "/groups/" + bigGroup + "/members", "/forms/1/completions", "/projects/today");
    }

    @ParameterizedTest
    @MethodSource("lists")
    void everyListIsALaravelEnvelopeOfFifteenAPageWhoseLinksWalkEveryRecordOnce(String path) {
        JsonNode first = acme.get(path).json();
        long total = num(first.get("meta").get("total"));
        long lastPage = num(first.get("meta").get("last_page"));
        assertThat(num(first.get("meta").get("per_page"))).isEqualTo(15);
        assertThat(num(first.get("meta").get("current_page"))).isEqualTo(1);
        assertThat(first.get("meta").get("path").asText()).endsWith("/v1" + path);
        assertThat(first.get("links").get("prev").isNull()).isTrue();
        assertThat(first.get("links").get("first").asText()).endsWith("page=1");
        assertThat(first.get("links").get("last").asText()).endsWith("page=" + lastPage);
        assertThat(lastPage).isEqualTo(Math.max(1, (total + 14) / 15));
        assertThat(first.get("data").size()).isEqualTo((int) Math.min(15, total));
        assertThat(first.get("links").get("next").isNull()).isEqualTo(total <= 15);

        List<JsonNode> all = new ArrayList<>();
        String next = path;
        int pages = 0;
        while (next != null) {
            JsonNode page = acme.get(next).json();
            assertThat(page.get("data").size()).isLessThanOrEqualTo(15);
            page.get("data").forEach(all::add);
            pages++;
            next = page.get("links").get("next").isNull() ? null : page.get("links").get("next").asText();
        }
        assertThat(pages).isEqualTo((int) lastPage);
        assertThat(all).hasSize((int) total);
        String idField = path.endsWith("/members") ? "user_id" : "id";
        assertThat(all.stream().map(n -> id(n, idField)).distinct().count()).isEqualTo(total);
        if (!all.isEmpty() && all.get(0).has("updated_at") && !path.endsWith("/today")) {
            for (int i = 1; i < all.size(); i++) {
                long a = ts(all.get(i - 1), "updated_at");
                long b = ts(all.get(i), "updated_at");
                assertThat(a < b || (a == b && id(all.get(i - 1), idField) < id(all.get(i), idField)))
                        .as("list order by updated_at, then id, at %d", i).isTrue();
            }
        }
    }

    @Test
    void aPageBeyondTheLastIsEmptyWithNoNextLink() {
        JsonNode page = acme.get("/users?page=9999").json();
        assertThat(page.get("data").size()).isZero();
        assertThat(page.get("links").get("next").isNull()).isTrue();
        assertThat(page.get("meta").get("from").isNull()).isTrue();
    }

    @Test
    void linksKeepTheFiltersOfTheQuery() {
        JsonNode page = acme.get("/users?updated_after=2020-01-01T00:00:00Z").json();
        assertThat(page.get("links").get("next").asText()).contains("updated_after=2020-01-01T00%3A00%3A00Z").endsWith("page=2");
    }

    @Test
    void updatedAndCreatedFiltersAreInclusiveAndAcceptEveryTimestampShape() {
        List<JsonNode> users = acme.all("/users");
        JsonNode probe = users.get(users.size() / 2);
        long t = ts(probe, "updated_at");
        long probeId = id(probe, "id");
        for (int shape = 0; shape < 3; shape++) {
            String at = io.vomorecon.sandbox.api.Render.timestamp(t, shape).replace(" ", "%20").replace("+", "%2B");
            assertThat(ids(acme.all("/users?updated_after=" + at))).contains(probeId);
            assertThat(ids(acme.all("/users?updated_before=" + at))).contains(probeId);
            assertThat(ids(acme.all("/users?updated_after=" + at + "&updated_before=" + at))).contains(probeId);
        }
        String after = Instant.ofEpochSecond(t + 1).toString();
        String before = Instant.ofEpochSecond(t - 1).toString();
        assertThat(ids(acme.all("/users?updated_after=" + after))).doesNotContain(probeId);
        assertThat(ids(acme.all("/users?updated_before=" + before))).doesNotContain(probeId);
        long expectedAfter = users.stream().filter(u -> ts(u, "updated_at") >= t).count();
        assertThat(acme.all("/users?updated_after=" + Instant.ofEpochSecond(t))).hasSize((int) expectedAfter);

        long c = ts(probe, "created_at");
        assertThat(ids(acme.all("/users?created_after=" + Instant.ofEpochSecond(c) + "&created_before=" + Instant.ofEpochSecond(c))))
                .contains(probeId);
        assertThat(ids(acme.all("/users?created_after=" + Instant.ofEpochSecond(c + 1)))).doesNotContain(probeId);
    }

    @Test
    void nameAndEmailFiltersMatchCaseInsensitively() {
        JsonNode probe = acme.get("/users").json().get("data").get(3);
        String last = probe.get("last_name").asText();
        List<JsonNode> byName = acme.all("/users?name_like=" + last.toUpperCase().replace(" ", "%20"));
        assertThat(byName).isNotEmpty().allMatch(u -> u.get("full_name").asText().toLowerCase().contains(last.toLowerCase()));
        String mail = probe.get("email").asText();
        assertThat(ids(acme.all("/users?email_like=" + mail.substring(0, mail.indexOf('@'))))).contains(id(probe, "id"));
    }

    @Test
    void aFilterValueThatIsNotADateIsAValidationError() {
        ApiClient.Reply r = acme.get("/users?updated_after=yesterday");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").has("updated_after")).isTrue();
    }

    @Test
    void noOrAnUnknownTokenIsUnauthenticated() {
        ApiClient.Reply none = acme.as(null).get("/users");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("message").asText()).isEqualTo("Unauthenticated.");
        assertThat(acme.as("not-a-token").get("/users/1").status()).isEqualTo(401);
    }

    @Test
    void anotherOrganisationsRecordIsNotFound() {
        long globexUser = id(globex.get("/users").json().get("data").get(0), "id");
        assertThat(globex.get("/users/" + globexUser).status()).isEqualTo(200);
        ApiClient.Reply r = acme.get("/users/" + globexUser);
        assertThat(r.status()).isEqualTo(404);
        long globexProject = id(globex.get("/projects").json().get("data").get(0), "id");
        assertThat(acme.get("/projects/" + globexProject).status()).isEqualTo(404);
        assertThat(acme.get("/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void aRecordTheTokenLostPermissionOnIsForbiddenAndLeavesTheList() {
        String key = sandbox.mutations().inject("globex", TruthClass.PERMISSION_NARROWED).orElseThrow().key();
        String userId = RecordKey.parse(key).id();
        ApiClient.Reply r = globex.get("/users/" + userId);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("message").asText()).isEqualTo("This action is unauthorized.");
        assertThat(ids(globex.all("/users"))).doesNotContain(Long.parseLong(userId));
    }

    @Test
    void organisationsAreTheOwnAndTheSisterAndTheParentIsForbidden() {
        SandboxCustomer c = sandbox.customer("acme");
        List<JsonNode> orgs = acme.all("/organizations");
        assertThat(ids(orgs)).containsExactly(c.organizationId(), c.sisterOrganizationId());
        assertThat(acme.get("/organizations/" + c.organizationId()).json().get("data").get("slug").asText()).isEqualTo("acme");
        long parent = id(orgs.get(0), "parent_id");
        assertThat(acme.get("/organizations/" + parent).status()).isEqualTo(403);
    }

    @Test
    void userDetailEmbedsParticipationsAndProfileFieldValues() {
        CustomerWorld w = sandbox.world().require("acme");
        long userId = w.read(() -> w.userIndex().view().stream().filter(u -> !w.participationsOf(u.id()).isEmpty())
                .findFirst().orElseThrow().id());
        JsonNode u = acme.get("/users/" + userId).json().get("data");
        assertThat(u.get("participations").size()).isPositive();
        JsonNode p = u.get("participations").get(0);
        assertThat(id(p, "user_id")).isEqualTo(userId);
        for (String f : List.of("id", "project_date_id", "project_id", "signed_up_at", "hours", "verified", "role", "guests", "status")) {
            assertThat(p.has(f)).as(f).isTrue();
        }
        assertThat(p.has("updated_at")).isFalse();
        assertThat(u.get("profile_field_values").isArray()).isTrue();
    }

    @Test
    void projectDetailEmbedsItsDatesAndEachDateItsParticipants() {
        JsonNode project = acme.get("/projects").json().get("data").get(0);
        JsonNode detail = acme.get("/projects/" + id(project, "id")).json().get("data");
        assertThat(detail.get("all_dates").size()).isGreaterThanOrEqualTo(3);
        assertThat(detail.has("next_date")).isTrue();
        JsonNode date = detail.get("all_dates").get(0);
        JsonNode full = acme.get("/projects/date/" + id(date, "id")).json().get("data");
        assertThat(id(full, "project_id")).isEqualTo(id(project, "id"));
        assertThat(full.get("participants").isArray()).isTrue();
        full.get("participants").forEach(p -> assertThat(id(p, "project_date_id")).isEqualTo(id(date, "id")));
    }

    @Test
    void groupsNestThroughParentIdAndFormsCarryTheirFields() {
        List<JsonNode> groups = acme.all("/groups");
        assertThat(groups).anyMatch(g -> g.get("parent_id").isNull()).anyMatch(g -> !g.get("parent_id").isNull());
        JsonNode form = acme.get("/forms").json().get("data").get(0);
        assertThat(form.get("fields").size()).isGreaterThanOrEqualTo(3);
        JsonNode completion = acme.get("/forms/" + id(form, "id") + "/completions").json().get("data").get(0);
        assertThat(acme.get("/forms/" + id(form, "id") + "/completions/" + id(completion, "id")).status()).isEqualTo(200);
        assertThat(completion.get("field_responses").get(0).get("value").isTextual()).isTrue();
    }

    @Test
    void anUpdateMovesTheRecordToTheEndSoAScanUnderChangeSkipsAndRepeats() {
        CustomerWorld w = sandbox.world().require("acme");
        JsonNode page1 = acme.get("/users").json();
        List<Long> seen = new ArrayList<>(ids(page1.get("data")));
        long total = num(page1.get("meta").get("total"));
        // three records already read change: they move to the end, the rest shifts three places forward
        for (long moved : seen.subList(0, 3)) {
            sandbox.clock().advance(java.time.Duration.ofSeconds(1));
            w.write(() -> {
                User u = w.user(moved).orElseThrow();
                w.changeUser(u, sandbox.clock().epochSecond(), x -> x.membershipRole = "coordinator");
            });
        }
        String next = page1.get("links").get("next").asText();
        while (next != null) {
            JsonNode page = acme.get(next).json();
            seen.addAll(ids(page.get("data")));
            next = page.get("links").get("next").isNull() ? null : page.get("links").get("next").asText();
        }
        Set<Long> distinct = new HashSet<>(seen);
        assertThat(seen).hasSize((int) total);
        assertThat(distinct).hasSize((int) total - 3);
        assertThat(seen.subList(seen.size() - 3, seen.size())).containsExactlyElementsOf(seen.subList(0, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/users/abc", "/projects/date/0", "/forms/999/completions", "/groups/1/members"})
    void unknownIdsAreNotFound(String path) {
        assertThat(acme.get(path).status()).isEqualTo(404);
    }

    static List<Long> ids(Iterable<JsonNode> nodes) {
        List<Long> out = new ArrayList<>();
        nodes.forEach(n -> out.add(id(n, "id")));
        return out;
    }

    static int pageSize() {
        return ApiServer.PAGE_SIZE;
    }
}
