package io.vomorecon.poller.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.Snapshot;
import io.vomorecon.schemas.values.SnapshotEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RunPublisher#publishTogether}: an exhaustive job's destination read and VOMO run go out
 * in one transaction, the first run's records and markers before the second's, the second's
 * stamped strictly later, and a failure anywhere leaves neither visible.
 */
class RunPublisherPairTest {

    private static final int PARTITIONS = 3;
    private final Topic<SnapshotEvent> first = Topics.VOMO_SNAPSHOTS.in("a.");
    private final Topic<SnapshotEvent> second = Topics.VOMO_SNAPSHOTS.in("b.");
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T02:00:00Z"), ZoneOffset.UTC);
    private final RunSpec firstSpec = new RunSpec("r-acme-users-full-1-aaaa", "acme", Resource.USERS, RunKind.FULL,
            RunSource.EXTERNAL, Optional.empty(), Instant.parse("2025-03-01T01:00:00Z"));
    private final RunSpec secondSpec = new RunSpec("r-acme-users-full-1-bbbb", "acme", Resource.USERS, RunKind.FULL,
            RunSource.VOMO, Optional.empty(), Instant.parse("2025-03-01T01:00:00Z"));
    private MockProducer<byte[], byte[]> producer;

    @BeforeEach
    void setUp() {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (String topic : List.of(first.name(), second.name())) {
            for (int p = 0; p < PARTITIONS; p++) {
                infos.add(new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node}));
            }
        }
        producer = new MockProducer<>(new Cluster("c", List.of(node), infos, Set.of(), Set.of()), true, null,
                new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    private RunPublisher<SnapshotEvent> publisher(Topic<SnapshotEvent> topic) {
        return new RunPublisher<>(producer, topic, Topics.RECON_DLQ.in("t."), clock, m -> (SnapshotEvent) m);
    }

    private ScanResult<SnapshotEvent> scan(RunSpec spec, int n) {
        RunBuffer<SnapshotEvent> buffer = new RunBuffer<>();
        for (int i = 0; i < n; i++) {
            String key = RecordKey.of("acme", Resource.USERS, String.valueOf(i)).encode();
            buffer.add(key, new Snapshot(1, spec.runId(), "acme", "users", key, JsonNodeFactory.instance.objectNode().put("id", i),
                    Optional.empty(), "h" + i, clock.instant()), Optional.empty());
        }
        return new ScanResult<>(buffer, List.of("acme/users/"), List.of(), Optional.empty(), 7);
    }

    @Test
    void bothRunsGoOutInOneTransactionTheFirstWhollyBeforeTheSecondWhichIsStampedLater() throws Exception {
        long before = System.currentTimeMillis();
        List<RunOutcome> outcomes = RunPublisher.publishTogether(publisher(first), firstSpec, scan(firstSpec, 20),
                publisher(second), secondSpec, scan(secondSpec, 30));

        assertThat(outcomes).extracting(o -> o.spec().runId()).containsExactly(firstSpec.runId(), secondSpec.runId());
        assertThat(outcomes).allMatch(RunOutcome::completed);
        assertThat(producer.commitCount()).as("one transaction for both runs").isEqualTo(1);
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(20 + PARTITIONS + 30 + PARTITIONS);
        List<ProducerRecord<byte[], byte[]>> ofFirst = sent.subList(0, 20 + PARTITIONS);
        List<ProducerRecord<byte[], byte[]>> ofSecond = sent.subList(20 + PARTITIONS, sent.size());
        assertThat(ofFirst).allMatch(r -> r.topic().equals(first.name()));
        assertThat(ofSecond).allMatch(r -> r.topic().equals(second.name()));
        // the first run's markers close its part before anything of the second is sent
        assertThat(ofFirst.subList(20, 20 + PARTITIONS)).allMatch(r -> first.valueSerde().decode(r.value()) instanceof RunCompleted);
        // the first run's records take the producer's clock at send; the second's are stamped after all of them
        long firstSentBy = before;
        for (ProducerRecord<byte[], byte[]> r : ofFirst) {
            assertThat(r.timestamp()).as("the first run keeps the producer's own timestamps").isNull();
        }
        assertThat(ofSecond).allSatisfy(r -> assertThat(r.timestamp()).isNotNull().isGreaterThan(firstSentBy));
        long stamp = ofSecond.get(0).timestamp();
        assertThat(ofSecond).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(stamp));
        assertThat(stamp).isLessThanOrEqualTo(System.currentTimeMillis() + 1);
    }

    @Test
    void aFailedSendLeavesNeitherRunVisible() {
        producer.sendException = new KafkaException("broker gone");
        assertThatThrownBy(() -> RunPublisher.publishTogether(publisher(first), firstSpec, scan(firstSpec, 5),
                publisher(second), secondSpec, scan(secondSpec, 5))).isInstanceOf(RunPublisher.PublishFailed.class);
        assertThat(producer.history()).isEmpty();
        assertThat(producer.commitCount()).isZero();
    }

    @Test
    void runsOfDifferentProducersCannotBePublishedTogether() {
        MockProducer<byte[], byte[]> other = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        RunPublisher<SnapshotEvent> elsewhere = new RunPublisher<>(other, second, Topics.RECON_DLQ.in("t."), clock, m -> (SnapshotEvent) m);
        assertThatThrownBy(() -> RunPublisher.publishTogether(publisher(first), firstSpec, scan(firstSpec, 1), elsewhere, secondSpec,
                scan(secondSpec, 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
