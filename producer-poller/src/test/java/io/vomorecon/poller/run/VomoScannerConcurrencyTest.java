package io.vomorecon.poller.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.Secret;
import io.vomorecon.poller.throttle.AdaptiveThrottle;
import io.vomorecon.poller.vomo.ParallelReadsTest;
import io.vomorecon.poller.vomo.Sleeper;
import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.sandbox.world.Group;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.SnapshotEvent;
import io.vomorecon.schemas.values.TimeWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-parent scans read concurrently yield exactly what they yield read one request after
 * another: the same records in the same order, the same scope, rejects, abort reason and request
 * count, on the VOMO sandbox and on a scripted VOMO with every per-parent answer a scan
 * distinguishes (404, 403, paged children, bare all_dates entries, records without ids). A failing
 * parent aborts the run as serially and leaves no read thread behind; the reads really overlap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VomoScannerConcurrencyTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-06-02T06:00:00Z"), ZoneOffset.UTC);
    private static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-06-08T00:00:00Z"));
    private static final String IN = "2025-06-03 10:00:00";
    private static final String OUT = "2025-07-20 10:00:00";

    private Sandbox sandbox;
    private String deletedDate;
    private String liveOutside;
    private TimeWindow sandboxWindow;
    private StubVomo stub;

    @BeforeAll
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.of(11, new CustomerSpec("acme", 2000)));
        sandboxWindow = new TimeWindow(sandbox.clock().instant().minus(Duration.ofDays(10)), sandbox.clock().instant().plus(Duration.ofDays(10)));
        deletedDate = RecordKey.parse(sandbox.mutations().inject("acme", TruthClass.DATE_DELETED).orElseThrow().key()).idPath().get(1);
        CustomerWorld w = sandbox.world().require("acme");
        liveOutside = w.read(() -> w.projectIndex().view().stream().flatMap(p -> p.dates.stream())
                .filter(d -> !d.isDeleted() && !sandboxWindow.contains(Instant.ofEpochSecond(d.startsAt)))
                .map(d -> String.valueOf(d.id)).findFirst().orElseThrow());
        stub = scriptedWorld(new StubVomo());
    }

    @AfterAll
    void stop() {
        stub.close();
        sandbox.close();
    }

    // ---- the scripted world ----

    private static String page(List<String> records, String next) {
        return "{\"data\":[" + String.join(",", records) + "],\"links\":{\"next\":" + (next == null ? "null" : "\"" + next + "\"")
                + "},\"meta\":{\"per_page\":15}}";
    }

    private static String date(Object id, String startsAt, String participants) {
        return "{\"id\":" + id + ",\"starts_at\":\"" + startsAt + "\",\"ends_at\":\"" + startsAt + "\",\"updated_at\":\"2025-05-01 10:00:00\""
                + (participants == null ? "" : ",\"participants\":[" + participants + "]") + "}";
    }

    private static String project(Object id, String allDates) {
        return "{\"data\":{\"id\":" + id + ",\"name\":\"p\",\"updated_at\":\"2025-05-01 10:00:00\",\"all_dates\":[" + allDates + "]}}";
    }

    private static String member(Object userId) {
        return "{\"user_id\":" + userId + ",\"updated_at\":\"2025-05-02 10:00:00\"}";
    }

    private static List<String> members(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(VomoScannerConcurrencyTest::member).toList();
    }

    /**
     * Projects 1, 2 and 5 with dates (1: an in-window date, one outside, bare entries whose details
     * answer 200 and 404, an entry without id; 2: a date also in project 1, one answering 403;
     * 5: forty dates), project 3 gone, 4 forbidden, a project without id; dates 77 (live, not
     * listed) and 99 (gone) for the destination's known parents. Groups over two list pages: one
     * with three pages of members, one gone, one forbidden, two inactive, one with a member
     * without user_id. Forms: one inactive, one gone, one with two pages of completions.
     */
    private StubVomo scriptedWorld(StubVomo s) {
        String base = s.baseUrl();
        s.json("projects", page(List.of("{\"id\":1}", "{\"id\":\"2\"}", "{\"id\":3}", "{\"id\":4}", "{\"id\":5}", "{\"name\":\"no id\"}"), null));
        s.json("projects/1", project(1, String.join(",", date(11, IN, null), date(12, OUT, null), "13", "{\"id\":14}", "15",
                "{\"starts_at\":\"" + IN + "\"}")));
        s.json("projects/2", project("\"2\"", String.join(",", "{\"id\":21,\"starts_at\":\"" + IN + "\",\"updated_at\":\"not a time\"}",
                date(11, IN, null), date(22, IN, null))));
        s.status("projects/3", 404);
        s.status("projects/4", 403);
        s.json("projects/5", project(5, IntStream.range(500, 540).mapToObj(i -> date(i, IN, null)).collect(Collectors.joining(","))));
        s.json("projects/date/11", "{\"data\":" + date(11, IN, "{\"user_id\":1},{\"user_id\":\"2\"},{\"name\":\"no user\"},{\"user_id\":1},"
                + "{\"user_id\":8,\"updated_at\":\"yesterday\"}") + "}");
        s.json("projects/date/12", date(12, OUT, "{\"user_id\":3}"));
        s.json("projects/date/13", date(13, IN, "{\"user_id\":4}"));
        s.json("projects/date/14", date(14, IN, "{\"user_id\":5}"));
        s.status("projects/date/15", 404);
        s.json("projects/date/21", date(21, IN, "{\"user_id\":6}"));
        s.status("projects/date/22", 403);
        IntStream.range(500, 540).forEach(i -> s.json("projects/date/" + i, date(i, IN, "{\"user_id\":" + (1000 + i) + "},{\"user_id\":" + (2000 + i) + "}")));
        s.json("projects/date/77", date(77, IN, "{\"user_id\":7}"));
        s.status("projects/date/99", 404);

        List<String> groups = new ArrayList<>(IntStream.rangeClosed(101, 115).mapToObj(g -> "{\"id\":" + g + "}").toList());
        s.json("groups", page(groups, base + "/groups?page=2"));
        s.json("groups?page=2", page(List.of("{\"id\":116}", "{\"id\":101}", "{\"id\":117,\"active\":false}",
                "{\"id\":118,\"status\":\"inactive\"}"), null));
        s.json("groups/101/members", page(members(1, 15), base + "/groups/101/members?page=2"));
        s.json("groups/101/members?page=2", page(members(16, 30), base + "/groups/101/members?page=3"));
        s.json("groups/101/members?page=3", page(members(31, 33), null));
        s.status("groups/102/members", 404);
        s.status("groups/103/members", 403);
        s.json("groups/104/members", page(List.of(member(5), "{\"name\":\"no user\"}"), null));
        IntStream.rangeClosed(105, 118).forEach(g -> s.json("groups/" + g + "/members", page(List.of(member(g)), null)));

        s.json("forms", page(List.of("{\"id\":201}", "{\"id\":202,\"active\":0}", "{\"id\":203}", "{\"id\":204}"), null));
        s.json("forms/201/completions", page(List.of("{\"id\":1,\"updated_at\":\"2025-05-03 10:00:00\"}", "{\"id\":\"2\"}",
                "{\"user_id\":3}"), null));
        s.status("forms/203/completions", 404);
        s.json("forms/204/completions", page(IntStream.rangeClosed(10, 24).mapToObj(i -> "{\"id\":" + i + "}").toList(),
                base + "/forms/204/completions?page=2"));
        s.json("forms/204/completions?page=2", page(List.of("{\"id\":25}", "{\"id\":26}"), null));
        return s;
    }

    // ---- scanning ----

    private static VomoClient client(String baseUrl, String token) {
        HttpSettings http = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 3, Duration.ofMillis(5), Duration.ofMillis(20),
                Duration.ofSeconds(30), null);
        return new VomoClient("acme", baseUrl, Secret.of(token), new AdaptiveThrottle("acme", 10_000, Duration.ofSeconds(5), Clock.systemUTC()),
                VomoClient.httpClient(http), http, Clock.systemUTC(), Sleeper.REAL);
    }

    private static RunSpec spec(RunKind kind) {
        Resource r = switch (kind) {
            case PARTICIPATIONS -> Resource.PARTICIPATIONS;
            case SCHEDULE -> Resource.PROJECT_DATES;
            case MEMBERSHIP -> Resource.GROUP_MEMBERS;
            case FORM_COMPLETIONS -> Resource.FORM_COMPLETIONS;
            default -> throw new IllegalArgumentException(kind + " has no per-parent reads");
        };
        return new RunSpec("r-acme-" + r.path() + "-test-1", "acme", r, kind, RunSource.VOMO,
                kind == RunKind.PARTICIPATIONS ? Optional.of(WINDOW) : Optional.empty(), FIXED.instant());
    }

    private static ScanResult<SnapshotEvent> scan(VomoClient client, RunSpec spec, Set<String> known, int concurrency) {
        return new VomoScanner(client, FIXED, new SampleStore(), 20, concurrency).scan(spec, known);
    }

    /** Everything a run publishes or reports, in order. */
    private static void assertSameResult(ScanResult<SnapshotEvent> concurrent, ScanResult<SnapshotEvent> serial) {
        assertThat(concurrent.records().records()).as("records, in buffer order").isEqualTo(serial.records().records());
        assertThat(concurrent.records().duplicates()).as("repeats").isEqualTo(serial.records().duplicates());
        assertThat(concurrent.scope()).as("scope").isEqualTo(serial.scope());
        assertThat(concurrent.rejects()).as("rejects").isEqualTo(serial.rejects());
        assertThat(concurrent.abortReason()).as("abort reason").isEqualTo(serial.abortReason());
    }

    private static String prefix(Resource r, Object parent) {
        return RecordKey.prefix("acme", r, String.valueOf(parent));
    }

    // ---- identical results ----

    @ParameterizedTest
    @EnumSource(value = RunKind.class, names = {"PARTICIPATIONS", "SCHEDULE", "MEMBERSHIP", "FORM_COMPLETIONS"})
    void aConcurrentScanOfTheScriptedWorldIsTheSerialScan(RunKind kind) {
        VomoClient client = client(stub.baseUrl(), "t");
        Set<String> known = kind == RunKind.PARTICIPATIONS ? Set.of("99", "77", "12") : Set.of();
        ScanResult<SnapshotEvent> serial = scan(client, spec(kind), known, 1);
        ScanResult<SnapshotEvent> concurrent = scan(client, spec(kind), known, 4);

        assertSameResult(concurrent, serial);
        assertThat(concurrent.apiCalls()).as("requests").isEqualTo(serial.apiCalls());
        assertThat(serial.abortReason()).isEmpty();
        assertThat(serial.rejects()).as("the world exercises the reject paths").isNotEmpty();
        Resource r = spec(kind).resource();
        switch (kind) {
            case PARTICIPATIONS -> {
                // 1 list + 5 projects + 48 dates (11, 13, 14, 15, 21, 22, 500..539, then known 99, 77; known 12 is
                // live outside the window by project 1's all_dates, so it is not read)
                assertThat(serial.apiCalls()).isEqualTo(1 + 5 + 48);
                assertThat(serial.scope()).contains(prefix(r, 99), prefix(r, 15), prefix(r, 77), prefix(r, 11), prefix(r, 539))
                        .doesNotContain(prefix(r, 22), prefix(r, 12));
                assertThat(serial.records().size()).isEqualTo(2 + 1 + 1 + 1 + 80 + 1);
                assertThat(serial.records().duplicates()).isEqualTo(1);
            }
            case SCHEDULE -> {
                // 1 list + 5 projects + date details of the bare entries 13, 14, 15
                assertThat(serial.apiCalls()).isEqualTo(1 + 5 + 3);
                assertThat(serial.scope()).containsExactly(prefix(r, 1), prefix(r, 2), prefix(r, 3), prefix(r, 5));
                assertThat(serial.records().records()).extracting(RunBuffer.Keyed::key)
                        .contains("acme/project-dates/1/13", "acme/project-dates/1/14").doesNotContain("acme/project-dates/1/15");
            }
            case MEMBERSHIP -> {
                // 2 list pages + 3 pages of group 101 + groups 102..116 (102 and 103 refused)
                assertThat(serial.apiCalls()).isEqualTo(2 + 3 + 15);
                assertThat(serial.scope()).contains(prefix(r, 101), prefix(r, 102), prefix(r, 104))
                        .doesNotContain(prefix(r, 103), prefix(r, 117), prefix(r, 118)).hasSize(15);
                assertThat(serial.records().records()).filteredOn(k -> k.key().startsWith(prefix(r, 101))).hasSize(33);
            }
            case FORM_COMPLETIONS -> {
                assertThat(serial.apiCalls()).isEqualTo(1 + 1 + 1 + 2);
                assertThat(serial.scope()).containsExactly(prefix(r, 201), prefix(r, 203), prefix(r, 204));
                assertThat(serial.records().size()).isEqualTo(2 + 17);
            }
            default -> throw new IllegalStateException();
        }
    }

    @ParameterizedTest
    @EnumSource(value = RunKind.class, names = {"PARTICIPATIONS", "SCHEDULE", "MEMBERSHIP", "FORM_COMPLETIONS"})
    void aConcurrentScanOfTheSandboxIsTheSerialScan(RunKind kind) {
        VomoClient client = client(sandbox.baseUrl(), sandbox.customer("acme").token());
        RunSpec spec = spec(kind);
        if (kind == RunKind.PARTICIPATIONS) {
            spec = new RunSpec(spec.runId(), "acme", spec.resource(), kind, RunSource.VOMO, Optional.of(sandboxWindow), spec.startedAt());
        }
        Set<String> known = kind == RunKind.PARTICIPATIONS ? Set.of(deletedDate, liveOutside, "987654321") : Set.of();
        ScanResult<SnapshotEvent> serial = scan(client, spec, known, 1);
        ScanResult<SnapshotEvent> concurrent = scan(client, spec, known, 4);

        assertSameResult(concurrent, serial);
        assertThat(concurrent.apiCalls()).as("requests").isEqualTo(serial.apiCalls());
        assertThat(serial.abortReason()).isEmpty();
        assertThat(serial.scope()).isNotEmpty();
        assertThat(serial.records().size()).isGreaterThan(50);
        if (kind == RunKind.PARTICIPATIONS) {
            assertThat(serial.scope()).contains(prefix(Resource.PARTICIPATIONS, deletedDate), prefix(Resource.PARTICIPATIONS, 987654321))
                    .doesNotContain(prefix(Resource.PARTICIPATIONS, liveOutside));
        }
        if (kind == RunKind.MEMBERSHIP) {
            CustomerWorld w = sandbox.world().require("acme");
            assertThat(w.read(() -> w.groupIndex().view().stream().mapToInt((Group g) -> g.members.size()).max().orElse(0)))
                    .as("a group whose members span pages").isGreaterThan(VomoClient.PAGE_SIZE);
        }
    }

    @ParameterizedTest
    @EnumSource(value = RunKind.class, names = {"FULL", "INCREMENTAL"})
    void aListScanReadAheadOfTheSandboxIsTheSerialScan(RunKind kind) {
        VomoClient client = client(sandbox.baseUrl(), sandbox.customer("acme").token());
        Instant now = sandbox.clock().instant();
        Optional<TimeWindow> window = kind == RunKind.INCREMENTAL
                ? Optional.of(new TimeWindow(now.minus(Duration.ofDays(3650)), now.plus(Duration.ofDays(1)))) : Optional.empty();
        RunSpec spec = new RunSpec("r-acme-users-test-1", "acme", Resource.USERS, kind, RunSource.VOMO, window, FIXED.instant());
        ScanResult<SnapshotEvent> serial = scan(client, spec, Set.of(), 1);
        ScanResult<SnapshotEvent> concurrent = scan(client, spec, Set.of(), 4);

        assertSameResult(concurrent, serial);
        assertThat(serial.abortReason()).isEmpty();
        assertThat(serial.records().size()).as("records over many pages").isGreaterThan(20 * VomoClient.PAGE_SIZE);
        assertThat(concurrent.apiCalls()).as("one request a page either way").isEqualTo(serial.apiCalls()).isGreaterThan(20);
    }

    @Test
    void checkingUnlistedKnownDatesAgainstEveryProjectReadsLessAndYieldsWhatReadingThemByIdYields() {
        VomoClient client = client(sandbox.baseUrl(), sandbox.customer("acme").token());
        RunSpec base = spec(RunKind.PARTICIPATIONS);
        // A daily run's window: most dates the destination holds lie outside it.
        TimeWindow day = new TimeWindow(sandbox.clock().instant().minus(Duration.ofDays(1)), sandbox.clock().instant().plus(Duration.ofDays(1)));
        RunSpec spec = new RunSpec(base.runId(), "acme", base.resource(), RunKind.PARTICIPATIONS, RunSource.VOMO, Optional.of(day),
                base.startedAt());
        CustomerWorld w = sandbox.world().require("acme");
        // What a destination that has seen every date holds: live dates in and outside the window, the deleted one, one never seen.
        Set<String> known = new java.util.TreeSet<>(w.read(() -> w.projectIndex().view().stream().flatMap(p -> p.dates.stream())
                .map(d -> String.valueOf(d.id)).toList()));
        known.add(deletedDate);
        known.add("987654321");

        ScanResult<SnapshotEvent> byId = new VomoScanner(client, FIXED, new SampleStore(), 20, 4).liveDateCheckFrom(Integer.MAX_VALUE)
                .scan(spec, known);
        ScanResult<SnapshotEvent> checked = new VomoScanner(client, FIXED, new SampleStore(), 20, 4).liveDateCheckFrom(1)
                .scan(spec, known);

        assertSameResult(checked, byId);
        assertThat(byId.abortReason()).isEmpty();
        assertThat(checked.scope()).contains(prefix(Resource.PARTICIPATIONS, deletedDate), prefix(Resource.PARTICIPATIONS, 987654321));
        assertThat(checked.records().size()).isPositive();
        assertThat(known).hasSizeGreaterThan(100);
        assertThat(checked.apiCalls()).as("requests with the check, against %d by id", byId.apiCalls())
                .isLessThan(byId.apiCalls() * 3 / 4);
    }

    // ---- failure, cancellation, overlap ----

    /** Project 9 with dates 901..912 in the window; 903 answers 500 for good; {@code held} dates wait in the server. */
    private static StubVomo failingWorld(boolean waitForAHeldRead) throws Exception {
        StubVomo s = new StubVomo();
        s.json("projects", page(List.of("{\"id\":9}"), null));
        s.json("projects/9", project(9, IntStream.rangeClosed(901, 912).mapToObj(i -> date(i, IN, null)).collect(Collectors.joining(","))));
        IntStream.rangeClosed(901, 912).forEach(i -> s.json("projects/date/" + i, date(i, IN, "{\"user_id\":" + i + "}")));
        s.answer("projects/date/903", () -> {
            if (waitForAHeldRead) {
                // The failure comes only once a later parent's read is outstanding: its cancellation is then exercised.
                await().atMost(Duration.ofSeconds(5)).until(() -> s.servedMatching(held()) > 0);
            }
            return new StubVomo.Answer(500, "{\"message\":\"boom\"}");
        });
        s.hold(held());
        return s;
    }

    private static Predicate<String> held() {
        return path -> path.matches("/v1/projects/date/9(0[4-9]|1[0-2])");
    }

    @Test
    void aParentFailingPastItsRetriesAbortsTheRunAsSeriallyAndLeavesNoReadThreadBehind() throws Exception {
        ScanResult<SnapshotEvent> serial;
        try (StubVomo s = failingWorld(false)) {
            serial = scan(client(s.baseUrl(), "t"), spec(RunKind.PARTICIPATIONS), Set.of(), 1);
        }
        try (StubVomo s = failingWorld(true)) {
            ScanResult<SnapshotEvent> concurrent = scan(client(s.baseUrl(), "t"), spec(RunKind.PARTICIPATIONS), Set.of(), 4);

            assertThat(ParallelReadsTest.liveScanThreads()).as("read threads alive after the scan returned").isEmpty();
            assertThat(concurrent.abortReason()).contains("/v1/projects/date/903: HTTP 500 after 3 tries");
            assertSameResult(concurrent, serial);
            assertThat(concurrent.records().records()).extracting(RunBuffer.Keyed::key)
                    .containsExactly("acme/participations/901/901", "acme/participations/902/902");
            assertThat(s.servedMatching(held())).as("later parents were being read when 903 failed").isPositive();
            assertThat(concurrent.apiCalls()).isGreaterThanOrEqualTo(serial.apiCalls());
        }
    }

    @Test
    void anInterruptedScanAbortsAsInterruptedStopsItsReadsAndKeepsTheInterrupt() throws Exception {
        try (StubVomo s = new StubVomo()) {
            s.json("projects", page(List.of("{\"id\":9}"), null));
            s.json("projects/9", project(9, IntStream.rangeClosed(901, 912).mapToObj(i -> date(i, IN, null)).collect(Collectors.joining(","))));
            IntStream.rangeClosed(901, 912).forEach(i -> s.json("projects/date/" + i, date(i, IN, "{\"user_id\":" + i + "}")));
            s.hold(path -> path.startsWith("/v1/projects/date/"));
            VomoClient client = client(s.baseUrl(), "t");
            CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
            CompletableFuture<ScanResult<SnapshotEvent>> result = new CompletableFuture<>();
            Thread worker = new Thread(() -> {
                result.complete(scan(client, spec(RunKind.PARTICIPATIONS), Set.of(), 4));
                interruptKept.complete(Thread.currentThread().isInterrupted());
            }, "test-poller-worker");
            worker.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> s.inFlight() == 4);
            worker.interrupt();

            ScanResult<SnapshotEvent> r = result.get(10, TimeUnit.SECONDS);
            assertThat(r.abortReason()).contains("/v1/projects/date/901: interrupted");
            assertThat(r.records().size()).isZero();
            assertThat(interruptKept.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ParallelReadsTest.liveScanThreads()).isEmpty();
        }
    }

    @Test
    void concurrencyFourHasFourRequestsInFlightAndConcurrencyOneOnlyOne() throws Exception {
        try (StubVomo s = scriptedWorld(new StubVomo())) {
            VomoClient client = client(s.baseUrl(), "t");
            ScanResult<SnapshotEvent> serial = scan(client, spec(RunKind.PARTICIPATIONS), Set.of(), 1);
            assertThat(s.maxInFlight()).isEqualTo(1);

            s.resetMaxInFlight();
            s.gather(path -> path.startsWith("/v1/projects/date/5"), 4);
            ScanResult<SnapshotEvent> concurrent = scan(client, spec(RunKind.PARTICIPATIONS), Set.of(), 4);
            assertThat(s.maxInFlight()).as("requests in the server at once").isEqualTo(4);
            assertSameResult(concurrent, serial);
        }
    }
}
