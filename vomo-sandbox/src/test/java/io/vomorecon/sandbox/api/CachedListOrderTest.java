package io.vomorecon.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.MutationRates;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.sandbox.world.Form;
import io.vomorecon.sandbox.world.FormCompletion;
import io.vomorecon.sandbox.world.Group;
import io.vomorecon.sandbox.world.GroupMember;
import io.vomorecon.sandbox.world.Listed;
import io.vomorecon.schemas.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group members and form completions served from the world's cached list order give exactly the
 * lists the former filter-then-sort on every request gave, for every filter, after every kind of
 * change. Each check first reads every list (filling the caches) and then changes the world, so a
 * cache that outlived a write would answer the old order and fail.
 */
class CachedListOrderTest {

    private static final Comparator<Listed> LIST_ORDER = Comparator.comparingLong(Listed::updatedAt).thenComparingLong(Listed::id);

    private Sandbox sandbox;
    private CustomerWorld w;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxConfig.of(11, new CustomerSpec("acme", 3000)).withRates(MutationRates.none()));
        w = sandbox.world().require("acme");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** The members list as ApiServer built it before the cache: copy, filter, sort, per request. */
    private static List<GroupMember> membersSortedEveryTime(Group g, Query q) {
        OptionalLong after = q.after("updated_after");
        OptionalLong before = q.before("updated_before");
        Optional<String> status = q.get("status");
        return g.members.values().stream()
                .filter(m -> after.isEmpty() || m.updatedAt >= after.getAsLong())
                .filter(m -> before.isEmpty() || m.updatedAt <= before.getAsLong())
                .filter(m -> status.isEmpty() || m.status.equals(status.get()))
                .sorted(LIST_ORDER).toList();
    }

    /** The completions list as ApiServer built it before the cache. */
    private static List<FormCompletion> completionsSortedEveryTime(Form f, Query q) {
        OptionalLong user = q.id("user_id");
        OptionalLong createdAfter = q.after("created_after");
        OptionalLong createdBefore = q.before("created_before");
        OptionalLong updatedAfter = q.after("updated_after");
        OptionalLong updatedBefore = q.before("updated_before");
        return f.completions.values().stream()
                .filter(c -> user.isEmpty() || c.userId == user.getAsLong())
                .filter(c -> createdAfter.isEmpty() || c.createdAt >= createdAfter.getAsLong())
                .filter(c -> createdBefore.isEmpty() || c.createdAt <= createdBefore.getAsLong())
                .filter(c -> updatedAfter.isEmpty() || c.updatedAt >= updatedAfter.getAsLong())
                .filter(c -> updatedBefore.isEmpty() || c.updatedAt <= updatedBefore.getAsLong())
                .sorted(LIST_ORDER).toList();
    }

    private List<String> queries() {
        long now = sandbox.clock().epochSecond();
        String recent = Instant.ofEpochSecond(now - 200L * 86_400).toString();
        String recentDay = Instant.ofEpochSecond(now - 30L * 86_400).toString().substring(0, 10);
        long someUser = w.read(() -> w.form(1).orElseThrow().completions.firstEntry().getValue().userId);
        return List.of("", "page=2", "status=active", "status=inactive", "updated_after=" + recent, "updated_before=" + recent,
                "updated_after=" + recentDay + "&status=active", "updated_after=" + Instant.ofEpochSecond(now - 10),
                "user_id=" + someUser, "created_after=" + recent, "created_before=" + recentDay + "&updated_after=" + recent);
    }

    /** Compares every group's and form's list under every query; the element identities and order must match. */
    private int assertEveryListAsSortedEveryTime() {
        List<String> queries = queries();
        return w.read(() -> {
            int compared = 0;
            for (Group g : w.groupIndex().view()) {
                for (String raw : queries) {
                    Query q = Query.parse(raw);
                    assertThat(ApiServer.members(w, g, q)).as("group %d ?%s", g.id(), raw)
                            .containsExactlyElementsOf(membersSortedEveryTime(g, q));
                    compared++;
                }
            }
            for (Form f : w.formIndex().view()) {
                for (String raw : queries) {
                    Query q = Query.parse(raw);
                    assertThat(ApiServer.completions(w, f, q)).as("form %d ?%s", f.id(), raw)
                            .containsExactlyElementsOf(completionsSortedEveryTime(f, q));
                    compared++;
                }
            }
            return compared;
        });
    }

    /** Injects one change of a kind (a random pick may find nothing to change, e.g. a user already a member: retried). */
    private void apply(TruthClass kind) {
        for (int tries = 0; tries < 50; tries++) {
            if (sandbox.mutations().inject("acme", kind).isPresent()) {
                return;
            }
        }
        throw new AssertionError(kind + " found nothing to change in 50 tries");
    }

    @Test
    void everyMutationKindIsSeenByTheNextReadInEveryFilter() {
        List<TruthClass> kinds = List.of(TruthClass.MEMBER_ADDED, TruthClass.MEMBER_DEACTIVATED, TruthClass.MEMBER_REMOVED,
                TruthClass.COMPLETION_ADDED, TruthClass.COMPLETION_EDITED, TruthClass.HARD_DELETE);
        assertThat(assertEveryListAsSortedEveryTime()).isGreaterThan(50);
        for (int round = 0; round < 8; round++) {
            for (TruthClass kind : kinds) {
                apply(kind);
                assertEveryListAsSortedEveryTime();
            }
        }
    }

    @Test
    void directWritesOfMembersAndCompletionsAreSeenByTheNextRead() {
        assertEveryListAsSortedEveryTime();
        Group g = w.read(() -> w.groupIndex().view().stream().filter(x -> x.members.size() > 20).findFirst().orElseThrow());
        GroupMember first = w.read(() -> w.membersInListOrder(g).get(0));
        long now = sandbox.clock().epochSecond();
        // updated_at bump: the first member moves to the end
        w.write(() -> first.updatedAt = now);
        assertThat(w.read(() -> w.membersInListOrder(g).get(w.membersInListOrder(g).size() - 1))).isSameAs(first);
        assertEveryListAsSortedEveryTime();
        // status change without a bump: only the status filter sees it
        GroupMember second = w.read(() -> w.membersInListOrder(g).get(0));
        w.write(() -> second.status = "inactive");
        assertEveryListAsSortedEveryTime();
        // removal
        w.write(() -> g.members.remove(second.userId));
        assertThat(w.read(() -> w.membersInListOrder(g))).doesNotContain(second);
        assertEveryListAsSortedEveryTime();
        // a completion's bump
        Form f = w.read(() -> w.form(1).orElseThrow());
        FormCompletion c = w.read(() -> w.completionsInListOrder(f).get(0));
        w.write(() -> c.updatedAt = now);
        assertThat(w.read(() -> w.completionsInListOrder(f).get(w.completionsInListOrder(f).size() - 1))).isSameAs(c);
        assertEveryListAsSortedEveryTime();
    }

    @Test
    void everyPageOverTheHandlerCarriesTheRecordsOfTheSortedEveryTimeList() throws IOException {
        Render render = new Render(sandbox.config().quirks());
        String token = w.token();
        for (int round = 0; round < 3; round++) {
            for (Group g : w.read(() -> List.copyOf(w.groupIndex().view()))) {
                for (String raw : List.of("", "status=active")) {
                    List<GroupMember> expected = w.read(() -> membersSortedEveryTime(g, Query.parse(raw)));
                    int pages = Math.max(1, (expected.size() + 14) / 15);
                    for (int page = 1; page <= pages; page++) {
                        String sep = raw.isEmpty() ? "" : raw + "&";
                        URI uri = URI.create(sandbox.baseUrl() + "/groups/" + g.id() + "/members?" + sep + "page=" + page);
                        ApiServer.DirectAnswer a = sandbox.apiServer().get(uri, token, "test");
                        assertThat(a.status()).isEqualTo(200);
                        JsonNode body = Json.mapper().readTree(a.body());
                        List<GroupMember> slice = expected.subList((page - 1) * 15, Math.min(expected.size(), page * 15));
                        assertThat(body.get("data")).as("%s", uri).isEqualTo(rendered(render, slice));
                        assertThat(body.get("meta").get("total").asLong()).isEqualTo(expected.size());
                    }
                }
            }
            for (TruthClass kind : List.of(TruthClass.MEMBER_ADDED, TruthClass.MEMBER_DEACTIVATED, TruthClass.MEMBER_REMOVED)) {
                for (int i = 0; i < 5; i++) {
                    apply(kind);
                }
            }
        }
    }

    private static JsonNode rendered(Render render, List<GroupMember> members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (GroupMember m : members) {
                render.member(g, m);
            }
            g.writeEndArray();
        }
        return Json.mapper().readTree(out.toByteArray());
    }
}
