package io.vomorecon.poller.bench;

import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.Secret;
import io.vomorecon.poller.run.RunSpec;
import io.vomorecon.poller.run.SampleStore;
import io.vomorecon.poller.run.ScanResult;
import io.vomorecon.poller.run.VomoScanner;
import io.vomorecon.poller.throttle.AdaptiveThrottle;
import io.vomorecon.poller.vomo.Sleeper;
import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.FaultSettings;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.SnapshotEvent;
import io.vomorecon.schemas.values.TimeWindow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A PARTICIPATIONS scan of every project date of a sandbox customer (the window spans the whole
 * generated schedule, so every date of every project is read by id: about 3,000 reads for 50,000
 * users), or with kind {@code FULL} a FULL scan of its users (3,334 list pages for 50,000 users,
 * the pages after the first requested ahead), or with kind {@code MEMBERSHIP} every group's paged
 * member list, serial (concurrency 1) against concurrent (concurrency C), in alternating rounds so
 * both see the same machine load. Prints the wall time of each round, the medians, their ratio,
 * and whether both scans gave the same records, scope and request count. The throttle is far
 * above the request rate: this measures round-trip latency, not the budget. An optional added
 * latency per answer (the sandbox holds every answer that long) stands in for the network between
 * the poller and VOMO, which an in-process sandbox on loopback does not have.
 *
 * <p>Run: {@code mvn -B -o -q test-compile -pl producer-poller && mvn -B -o -q exec:java -pl producer-poller
 * -Dexec.classpathScope=test -Dexec.mainClass=io.vomorecon.poller.bench.ScanConcurrencyBenchmark -Dexec.args="50000 5 4 2"}
 * (arguments: users, rounds, concurrency C, added latency per answer in ms, default 0, run kind PARTICIPATIONS,
 * FULL or MEMBERSHIP, default PARTICIPATIONS).
 */
public final class ScanConcurrencyBenchmark {

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        long latencyMillis = args.length > 3 ? Long.parseLong(args[3]) : 0;
        RunKind kind = args.length > 4 ? RunKind.valueOf(args[4]) : RunKind.PARTICIPATIONS;
        if (kind != RunKind.PARTICIPATIONS && kind != RunKind.FULL && kind != RunKind.MEMBERSHIP) {
            throw new IllegalArgumentException("run kind PARTICIPATIONS, FULL or MEMBERSHIP, not " + kind);
        }
        SandboxConfig config = SandboxConfig.of(1, new CustomerSpec("big", users));
        if (latencyMillis > 0) {
            // Every answer held that long (the sandbox's SLOW fault at probability 1): a network round trip, no CPU.
            config = config.withFaults(new FaultSettings(0, 1.0, latencyMillis, 0, 0, 0, 0, 0));
        }
        long g0 = System.nanoTime();
        try (Sandbox sandbox = Sandbox.start(config)) {
            System.out.printf("sandbox with %d users up in %.1f s; added latency per answer %d ms%n", users,
                    (System.nanoTime() - g0) / 1e9, latencyMillis);
            Clock clock = Clock.systemUTC();
            HttpSettings http = HttpSettings.defaults();
            VomoClient client = new VomoClient("big", sandbox.baseUrl(), Secret.of(sandbox.customer("big").token()),
                    new AdaptiveThrottle("big", 100_000, Duration.ofMinutes(1), clock), VomoClient.httpClient(http), http, clock,
                    Sleeper.REAL);
            Instant now = sandbox.clock().instant();
            TimeWindow everything = new TimeWindow(now.minus(Duration.ofDays(120)), now.plus(Duration.ofDays(120)));
            RunSpec spec = kind == RunKind.FULL
                    ? new RunSpec("r-big-users-bench", "big", Resource.USERS, RunKind.FULL, RunSource.VOMO, Optional.empty(), now)
                    : kind == RunKind.MEMBERSHIP
                    ? new RunSpec("r-big-members-bench", "big", Resource.GROUP_MEMBERS, RunKind.MEMBERSHIP, RunSource.VOMO,
                    Optional.empty(), now)
                    : new RunSpec("r-big-participations-bench", "big", Resource.PARTICIPATIONS, RunKind.PARTICIPATIONS,
                    RunSource.VOMO, Optional.of(everything), now);

            // One unmeasured scan of each warms the JIT, the connection pool and the sandbox's caches.
            scan(client, clock, spec, 1);
            scan(client, clock, spec, concurrency);
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            List<Double> serial = new ArrayList<>();
            List<Double> parallel = new ArrayList<>();
            List<Double> foldCpu = new ArrayList<>();
            ScanResult<SnapshotEvent> a = null;
            ScanResult<SnapshotEvent> b = null;
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                a = scan(client, clock, spec, 1);
                serial.add((System.nanoTime() - t0) / 1e6);
                long t1 = System.nanoTime();
                long cpu1 = mx.getCurrentThreadCpuTime();
                b = scan(client, clock, spec, concurrency);
                parallel.add((System.nanoTime() - t1) / 1e6);
                foldCpu.add((mx.getCurrentThreadCpuTime() - cpu1) / 1e6);
            }
            boolean same = a.abortReason().isEmpty() && b.abortReason().isEmpty() && a.apiCalls() == b.apiCalls()
                    && a.scope().equals(b.scope()) && a.rejects().size() == b.rejects().size()
                    && a.records().records().stream().map(k -> k.key()).toList()
                    .equals(b.records().records().stream().map(k -> k.key()).toList());
            double ms1 = median(serial);
            double msC = median(parallel);
            System.out.println("---- " + kind + " scan, serial vs concurrent reads ----");
            System.out.printf("scope entries / requests:   %d / %d%n", a.scope().size(), a.apiCalls());
            System.out.printf("records:                    %d%n", a.records().size());
            System.out.printf("concurrency 1, ms per scan: %s  median %.0f (%.2f ms per request)%n", rounded(serial), ms1,
                    ms1 / a.apiCalls());
            System.out.printf("concurrency %d, ms per scan: %s  median %.0f (%.2f ms per request)%n", concurrency, rounded(parallel), msC,
                    msC / b.apiCalls());
            System.out.printf("speed-up:                   x%.2f%n", ms1 / msC);
            System.out.printf("scan thread CPU (the fold), concurrency %d: median %.0f ms of the %.0f ms wall%n", concurrency,
                    median(foldCpu), msC);
            System.out.printf("same records, scope, requests: %s%n", same ? "yes" : "NO");
        }
    }

    private static ScanResult<SnapshotEvent> scan(VomoClient client, Clock clock, RunSpec spec, int concurrency) {
        return new VomoScanner(client, clock, new SampleStore(), 100, concurrency).scan(spec, Set.of());
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static List<String> rounded(List<Double> xs) {
        return xs.stream().map(x -> String.format("%.0f", x)).toList();
    }
}
