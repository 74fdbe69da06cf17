package io.vomorecon.poller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.poller.run.RunOutcome;
import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.poller.worker.RunExecutor;
import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.RateLimit;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.sandbox.api.ApiFault;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.sandbox.world.Form;
import io.vomorecon.sandbox.world.Group;
import io.vomorecon.sandbox.world.Project;
import io.vomorecon.sandbox.world.ProjectDate;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.RunAborted;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.TimeWindow;
import io.vomorecon.testkit.TestNames;
import io.vomorecon.testkit.WithKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every run kind against the VOMO sandbox over HTTP, published to a real broker: exactly the
 * records of the scope, correct per-partition markers, RUN_ABORTED (and no RUN_COMPLETED) when
 * the API fails mid-scan, repeats across pages published once, and 429 storms absorbed.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VomoRunsIT {

    private Sandbox sandbox;
    private PollerFixture fx;

    @BeforeAll
    void start(EmbeddedKafka kafka) {
        sandbox = Sandbox.start(SandboxConfig.of(7, new CustomerSpec("acme", 400), new CustomerSpec("globex", 300),
                new CustomerSpec("storm", 120)).withRateLimit(RateLimit.of(40, 40)));
        fx = new PollerFixture(kafka.bootstrapServers(), TestNames.uniquePrefix(), sandbox, 40, 0.5);
    }

    @AfterAll
    void stop() {
        fx.close();
        sandbox.close();
    }

    private CustomerWorld world(String c) {
        return sandbox.world().require(c);
    }

    private static String key(String c, Resource r, Object... ids) {
        return RecordKey.of(c, r, java.util.Arrays.stream(ids).map(String::valueOf).toArray(String[]::new)).encode();
    }

    @Test
    void fullRunPublishesExactlyTheListedUsersWithPerPartitionMarkers() throws Exception {
        RunOutcome o = fx.executor().vomo("acme", Resource.USERS, RunKind.FULL, Optional.empty());
        CustomerWorld w = world("acme");
        Set<String> expected = w.read(() -> {
            Set<String> s = new HashSet<>();
            w.userIndex().view().forEach(u -> s.add(key("acme", Resource.USERS, u.id())));
            return s;
        });
        PollerFixture.RunEvents ev = fx.awaitRun(o.spec().runId());
        assertThat(ev.completed()).isTrue();
        assertThat(ev.keys()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ev.countsMatch()).isTrue();
        assertThat(ev.scope()).containsExactly("acme/users/");
        assertThat(((RunCompleted) ev.markers().get(0).value()).apiCalls()).isEqualTo((expected.size() + 14) / 15);
        assertThat(o.apiCalls()).isEqualTo((expected.size() + 14) / 15);
    }

    @Test
    void scheduleRunPublishesEveryDateOfEveryProjectWithOnePrefixPerProject() throws Exception {
        RunOutcome o = fx.executor().vomo("globex", Resource.PROJECT_DATES, RunKind.SCHEDULE, Optional.empty());
        CustomerWorld w = world("globex");
        Set<String> expected = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        w.read(() -> {
            for (Project p : w.projectIndex().view()) {
                prefixes.add(RecordKey.prefix("globex", Resource.PROJECT_DATES, String.valueOf(p.id())));
                p.dates.stream().filter(d -> !d.isDeleted()).forEach(d -> expected.add(key("globex", Resource.PROJECT_DATES, p.id(), d.id)));
            }
            return null;
        });
        PollerFixture.RunEvents ev = fx.awaitRun(o.spec().runId());
        assertThat(ev.completed()).isTrue();
        assertThat(ev.keys()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ev.scope()).containsExactlyInAnyOrderElementsOf(prefixes);
        assertThat(ev.countsMatch()).isTrue();
    }

    @Test
    void membershipRunPublishesEveryMemberOfEveryGroup() throws Exception {
        RunOutcome o = fx.executor().vomo("globex", Resource.GROUP_MEMBERS, RunKind.MEMBERSHIP, Optional.empty());
        CustomerWorld w = world("globex");
        Set<String> expected = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        w.read(() -> {
            for (Group g : w.groupIndex().view()) {
                prefixes.add(RecordKey.prefix("globex", Resource.GROUP_MEMBERS, String.valueOf(g.id())));
                g.members.values().forEach(m -> expected.add(key("globex", Resource.GROUP_MEMBERS, g.id(), m.userId)));
            }
            return null;
        });
        PollerFixture.RunEvents ev = fx.awaitRun(o.spec().runId());
        assertThat(ev.completed()).isTrue();
        assertThat(ev.keys()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ev.scope()).containsExactlyInAnyOrderElementsOf(prefixes);
        assertThat(ev.countsMatch()).isTrue();
    }

    @Test
    void formCompletionsRunReadsEveryActiveForm() throws Exception {
        RunOutcome o = fx.executor().vomo("globex", Resource.FORM_COMPLETIONS, RunKind.FORM_COMPLETIONS, Optional.empty());
        CustomerWorld w = world("globex");
        Set<String> expected = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        w.read(() -> {
            for (Form f : w.formIndex().view()) {
                if (f.active) {
                    prefixes.add(RecordKey.prefix("globex", Resource.FORM_COMPLETIONS, String.valueOf(f.id())));
                    f.completions.values().forEach(c -> expected.add(key("globex", Resource.FORM_COMPLETIONS, f.id(), c.id)));
                }
            }
            return null;
        });
        PollerFixture.RunEvents ev = fx.awaitRun(o.spec().runId());
        assertThat(ev.completed()).isTrue();
        assertThat(prefixes).isNotEmpty();
        assertThat(ev.keys()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ev.scope()).containsExactlyInAnyOrderElementsOf(prefixes);
        assertThat(ev.countsMatch()).isTrue();
    }

    @Test
    void participationsRunReadsTheDatesStartingInTheWindow() throws Exception {
        Instant now = sandbox.clock().instant();
        TimeWindow window = new TimeWindow(now.minus(Duration.ofDays(3)), now.plus(Duration.ofDays(3)));
        RunOutcome o = fx.executor().vomo("globex", Resource.PARTICIPATIONS, RunKind.PARTICIPATIONS, Optional.of(window));
        CustomerWorld w = world("globex");
        Set<String> expected = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        w.read(() -> {
            for (Project p : w.projectIndex().view()) {
                for (ProjectDate d : p.dates) {
                    if (!d.isDeleted() && window.contains(Instant.ofEpochSecond(d.startsAt))) {
                        prefixes.add(RecordKey.prefix("globex", Resource.PARTICIPATIONS, String.valueOf(d.id)));
                        d.participants.forEach(pa -> expected.add(key("globex", Resource.PARTICIPATIONS, d.id, pa.userId)));
                    }
                }
            }
            return null;
        });
        PollerFixture.RunEvents ev = fx.awaitRun(o.spec().runId());
        assertThat(ev.completed()).isTrue();
        assertThat(prefixes).isNotEmpty();
        assertThat(ev.keys()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ev.scope()).containsExactlyInAnyOrderElementsOf(prefixes);
        assertThat(ev.countsMatch()).isTrue();
    }

    @Test
    void participationsRunPutsADeletedDateTheDestinationStillHoldsInItsScopeWithNoChildren() throws Exception {
        Instant now = sandbox.clock().instant();
        TimeWindow window = new TimeWindow(now.minus(Duration.ofDays(3)), now.plus(Duration.ofDays(3)));
        String deletedKey = sandbox.mutations().inject("acme", TruthClass.DATE_DELETED).orElseThrow().key();
        String deletedDate = RecordKey.parse(deletedKey).idPath().get(1);
        CustomerWorld w = world("acme");
        String liveOutside = w.read(() -> w.projectIndex().view().stream().flatMap(p -> p.dates.stream())
                .filter(d -> !d.isDeleted() && !window.contains(Instant.ofEpochSecond(d.startsAt)))
                .map(d -> String.valueOf(d.id)).findFirst().orElseThrow());

        RunOutcome without = fx.executor().vomo("acme", Resource.PARTICIPATIONS, RunKind.PARTICIPATIONS, Optional.of(window));
        RunOutcome with = fx.executor().vomo("acme", Resource.PARTICIPATIONS, RunKind.PARTICIPATIONS, Optional.of(window),
                Set.of(deletedDate, liveOutside));

        String gone = RecordKey.prefix("acme", Resource.PARTICIPATIONS, deletedDate);
        PollerFixture.RunEvents before = fx.awaitRun(without.spec().runId());
        PollerFixture.RunEvents after = fx.awaitRun(with.spec().runId());
        assertThat(before.scope()).as("all_dates no longer lists a deleted date").doesNotContain(gone);
        assertThat(after.completed()).isTrue();
        assertThat(after.scope()).contains(gone)
                .doesNotContain(RecordKey.prefix("acme", Resource.PARTICIPATIONS, liveOutside))
                .containsAll(before.scope());
        assertThat(after.keys()).noneMatch(k -> k.startsWith(gone)).containsExactlyInAnyOrderElementsOf(before.keys());
        assertThat(after.countsMatch()).isTrue();
    }

    @Test
    void incrementalRunReadsTheUsersUpdatedInItsWindow() throws Exception {
        List<String> changed = new ArrayList<>();
        Instant from = sandbox.clock().instant();
        for (int i = 0; i < 10; i++) {
            sandbox.mutations().inject("globex", TruthClass.UPDATE).filter(t -> t.key().contains("/users/")).ifPresent(t -> changed.add(t.key()));
        }
        Instant to = sandbox.clock().instant();
        RunOutcome o = fx.executor().vomo("globex", Resource.USERS, RunKind.INCREMENTAL, Optional.of(new TimeWindow(from, to)));
        CustomerWorld w = world("globex");
        Set<String> expected = w.read(() -> {
            Set<String> s = new HashSet<>();
            w.userIndex().view().stream().filter(u -> u.updatedAt() >= from.getEpochSecond() && u.updatedAt() <= to.getEpochSecond())
                    .forEach(u -> s.add(key("globex", Resource.USERS, u.id())));
            return s;
        });
        PollerFixture.RunEvents ev = fx.awaitRun(o.spec().runId());
        assertThat(ev.completed()).isTrue();
        assertThat(changed).isNotEmpty();
        assertThat(expected).containsAll(changed);
        assertThat(ev.keys()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(((RunCompleted) ev.markers().get(0).value()).window()).contains(new TimeWindow(from, to));
        assertThat(ev.countsMatch()).isTrue();
    }

    @Test
    void auditSampleReReadsTheSampleOfTheLastFullRunByIdWithExactKeysAsScope() throws Exception {
        RunExecutor ex = fx.executor();
        RunOutcome full = ex.vomo("globex", Resource.USERS, RunKind.FULL, Optional.empty());
        List<String> sample = fx.samples.get("globex", Resource.USERS).orElseThrow();
        assertThat(sample).hasSize(fx.config.auditSampleSize());
        RunOutcome audit = ex.vomo("globex", Resource.USERS, RunKind.AUDIT_SAMPLE, Optional.empty());
        PollerFixture.RunEvents ev = fx.awaitRun(audit.spec().runId());
        List<String> keys = sample.stream().map(id -> key("globex", Resource.USERS, id)).toList();
        assertThat(ev.completed()).isTrue();
        assertThat(ev.scope()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(ev.keys()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(audit.apiCalls()).isEqualTo(sample.size());
        assertThat(full.completed()).isTrue();
    }

    @Test
    void anApiFailureMidScanAbortsTheRunAndNeverCompletesIt() throws Exception {
        long before = sandbox.controls("acme").stats().servedByAgent().getOrDefault(VomoClient.USER_AGENT, 0L);
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return fx.executor().vomo("acme", Resource.USERS, RunKind.FULL, Optional.empty());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() ->
                sandbox.controls("acme").stats().servedByAgent().getOrDefault(VomoClient.USER_AGENT, 0L) >= before + 4);
        sandbox.forceFault("acme", ApiFault.ERROR_500, 1_000);
        RunOutcome o = run.get();
        sandbox.controls("acme").faults().clearForced();
        PollerFixture.RunEvents ev = fx.awaitRun(o.spec().runId());
        assertThat(o.completed()).isFalse();
        assertThat(ev.markers()).allMatch(m -> m.value() instanceof RunAborted);
        assertThat(ev.markers()).extracting(m -> ((RunAborted) m.value()).reason()).allMatch(r -> r.contains("HTTP 500"));
        assertThat(ev.snapshots()).as("the pages read before the failure are published").hasSizeGreaterThanOrEqualTo(15 * 3);
        assertThat(ev.countsMatch()).isTrue();
        assertThat(fx.all()).noneMatch(s -> s.value() instanceof RunCompleted c && c.runId().equals(o.spec().runId()));
    }

    @Test
    void recordsRepeatedAcrossPagesOfAChangingSetArePublishedOnce() throws Exception {
        CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return fx.executor().vomo("acme", Resource.USERS, RunKind.FULL, Optional.empty());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Updates move users to the end of the list (VOMO has no documented order): an offset scan reads them again.
        while (!run.isDone()) {
            sandbox.mutations().inject("acme", TruthClass.UPDATE);
            Thread.onSpinWait();
            await().pollDelay(Duration.ofMillis(20)).atMost(Duration.ofSeconds(1)).until(() -> true);
        }
        RunOutcome o = run.get();
        PollerFixture.RunEvents ev = fx.awaitRun(o.spec().runId());
        assertThat(o.completed()).isTrue();
        assertThat(o.duplicates()).as("the scan did see repeats").isPositive();
        assertThat(ev.keys()).doesNotHaveDuplicates();
        assertThat((long) ev.keys().size()).isEqualTo(o.total());
        assertThat(ev.countsMatch()).isTrue();
    }

    @Test
    void a429StormSlowsTheRunWithoutErrorsAndWithoutExceedingTheShare() throws Exception {
        sandbox.startStorm("storm", 4);
        long throttledBefore = sandbox.controls("storm").stats().throttledByAgent().getOrDefault(VomoClient.USER_AGENT, 0L);
        long t0 = System.nanoTime();
        RunOutcome o = fx.executor().vomo("storm", Resource.USERS, RunKind.FULL, Optional.empty());
        double seconds = (System.nanoTime() - t0) / 1e9;
        PollerFixture.RunEvents ev = fx.awaitRun(o.spec().runId());
        long throttled = sandbox.controls("storm").stats().throttledByAgent().getOrDefault(VomoClient.USER_AGENT, 0L) - throttledBefore;
        assertThat(o.completed()).isTrue();
        assertThat(ev.completed()).isTrue();
        assertThat(throttled).as("only the storm's 429s: the token bucket never refused the poller").isEqualTo(4);
        long pages = (world("storm").read(() -> world("storm").userIndex().size()) + 14) / 15;
        assertThat(o.apiCalls()).isEqualTo(pages + 4);
        // Four Retry-After waits of a second each: the run was slowed, not failed.
        assertThat(seconds).isGreaterThanOrEqualTo(4.0);
        assertThat(fx.clients.client("storm").orElseThrow().throttle().currentRate()).isLessThan(20.0);
    }
}
