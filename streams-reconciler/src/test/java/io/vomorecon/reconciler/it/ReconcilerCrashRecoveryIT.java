package io.vomorecon.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.reconciler.bench.DatasetPublisher;
import io.vomorecon.reconciler.bench.PlantedDataset;
import io.vomorecon.reconciler.state.StateSerde;
import io.vomorecon.reconciler.state.SweepJob;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.RunVerdict;
import io.vomorecon.testkit.TestNames;
import io.vomorecon.testkit.WithKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler on a real broker with exactly-once, in its own JVM: SIGKILLed in the middle of
 * evaluating a large run (after it committed part of the sweep), restarted, and compared with an
 * uninterrupted run over the same input. Every finding must be emitted exactly once
 * (read_committed) and none may be lost. Poison input on the way goes to recon.dlq.
 */
@WithKafka
class ReconcilerCrashRecoveryIT {

    static final int KEYS = 20_000;
    static final int PARTITIONS = 3;

    @TempDir
    Path dir;

    @Test
    void killedMidEvaluationEmitsEveryFindingExactlyOnceAfterRestart(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        PlantedDataset data = PlantedDataset.users("acme", KEYS, PARTITIONS);

        // 1. uninterrupted baseline
        String basePrefix = TestNames.uniquePrefix();
        TopicBootstrap.ensure(bootstrap, basePrefix, PARTITIONS, (short) 1);
        DatasetPublisher.publish(bootstrap, basePrefix, data, true);
        Path baseCfg = config(bootstrap, basePrefix, TestNames.uniqueId("recon-base"), dir.resolve("state-base"));
        List<Finding> baseline;
        try (ReconcilerProcess p = ReconcilerProcess.start(baseCfg, dir.resolve("base.log"))) {
            baseline = awaitAllReleased(bootstrap, basePrefix, data, p);
        }

        // 2. the same input, with a poison record, killed mid-evaluation
        String prefix = TestNames.uniquePrefix();
        String appId = TestNames.uniqueId("recon-crash");
        TopicBootstrap.ensure(bootstrap, prefix, PARTITIONS, (short) 1);
        DatasetPublisher.publish(bootstrap, prefix, data, false);
        poison(bootstrap, prefix);
        DatasetPublisher.publishMarkers(bootstrap, prefix, data);
        Path cfg = config(bootstrap, prefix, appId, dir.resolve("state-crash"));
        try (ReconcilerProcess first = ReconcilerProcess.start(cfg, dir.resolve("crash-1.log"))) {
            String sweeps = appId + "-" + "sweeps-changelog";
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() ->
                    KafkaReads.readCommitted(bootstrap, sweeps, r -> r).stream().anyMatch(r -> {
                        SweepJob j = StateSerde.of(SweepJob.class).deserializer().deserialize(sweeps, r.value());
                        return j.phase() == SweepJob.Phase.EVALUATE && j.cursor().isPresent();
                    }));
            first.kill();
        }
        assertThat(KafkaReads.readCommitted(bootstrap, Topics.RECON_RUNS.in(prefix)))
                .as("killed before the run's summary: mid-evaluation").isEmpty();

        List<Finding> recovered;
        try (ReconcilerProcess second = ReconcilerProcess.start(cfg, dir.resolve("crash-2.log"))) {
            recovered = awaitAllReleased(bootstrap, prefix, data, second);
        }

        Map<String, Long> perId = recovered.stream().collect(Collectors.groupingBy(f -> f.findingId() + ":" + f.status(),
                Collectors.counting()));
        assertThat(perId.values()).as("every finding exactly once").allMatch(n -> n == 1);
        assertThat(ids(recovered)).as("none lost, none extra, compared with the uninterrupted run")
                .containsExactlyInAnyOrderElementsOf(ids(baseline));
        assertThat(recovered.stream().collect(Collectors.toMap(Finding::key, Finding::kind)))
                .as("and exactly what was planted").isEqualTo(data.expected());

        List<DeadLetter> dead = KafkaReads.readCommitted(bootstrap, Topics.RECON_DLQ.in(prefix));
        assertThat(dead).anySatisfy(d -> {
            assertThat(d.reason()).contains("not JSON");
            assertThat(d.sourceTopic()).isEqualTo(Topics.VOMO_SNAPSHOTS.in(prefix).name());
        });
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(f -> f.findingId() + ":" + f.kind() + ":" + f.status()).toList();
    }

    /** Waits for the run's summary and for every planted finding on the action topics, then reads them all. */
    private static List<Finding> awaitAllReleased(String bootstrap, String prefix, PlantedDataset data, ReconcilerProcess p) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(p.alive()).as("reconciler process alive; log:\n%s", tail(p)).isTrue();
            List<RunSummary> runs = KafkaReads.readCommitted(bootstrap, Topics.RECON_RUNS.in(prefix));
            assertThat(runs).extracting(RunSummary::runId).contains(data.runId());
            assertThat(findings(bootstrap, prefix)).hasSizeGreaterThanOrEqualTo(data.expected().size());
            assertThat(p.log()).containsPattern("(?s)(pending findings released.*){" + PARTITIONS + "}");
        });
        RunSummary s = KafkaReads.readCommitted(bootstrap, Topics.RECON_RUNS.in(prefix)).get(0);
        assertThat(s.verdict()).isEqualTo(RunVerdict.DEGRADED);
        assertThat(s.keysChecked()).isEqualTo(KEYS);
        assertThat(s.findings().get(FindingKind.DELETION)).isEqualTo(KEYS / 100);
        return findings(bootstrap, prefix);
    }

    private static String tail(ReconcilerProcess p) throws java.io.IOException {
        String log = p.log();
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }

    private static List<Finding> findings(String bootstrap, String prefix) {
        List<Finding> all = new ArrayList<>();
        all.addAll(KafkaReads.readCommitted(bootstrap, Topics.RECON_GAPS.in(prefix)));
        all.addAll(KafkaReads.readCommitted(bootstrap, Topics.RECON_DRIFT.in(prefix)));
        all.addAll(KafkaReads.readCommitted(bootstrap, Topics.RECON_DELETIONS.in(prefix)));
        return all;
    }

    private static void poison(String bootstrap, String prefix) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.VOMO_SNAPSHOTS.in(prefix).name(), "acme/users/1".getBytes(StandardCharsets.UTF_8),
                    "{garbage".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static Path config(String bootstrap, String prefix, String appId, Path state) throws Exception {
        Path f = Files.createTempFile("reconciler-it", ".yaml");
        Files.writeString(f, String.join("\n",
                "bootstrap-servers: " + bootstrap,
                "application-id: " + appId,
                "topic-prefix: " + prefix,
                "state-dir: " + state,
                "sweep:",
                "  slice-max-keys: 50",
                "  punctuate-interval: 20ms",
                "anomaly:",
                "  defaults:",
                "    mass-deletion-threshold: 1000000",
                "review:",
                "  admin-secret-env: " + ReconcilerProcess.SECRET_ENV,
                ""));
        return f;
    }
}
