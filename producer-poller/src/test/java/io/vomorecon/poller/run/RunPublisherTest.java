package io.vomorecon.poller.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Partitioning;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.RunAborted;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.Snapshot;
import io.vomorecon.schemas.values.SnapshotEvent;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunPublisherTest {

    private static final int PARTITIONS = 3;
    private final Topic<SnapshotEvent> topic = Topics.VOMO_SNAPSHOTS.in("t.");
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T02:00:00Z"), ZoneOffset.UTC);
    private MockProducer<byte[], byte[]> producer;
    private RunPublisher<SnapshotEvent> publisher;
    private final RunSpec spec = new RunSpec("r-acme-users-full-1-abcd", "acme", Resource.USERS, RunKind.FULL, RunSource.VOMO,
            Optional.empty(), Instant.parse("2025-03-01T01:00:00Z"));

    @BeforeEach
    void setUp() {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            infos.add(new PartitionInfo(topic.name(), p, node, new Node[] {node}, new Node[] {node}));
        }
        Cluster cluster = new Cluster("c", List.of(node), infos, Set.of(), Set.of());
        producer = new MockProducer<>(cluster, true, null, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        publisher = new RunPublisher<>(producer, topic, Topics.RECON_DLQ.in("t."), clock, m -> (SnapshotEvent) m);
    }

    private ScanResult<SnapshotEvent> scan(int n, Optional<String> abort) {
        RunBuffer<SnapshotEvent> buffer = new RunBuffer<>();
        for (int i = 0; i < n; i++) {
            String key = RecordKey.of("acme", Resource.USERS, String.valueOf(i)).encode();
            buffer.add(key, new Snapshot(1, spec.runId(), "acme", "users", key, JsonNodeFactory.instance.objectNode().put("id", i),
                    Optional.empty(), "h" + i, clock.instant()), Optional.empty());
        }
        return new ScanResult<>(buffer, List.of("acme/users/"), List.of(), abort, 42);
    }

    private SnapshotEvent value(ProducerRecord<byte[], byte[]> r) {
        return topic.valueSerde().decode(r.value());
    }

    @Test
    void everyRecordGoesToItsComputedPartitionAndEveryPartitionGetsItsCount() throws Exception {
        RunOutcome outcome = publisher.publish(spec, scan(100, Optional.empty()));

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(100 + PARTITIONS);
        long[] expected = new long[PARTITIONS];
        for (ProducerRecord<byte[], byte[]> r : sent.subList(0, 100)) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertThat(r.partition()).isEqualTo(Partitioning.partitionFor(key, PARTITIONS));
            assertThat(value(r)).isInstanceOf(Snapshot.class);
            expected[r.partition()]++;
        }
        List<ProducerRecord<byte[], byte[]>> markers = sent.subList(100, sent.size());
        for (int p = 0; p < PARTITIONS; p++) {
            ProducerRecord<byte[], byte[]> m = markers.get(p);
            assertThat(m.partition()).isEqualTo(p);
            assertThat(new String(m.key(), StandardCharsets.UTF_8)).isEqualTo("acme/_run/" + spec.runId() + "/" + p);
            RunCompleted c = (RunCompleted) value(m);
            assertThat(c.count()).isEqualTo(expected[p]);
            assertThat(c.partition()).isEqualTo(p);
            assertThat(c.partitions()).isEqualTo(PARTITIONS);
            assertThat(c.totalCount()).isEqualTo(100);
            assertThat(c.apiCalls()).isEqualTo(42);
            assertThat(c.scope()).containsExactly("acme/users/");
            assertThat(c.completedAt()).isEqualTo(clock.instant());
        }
        assertThat(java.util.Arrays.stream(expected).allMatch(c -> c > 0)).isTrue();
        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.perPartition()).containsExactly(expected[0], expected[1], expected[2]);
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.flushed()).isTrue();
    }

    @Test
    void aVomoRunPublishedAfterItsJobsDestinationReadNamesThatReadOnEveryMarkerAndOnlyThere() throws Exception {
        publisher.publish(spec, scan(20, Optional.empty()), Optional.of("r-acme-users-full-1-read"));

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(20 + PARTITIONS);
        for (ProducerRecord<byte[], byte[]> r : sent) {
            org.apache.kafka.common.header.Header h = r.headers().lastHeader(Topics.PAIRED_RUN_HEADER);
            if (value(r) instanceof RunCompleted) {
                assertThat(h).isNotNull();
                assertThat(new String(h.value(), StandardCharsets.UTF_8)).isEqualTo("r-acme-users-full-1-read");
            } else {
                assertThat(h).isNull();
            }
        }
        publisher.publish(spec, scan(3, Optional.empty()));
        assertThat(producer.history().subList(sent.size(), producer.history().size()))
                .allMatch(r -> r.headers().lastHeader(Topics.PAIRED_RUN_HEADER) == null);
    }

    @Test
    void aScanWithAnAbortReasonGetsRunAbortedOnEveryPartitionAndNoCompletion() throws Exception {
        RunOutcome outcome = publisher.publish(spec, scan(10, Optional.of("users?page=3: HTTP 503 after 5 tries")));
        List<SnapshotEvent> values = producer.history().stream().map(this::value).toList();
        assertThat(values).noneMatch(v -> v instanceof RunCompleted);
        List<RunAborted> aborted = values.stream().filter(v -> v instanceof RunAborted).map(v -> (RunAborted) v).toList();
        assertThat(aborted).extracting(RunAborted::partition).containsExactly(0, 1, 2);
        assertThat(aborted).allMatch(a -> a.reason().contains("HTTP 503"));
        assertThat(aborted.stream().mapToLong(RunAborted::count).sum()).isEqualTo(10);
        assertThat(outcome.completed()).isFalse();
    }

    @Test
    void aFailedSendWritesNoMarkerAndLeavesNothingCommitted() {
        producer.sendException = new KafkaException("broker gone");
        assertThatThrownBy(() -> publisher.publish(spec, scan(10, Optional.empty())))
                .isInstanceOf(RunPublisher.PublishFailed.class);
        assertThat(producer.history()).isEmpty();
        assertThat(producer.transactionCommitted()).isFalse();
    }

    @Test
    void aRecordRefusedAfterItWasSentWritesNoMarker() {
        // Sends complete later, in flush(); the fourth is refused by the broker (reported only to its callback).
        MockProducer<byte[], byte[]> lazy = new MockProducer<>(clusterOf(producer), false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                for (int i = 0; i < 3; i++) {
                    completeNext();
                }
                errorNext(new KafkaException("record too large"));
                super.flush();
            }
        };
        lazy.initTransactions();
        RunPublisher<SnapshotEvent> p = new RunPublisher<>(lazy, topic, Topics.RECON_DLQ.in("t."), clock, m -> (SnapshotEvent) m);
        assertThatThrownBy(() -> p.publish(spec, scan(10, Optional.empty())))
                .isInstanceOf(RunPublisher.PublishFailed.class).hasMessageContaining("not acknowledged");
        assertThat(lazy.history()).as("nothing of the run is visible, no marker at all").isEmpty();
        assertThat(lazy.transactionAborted()).isTrue();
        assertThat(lazy.transactionCommitted()).isFalse();
    }

    @Test
    void recordsExpiredUnacknowledgedFailTheRunAndAskForANewProducer() {
        // A stalled transaction: the records expire at delivery.timeout.ms and are reported to the callback only.
        MockProducer<byte[], byte[]> stalled = new MockProducer<>(clusterOf(producer), false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                while (errorNext(new TimeoutException("Expiring 10 record(s): 45000 ms has passed since batch creation"))) {
                    // every pending send expires
                }
                super.flush();
            }
        };
        stalled.initTransactions();
        RunPublisher<SnapshotEvent> p = new RunPublisher<>(stalled, topic, Topics.RECON_DLQ.in("t."), clock, m -> (SnapshotEvent) m);
        assertThatThrownBy(() -> p.publish(spec, scan(10, Optional.empty())))
                .isInstanceOfSatisfying(RunPublisher.PublishFailed.class, f -> assertThat(f.fatal()).isTrue());
        assertThat(stalled.history()).as("no marker, nothing visible").isEmpty();
        assertThat(stalled.transactionCommitted()).isFalse();
    }

    @Test
    void aCommitThatTimesOutAsksForANewProducer() {
        producer.commitTransactionException = new TimeoutException("Timeout expired after 30000ms while awaiting EndTxn");
        assertThatThrownBy(() -> publisher.publish(spec, scan(10, Optional.empty())))
                .isInstanceOfSatisfying(RunPublisher.PublishFailed.class, f -> assertThat(f.fatal()).isTrue());
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void anOrdinaryRefusalKeepsTheProducer() {
        producer.commitTransactionException = new KafkaException("coordinator gone");
        assertThatThrownBy(() -> publisher.publish(spec, scan(10, Optional.empty())))
                .isInstanceOfSatisfying(RunPublisher.PublishFailed.class, f -> assertThat(f.fatal()).isFalse());
    }

    private Cluster clusterOf(MockProducer<byte[], byte[]> p) {
        Node node = new Node(0, "localhost", 9092);
        return new Cluster("c", List.of(node), p.partitionsFor(topic.name()), Set.of(), Set.of());
    }

    @Test
    void aFailedCommitLeavesNothingVisible() {
        producer.commitTransactionException = new KafkaException("coordinator gone");
        assertThatThrownBy(() -> publisher.publish(spec, scan(10, Optional.empty())))
                .isInstanceOf(RunPublisher.PublishFailed.class);
        assertThat(producer.history()).isEmpty();
        assertThat(producer.transactionAborted()).isTrue();
    }
}
