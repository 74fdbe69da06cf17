package io.vomorecon.sink.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.schemas.values.Alert;
import io.vomorecon.schemas.values.CorrectionOutcome;
import io.vomorecon.schemas.values.CorrectionOutcome.Outcome;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.sink.Fixtures;
import io.vomorecon.sink.config.PolicySettings;
import io.vomorecon.sink.config.RetryConfig;
import io.vomorecon.sink.config.WritesConfig;
import io.vomorecon.sink.external.ApplyResult;
import io.vomorecon.sink.external.DestinationRow;
import io.vomorecon.sink.external.ExternalSystem;
import io.vomorecon.sink.external.ExternalWriteException;
import io.vomorecon.sink.plan.ActionPlanner;
import io.vomorecon.sink.plan.PolicyBook;
import io.vomorecon.sink.plan.WriteAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The batch logic without Kafka or PostgreSQL: an in-memory destination that applies actions
 * by id and can be told to fail, so cancellation, retries, isolation and the published records
 * can be checked exactly.
 */
class BatchProcessorTest {

    private static final String PREFIX = "t.";
    private final SinkTopics topics = SinkTopics.in(PREFIX);
    private final Memory destination = new Memory();
    private long offset;

    private BatchProcessor processor(int maxAttempts, boolean batching) {
        ResilientWriter writer = new ResilientWriter(destination, new WritesConfig(batching, 100, 0),
                new RetryConfig(maxAttempts, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)), Throttle.unlimited());
        return new BatchProcessor(topics, new ActionPlanner(new PolicyBook(PolicySettings.none(), Map.of())), writer,
                Clock.fixed(Fixtures.T0, ZoneOffset.UTC));
    }

    private ConsumerRecord<byte[], byte[]> record(Finding f) {
        Topic<Finding> t = topics.input(PREFIX + "recon." + (f.kind().family() == FindingKind.Family.GAP ? "gaps"
                : f.kind().family() == FindingKind.Family.DRIFT ? "drift" : "deletions")).orElseThrow();
        return new ConsumerRecord<>(t.name(), 0, offset++, f.key().getBytes(StandardCharsets.UTF_8), t.valueSerde().encode(f));
    }

    private static <V> List<V> values(BatchResult r, Topic<V> topic) {
        List<V> out = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> p : r.records()) {
            if (p.topic().equals(topic.name())) {
                out.add(topic.valueSerde().decode(p.value()));
            }
        }
        return out;
    }

    private Finding gap(String id, String email) {
        return Fixtures.gap("acme", id, FindingKind.MISSED_UPDATE, Fixtures.user(id, email, Fixtures.T0), Fixtures.T0);
    }

    @Test
    void anAppliedWritePublishesExternalRowPartnerStateAndOutcome() {
        BatchResult r = processor(3, true).process(List.of(record(gap("1", "a@example.org"))));

        assertThat(values(r, topics.corrections())).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(o.action()).isEqualTo(ActionKind.RE_PROCESS);
            assertThat(o.attempts()).isEqualTo(1);
            assertThat(o.targetVersion()).contains(Fixtures.T0);
        });
        assertThat(values(r, topics.externalState())).singleElement().isInstanceOfSatisfying(ExternalRow.class, e -> {
            assertThat(e.source()).isEqualTo(ExternalRow.ExternalSource.SINK);
            assertThat(e.runId()).isEmpty();
            assertThat(e.fields()).containsEntry("email", "a@example.org");
        });
        assertThat(values(r, topics.partnerState())).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(PartnerState.PartnerSource.SINK);
            assertThat(p.pushed()).isTrue();
            assertThat(p.processedVersion()).contains(Fixtures.T0);
            assertThat(p.pushedFields()).containsEntry("email", "a@example.org");
        });
    }

    @Test
    void aRedeliveredFindingIsAlreadyAppliedAndStillRepublishesTheState() {
        BatchProcessor p = processor(3, true);
        p.process(List.of(record(gap("1", "a@example.org"))));
        BatchResult again = p.process(List.of(record(gap("1", "a@example.org"))));

        assertThat(values(again, topics.corrections())).singleElement().extracting(CorrectionOutcome::outcome).isEqualTo(Outcome.ALREADY_APPLIED);
        assertThat(values(again, topics.externalState())).hasSize(1);
        assertThat(values(again, topics.partnerState())).hasSize(1);
        assertThat(destination.writes).isEqualTo(1);
    }

    @Test
    void aResolvedFindingLaterInTheBatchCancelsTheWriteBeforeIt() {
        Finding open = gap("1", "a@example.org");
        BatchResult r = processor(3, true).process(List.of(record(open), record(Fixtures.resolved(open)), record(gap("2", "b@example.org"))));

        List<CorrectionOutcome> outcomes = values(r, topics.corrections());
        assertThat(outcomes).extracting(CorrectionOutcome::key, CorrectionOutcome::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acme/users/1", Outcome.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("acme/users/2", Outcome.APPLIED));
        assertThat(outcomes.get(0).reason()).hasValueSatisfying(s -> assertThat(s).contains("resolved before"));
        assertThat(destination.rows).containsOnlyKeys("acme/users/2");
    }

    @Test
    void badBytesBecomeADeadLetterWithTheReasonAndTheBatchGoesOn() {
        ConsumerRecord<byte[], byte[]> junk = new ConsumerRecord<>(PREFIX + "recon.gaps", 2, 41, "k".getBytes(StandardCharsets.UTF_8),
                "{\"schemaVersion\": 1, \"kind\": 12".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> binary = new ConsumerRecord<>(PREFIX + "recon.gaps", 2, 42, null, new byte[] {(byte) 0xff, 0x00});
        BatchResult r = processor(3, true).process(List.of(junk, binary, record(gap("1", "a@example.org"))));

        List<DeadLetter> dl = values(r, topics.dlq());
        assertThat(dl).hasSize(2);
        assertThat(dl.get(0).reason()).contains("not JSON");
        assertThat(dl.get(0).offset()).contains(41L);
        assertThat(dl.get(0).payloadEncoding()).isEqualTo(DeadLetter.PayloadEncoding.UTF8);
        assertThat(dl.get(1).payloadEncoding()).isEqualTo(DeadLetter.PayloadEncoding.BASE64);
        assertThat(r.count(Outcome.APPLIED)).isEqualTo(1);
    }

    @Test
    void transientFailuresAreRetriedAndSucceedWithTheAttemptsCounted() {
        destination.transientFailuresLeft = 2;
        BatchResult r = processor(5, true).process(List.of(record(gap("1", "a@example.org"))));

        assertThat(values(r, topics.corrections())).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(Outcome.APPLIED);
            assertThat(o.attempts()).isEqualTo(3);
        });
        assertThat(values(r, topics.dlq())).isEmpty();
    }

    @Test
    void afterTheRetryLimitTheCorrectionIsDeadLetteredAsFailedWithAttempts() {
        destination.transientFailuresLeft = 100;
        BatchResult r = processor(3, true).process(List.of(record(gap("1", "a@example.org"))));

        assertThat(values(r, topics.corrections())).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(o.attempts()).isEqualTo(3);
            assertThat(o.reason()).hasValueSatisfying(s -> assertThat(s).contains("SQLState 08006").contains("after 3 attempt(s)"));
        });
        assertThat(values(r, topics.dlq())).singleElement().satisfies(d -> {
            assertThat(d.context()).containsEntry("sqlState", "08006").containsEntry("action", "RE_PROCESS").containsEntry("attempts", "3");
            assertThat(d.payload()).hasValueSatisfying(p -> assertThat(p).contains("\"findingId\""));
        });
        assertThat(values(r, topics.alerts())).singleElement().extracting(Alert::alertKind).isEqualTo(Alert.AlertKind.CORRECTION_FAILED);
    }

    @Test
    void aPermanentFailureFailsOnlyItsOwnCorrectionAtOnce() {
        destination.poisonKeys = Set.of("acme/users/2");
        BatchResult r = processor(5, true).process(List.of(record(gap("1", "a@x.org")), record(gap("2", "b@x.org")), record(gap("3", "c@x.org"))));

        assertThat(values(r, topics.corrections())).extracting(CorrectionOutcome::key, CorrectionOutcome::outcome, CorrectionOutcome::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acme/users/1", Outcome.APPLIED, 1),
                        org.assertj.core.groups.Tuple.tuple("acme/users/2", Outcome.FAILED, 1),
                        org.assertj.core.groups.Tuple.tuple("acme/users/3", Outcome.APPLIED, 1));
        assertThat(values(r, topics.dlq())).singleElement().satisfies(d -> assertThat(d.reason()).contains("check_violation"));
    }

    @Test
    void twoActionsOnOneKeyInABatchApplyInOrder() {
        Finding older = gap("1", "old@x.org");
        Finding newer = Fixtures.gap("acme", "1", FindingKind.MISSED_UPDATE, Fixtures.user("1", "new@x.org", Fixtures.T0.plusSeconds(5)),
                Fixtures.T0.plusSeconds(5));
        BatchResult r = processor(3, true).process(List.of(record(older), record(newer)));

        assertThat(values(r, topics.corrections())).extracting(CorrectionOutcome::outcome).containsExactly(Outcome.APPLIED, Outcome.APPLIED);
        assertThat(destination.rows.get("acme/users/1").columns()).containsEntry("email", "new@x.org");
    }

    @Test
    void driftWithoutAutoFixRaisesAnAlertAndChangesNothing() {
        BatchResult r = processor(3, true).process(List.of(record(Fixtures.drift("acme", "1", Fixtures.user("1", "a@x.org", Fixtures.T0), Fixtures.T0))));

        assertThat(values(r, topics.corrections())).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo(ActionKind.ALERT_ONLY);
            assertThat(o.outcome()).isEqualTo(Outcome.SKIPPED);
        });
        assertThat(values(r, topics.alerts())).singleElement().satisfies(a -> {
            assertThat(a.alertKind()).isEqualTo(Alert.AlertKind.UNEXPLAINED_DRIFT);
            assertThat(a.message()).contains("acme/users/1").doesNotContain("a@x.org");
        });
        assertThat(destination.writes).isZero();
    }

    /** Applies actions by id; fails transiently a number of times, or permanently for poison keys. */
    static final class Memory implements ExternalSystem {
        final Map<String, DestinationRow> rows = new HashMap<>();
        int writes;
        int transientFailuresLeft;
        Set<String> poisonKeys = Set.of();

        @Override
        public ApplyResult apply(WriteAction a) {
            return applyAll(List.of(a)).get(0);
        }

        @Override
        public List<ApplyResult> applyAll(List<WriteAction> actions) {
            if (transientFailuresLeft > 0) {
                transientFailuresLeft--;
                throw new ExternalWriteException(true, "org.postgresql.util.PSQLException", Optional.of("08006"), "connection_failure on ext_users");
            }
            if (actions.stream().anyMatch(a -> poisonKeys.contains(a.key()))) {
                throw new ExternalWriteException(false, "org.postgresql.util.PSQLException", Optional.of("23514"), "check_violation on ext_users");
            }
            List<ApplyResult> out = new ArrayList<>();
            for (WriteAction a : actions) {
                DestinationRow current = rows.get(a.key());
                if (current != null && current.lastActionId().filter(a.actionId()::equals).isPresent()) {
                    out.add(new ApplyResult(ApplyResult.Status.ALREADY_APPLIED, Optional.of(current), Optional.empty()));
                    continue;
                }
                DestinationRow row = new DestinationRow(a.key(), a.customer(), "x-" + a.key(), a.fields(), a.targetVersion(), a.contentHash(),
                        false, Optional.empty(), Optional.empty(), Optional.of(a.actionId()), "vomo-recon");
                rows.put(a.key(), row);
                writes++;
                out.add(new ApplyResult(ApplyResult.Status.APPLIED, Optional.of(row), Optional.empty()));
            }
            return out;
        }

        @Override
        public void close() {
        }
    }
}
