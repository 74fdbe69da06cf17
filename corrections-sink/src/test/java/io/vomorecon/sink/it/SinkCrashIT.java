package io.vomorecon.sink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.CorrectionOutcome;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.sink.Fixtures;
import io.vomorecon.sink.SinkHarness;
import io.vomorecon.sink.TopicReader;
import io.vomorecon.sink.cli.SinkCommand;
import io.vomorecon.testkit.WithKafka;
import io.vomorecon.testkit.WithPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink runs as its own process ({@code SinkCommand}, as in production), is killed hard in the
 * middle of its work, and is started again: every correction is applied exactly once in effect
 * (each key written once, one committed outcome per action), nothing is dead-lettered, and a
 * SIGTERM afterwards stops it cleanly.
 */
@WithKafka
@WithPostgres
class SinkCrashIT {

    private static final int FINDINGS = 1500;

    @TempDir
    Path dir;

    @Test
    void killedHardMidBatchAndRestartedItAppliesEveryCorrectionExactlyOnceInEffect(EmbeddedKafka kafka, EmbeddedPg pg) throws Exception {
        try (SinkHarness h = new SinkHarness(kafka, pg);
             TopicReader<CorrectionOutcome> outcomes = h.reader(Topics.RECON_CORRECTIONS);
             TopicReader<DeadLetter> dlq = h.reader(Topics.RECON_DLQ)) {
            Path config = dir.resolve("sink.yaml");
            Files.writeString(config, String.join("\n",
                    "bootstrap-servers: " + kafka.bootstrapServers(),
                    "topics-prefix: " + h.prefix,
                    "group-id: " + h.group,
                    "instance-id: crash-0",
                    "destination:",
                    "  jdbc-url: \"" + pg.jdbcUrl(h.database) + "\"",
                    "  connection-timeout: 2s",
                    "writes:",
                    "  batch-size: 50",
                    "  per-customer-per-second: 150",
                    ""));
            for (int i = 1; i <= FINDINGS; i++) {
                String id = String.valueOf(i);
                h.publish(Fixtures.gap("acme", id, FindingKind.MISSED_CREATE, Fixtures.user(id, "u" + i + "@example.org", Fixtures.T0), Fixtures.T0));
            }
            h.flush();

            Process first = startSink(config, "first");
            await().atMost(Duration.ofSeconds(90)).until(() -> h.count("SELECT count(*) FROM write_log") >= 300);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long writtenBeforeCrash = h.count("SELECT count(*) FROM write_log");
            assertThat(writtenBeforeCrash).as("killed mid-stream").isLessThan(FINDINGS);

            Process second = startSink(config, "second");
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> outcomes.byKey().size() >= FINDINGS);
                assertThat(h.count("SELECT count(*) FROM ext_users")).isEqualTo(FINDINGS);
                assertThat(h.count("SELECT count(*) FROM (SELECT record_key FROM write_log GROUP BY record_key HAVING count(*) <> 1) x"))
                        .as("keys written other than exactly once").isZero();
                Map<String, Long> perAction = outcomes.values().stream()
                        .collect(Collectors.groupingBy(CorrectionOutcome::actionId, Collectors.counting()));
                assertThat(perAction).hasSize(FINDINGS);
                assertThat(perAction.values()).as("committed outcomes per action").allMatch(n -> n == 1L);
                assertThat(dlq.values()).isEmpty();
            } finally {
                second.destroy();
            }
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("SIGTERM stops the sink").isTrue();
            String log = Files.readString(dir.resolve("sink-second.log"));
            assertThat(log).contains("shutdown requested").contains("stopped after");
        }
    }

    private Process startSink(Path config, String name) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        File log = dir.resolve("sink-" + name + ".log").toFile();
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", classpath, SinkCommand.class.getName(), "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }
}
