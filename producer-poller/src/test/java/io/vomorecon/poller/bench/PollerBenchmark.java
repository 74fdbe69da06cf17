package io.vomorecon.poller.bench;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.Secret;
import io.vomorecon.poller.kafka.KafkaClients;
import io.vomorecon.poller.run.RunOutcome;
import io.vomorecon.poller.run.RunPublisher;
import io.vomorecon.poller.run.RunSpec;
import io.vomorecon.poller.run.SampleStore;
import io.vomorecon.poller.run.ScanResult;
import io.vomorecon.poller.run.VomoScanner;
import io.vomorecon.poller.throttle.AdaptiveThrottle;
import io.vomorecon.poller.vomo.Sleeper;
import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.RateLimit;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.sandbox.SandboxCustomer;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.SnapshotEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * A FULL run of a 50,000-user customer against the sandbox with its token limited to R
 * requests/s, published to an in-process broker. Prints the requests made against the minimum
 * (ceil(N/15) pages, no detail calls for a FULL users run), the achieved request rate as a share
 * of R (target at least 90 %), the scan time against the ideal (minimum requests / R), and the
 * records published per second.
 *
 * <p>Run: {@code mvn -B -o -q test-compile -pl producer-poller && mvn -B -o -q exec:java -pl producer-poller
 * -Dexec.classpathScope=test -Dexec.mainClass=io.vomorecon.poller.bench.PollerBenchmark -Dexec.args="50000 100 0.95"}
 * (arguments: users, R, throttle share).
 */
public final class PollerBenchmark {

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        double r = args.length > 1 ? Double.parseDouble(args[1]) : 100;
        double share = args.length > 2 ? Double.parseDouble(args[2]) : 0.95;
        Path dir = Files.createTempDirectory("poller-bench");
        long g0 = System.nanoTime();
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.of(1, new CustomerSpec("big", users))
                .withRateLimit(RateLimit.of(r, (int) Math.max(1, r))).withServerThreads(4));
             EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            System.out.printf("sandbox with %d users and broker up in %.1f s%n", users, (System.nanoTime() - g0) / 1e9);
            TopicBootstrap.ensure(kafka.bootstrapServers(), "bench.", 3, (short) 1);
            SandboxCustomer c = sandbox.customer("big");
            Clock clock = Clock.systemUTC();
            HttpSettings http = HttpSettings.defaults();
            AdaptiveThrottle throttle = new AdaptiveThrottle("big", r * share, Duration.ofMinutes(10), clock);
            VomoClient client = new VomoClient("big", sandbox.baseUrl(), Secret.of(c.token()), throttle, VomoClient.httpClient(http),
                    http, clock, Sleeper.REAL);
            long listed = sandbox.world().require("big").read(() -> (long) sandbox.world().require("big").userIndex().size());
            long minimum = (listed + 14) / 15;

            RunSpec spec = RunSpec.start("big", Resource.USERS, RunKind.FULL, RunSource.VOMO, Optional.empty(), clock.instant(),
                    new SecureRandom());
            long s0 = System.nanoTime();
            ScanResult<SnapshotEvent> scan = new VomoScanner(client, clock, new SampleStore(), 100, http.concurrency()).scan(spec);
            double scanSeconds = (System.nanoTime() - s0) / 1e9;
            // The publish phase, measured alone: producers are created (initTransactions) before the clock starts,
            // and the same run is published in alternating rounds with the former producer settings (baseline:
            // linger.ms 5, batch.size 16 KiB) and the current ones, so both are measured on the same machine load.
            int rounds = Integer.getInteger("bench.rounds", 5);
            Map<String, Object> former = Map.of(ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 16_384);
            List<Double> baseline = new ArrayList<>();
            List<Double> tuned = new ArrayList<>();
            RunOutcome outcome = null;
            try (KafkaProducer<byte[], byte[]> before = KafkaClients.transactional(kafka.bootstrapServers(), "bench-baseline", former);
                 KafkaProducer<byte[], byte[]> now = KafkaClients.transactional(kafka.bootstrapServers(), "bench-run")) {
                for (int round = 0; round < rounds; round++) {
                    for (boolean isBaseline : List.of(true, false)) {
                        long p0 = System.nanoTime();
                        outcome = new RunPublisher<>(isBaseline ? before : now, Topics.VOMO_SNAPSHOTS.in("bench."),
                                Topics.RECON_DLQ.in("bench."), clock, m -> (SnapshotEvent) m).publish(spec, scan);
                        (isBaseline ? baseline : tuned).add((System.nanoTime() - p0) / 1e9);
                    }
                }
            }
            double publishSeconds = median(tuned);
            double baselineSeconds = median(baseline);
            double achieved = scan.apiCalls() / scanSeconds;
            double ideal = minimum / r;
            System.out.println("---- poller FULL run benchmark ----");
            System.out.printf("users listed:              %d%n", listed);
            System.out.printf("run:                       %s%n", outcome.completed() ? "COMPLETED" : "ABORTED " + outcome.abortReason().orElse(""));
            System.out.printf("records published:         %d (repeats dropped %d)%n", outcome.total(), outcome.duplicates());
            System.out.printf("requests made / minimum:   %d / %d (ceil(N/15) pages + 0 detail calls)%s%n", scan.apiCalls(), minimum,
                    scan.apiCalls() == minimum ? "  = minimum" : "  ABOVE minimum");
            System.out.printf("429 answers:               %d%n", throttle.rateLimitedCount());
            System.out.printf("scan time / ideal at R:    %.1f s / %.1f s (ratio %.3f)%n", scanSeconds, ideal, scanSeconds / ideal);
            System.out.printf("achieved rate / R:         %.1f / %.0f req/s = %.1f %% (target >= 90 %%; throttle share %.0f %%)%n",
                    achieved, r, 100 * achieved / r, 100 * share);
            System.out.printf("publish (txn, flush, %d markers), median of %d rounds each:%n", outcome.perPartition().size(), rounds);
            System.out.printf("  baseline linger 5 ms, batch 16 KiB: %.2f s, %.0f records/s  %s%n", baselineSeconds,
                    outcome.total() / baselineSeconds, rounded(baseline));
            System.out.printf("  current  linger %s ms, batch %s KiB: %.2f s, %.0f records/s  %s  (speed-up x%.2f)%n",
                    KafkaClients.LINGER_MS, KafkaClients.BATCH_SIZE / 1024, publishSeconds, outcome.total() / publishSeconds,
                    rounded(tuned), baselineSeconds / publishSeconds);
            System.out.printf("whole run records/s:       %.0f%n", outcome.total() / (scanSeconds + publishSeconds));
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static List<String> rounded(List<Double> xs) {
        return xs.stream().map(x -> String.format("%.2f", x)).toList();
    }
}
