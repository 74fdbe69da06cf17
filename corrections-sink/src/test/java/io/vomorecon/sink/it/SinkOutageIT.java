package io.vomorecon.sink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.CorrectionOutcome;
import io.vomorecon.schemas.values.CorrectionOutcome.Outcome;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.sink.Fixtures;
import io.vomorecon.sink.SinkHarness;
import io.vomorecon.sink.TopicReader;
import io.vomorecon.sink.config.RetryConfig;
import io.vomorecon.sink.config.WritesConfig;
import io.vomorecon.sink.runtime.CorrectionsSink;
import io.vomorecon.testkit.WithKafka;
import io.vomorecon.testkit.WithPostgres;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The destination goes away for 30 seconds in the middle of a batch: the sink keeps retrying
 * (nothing dead-lettered, nothing failed) and, once PostgreSQL is back, every correction ends
 * applied exactly once.
 */
@WithKafka
@WithPostgres
class SinkOutageIT {

    private static final int FINDINGS = 1500;

    @Test
    void aThirtySecondDestinationOutageMidBatchLosesNothingAndAppliesEverythingOnce(EmbeddedKafka kafka, EmbeddedPg pg) throws Exception {
        try (SinkHarness h = new SinkHarness(kafka, pg);
             TopicReader<CorrectionOutcome> outcomes = h.reader(Topics.RECON_CORRECTIONS);
             TopicReader<DeadLetter> dlq = h.reader(Topics.RECON_DLQ)) {
            for (int i = 1; i <= FINDINGS; i++) {
                String id = String.valueOf(i);
                h.publish(Fixtures.gap("acme", id, FindingKind.MISSED_CREATE, Fixtures.user(id, "u" + i + "@example.org", Fixtures.T0), Fixtures.T0));
            }
            h.flush();
            // 100 writes/s keeps the sink busy for about 15 s, so the outage lands mid-stream
            CorrectionsSink sink = h.start(h.config(new WritesConfig(true, 50, 100),
                    new RetryConfig(15, Duration.ofMillis(500), 2.0, Duration.ofSeconds(4)), Map.of()));
            await().atMost(Duration.ofSeconds(60)).until(() -> h.count("SELECT count(*) FROM write_log") >= 200);

            pg.stop();
            try {
                await().during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(40)).until(() ->
                        sink.stats().deadLetters() == 0 && sink.stats().outcomes(Outcome.FAILED) == 0 && sink.failure().isEmpty());
            } finally {
                pg.restart();
            }

            await().atMost(Duration.ofSeconds(180)).until(() -> outcomes.byKey().size() >= FINDINGS);
            assertThat(h.count("SELECT count(*) FROM ext_users")).isEqualTo(FINDINGS);
            assertThat(h.count("SELECT count(*) FROM (SELECT record_key FROM write_log GROUP BY record_key HAVING count(*) <> 1) x"))
                    .as("keys written other than exactly once").isZero();
            assertThat(h.count("SELECT count(DISTINCT record_key) FROM write_log")).isEqualTo(FINDINGS);
            Set<Outcome> kinds = outcomes.values().stream().map(CorrectionOutcome::outcome).collect(Collectors.toSet());
            assertThat(kinds).isSubsetOf(Outcome.APPLIED, Outcome.ALREADY_APPLIED);
            assertThat(dlq.values()).isEmpty();
            assertThat(sink.stats().outcomes(Outcome.FAILED)).isZero();
        }
    }
}
