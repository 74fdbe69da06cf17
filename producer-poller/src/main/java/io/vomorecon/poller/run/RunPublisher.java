package io.vomorecon.poller.run;

import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.topics.Partitioning;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.RunAborted;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunMarker;
import java.time.Clock;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run protocol of ARCHITECTURE.md section 3, on one topic (vomo.snapshots or external.state):
 * every record of the run, each sent to the partition this class computes for its key with
 * {@link Partitioning#partitionFor} and counted there; a flush, and a check that every send
 * succeeded; then one marker to EVERY partition with that partition's count: RUN_COMPLETED when
 * the scan read every page, RUN_ABORTED (with the reason) when it did not.
 *
 * <p>All of it is one Kafka transaction: a read-committed consumer sees a run's records together
 * with its markers, or nothing of it. A crash at any point leaves no marker, so a crashed run can
 * never look complete (markers are the only completion signal). This class must never write a
 * marker before every record of the run is acknowledged, and never RUN_COMPLETED for a scan with
 * an abort reason.
 */
public final class RunPublisher<E> {

    private static final Logger LOG = LoggerFactory.getLogger(RunPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final Topic<E> topic;
    private final Topic<DeadLetter> dlq;
    private final Clock clock;
    private final Function<RunMarker, E> asEvent;

    /**
     * @param producer a transactional producer ({@code initTransactions()} already called), used by one thread at a time
     * @param asEvent  how a marker is a value of the topic (the marker records implement both event types)
     */
    public RunPublisher(Producer<byte[], byte[]> producer, Topic<E> topic, Topic<DeadLetter> dlq, Clock clock,
                        Function<RunMarker, E> asEvent) {
        this.producer = producer;
        this.topic = topic;
        this.dlq = dlq;
        this.clock = clock;
        this.asEvent = asEvent;
    }

    /** The Kafka key of a run's marker on partition p (CONTRACTS.md). */
    public static String markerKey(String customer, String runId, int partition) {
        return RecordKey.of(customer, "_run", runId, String.valueOf(partition)).encode();
    }

    /**
     * Publishes a finished scan in the protocol and returns what was published.
     *
     * @throws PublishFailed when Kafka refused part of it; the transaction is aborted and nothing
     *                       of the run is visible to read-committed consumers
     */
    public RunOutcome publish(RunSpec spec, ScanResult<E> scan) throws PublishFailed {
        return publish(spec, scan, Optional.empty());
    }

    /**
     * The same, for a VOMO run whose job published a destination read just before it: every
     * marker names that read in the {@link Topics#PAIRED_RUN_HEADER} header.
     */
    public RunOutcome publish(RunSpec spec, ScanResult<E> scan, Optional<String> pairedRun) throws PublishFailed {
        int partitions = producer.partitionsFor(topic.name()).size();
        long[] counts = new long[partitions];
        Acks acks = new Acks();
        long sent = 0;
        try {
            producer.beginTransaction();
            for (RunBuffer.Keyed<E> r : scan.records().records()) {
                int p = Partitioning.partitionFor(r.key(), partitions);
                producer.send(topic.rawRecord(p, r.key(), r.value()), acks);
                sent++;
                counts[p]++;
            }
            for (DeadLetter d : scan.rejects()) {
                producer.send(dlq.rawRecord(d.key().orElse(spec.runId()), d), acks);
                sent++;
            }
            // After flush() every send has completed and its callback has run (Kafka runs a batch's callbacks
            // before completing it), so the tally is final here: markers only when every record was acknowledged.
            producer.flush();
            acks.requireAll(sent);
            Instant end = clock.instant();
            long total = Arrays.stream(counts).sum();
            for (int p = 0; p < partitions; p++) {
                RunMarker marker = scan.abortReason().isEmpty()
                        ? new RunCompleted(Topics.SCHEMA_VERSION, spec.runId(), spec.customer(), spec.resource().path(), spec.kind(),
                        spec.source(), scan.scope(), spec.window(), p, partitions, counts[p], total, scan.apiCalls(),
                        spec.startedAt(), end)
                        : new RunAborted(Topics.SCHEMA_VERSION, spec.runId(), spec.customer(), spec.resource().path(), spec.kind(),
                        spec.source(), scan.scope(), spec.window(), p, partitions, counts[p], scan.apiCalls(),
                        scan.abortReason().get(), spec.startedAt(), end);
                ProducerRecord<byte[], byte[]> record = topic.rawRecord(p, markerKey(spec.customer(), spec.runId(), p),
                        asEvent.apply(marker));
                pairedRun.ifPresent(id -> record.headers().add(Topics.PAIRED_RUN_HEADER, id.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.commitTransaction();
            List<Long> perPartition = Arrays.stream(counts).boxed().toList();
            return new RunOutcome(spec, scan.abortReason().isEmpty(), scan.abortReason(), perPartition, total,
                    scan.records().duplicates(), scan.rejects().size(), scan.apiCalls(), scan.scope(), end);
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            throw new PublishFailed("producer can no longer write (" + e.getClass().getSimpleName() + ")", true, e);
        } catch (NotAcknowledged e) {
            abort(spec);
            throw new PublishFailed(e.getMessage(), e.getCause() instanceof TimeoutException, e.getCause());
        } catch (KafkaException e) {
            abort(spec);
            throw new PublishFailed("Kafka refused the run: " + e.getClass().getSimpleName(), e instanceof TimeoutException, e);
        }
    }

    private void abort(RunSpec spec) {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.warn("could not abort the transaction of run {} ({}); the broker aborts it at its timeout",
                    spec.runId(), e.getClass().getSimpleName());
        }
    }

    /**
     * Counts the acknowledgements of a run's sends and keeps the first failure. One callback for the
     * whole run instead of a future per record: a run holds tens of thousands of records.
     */
    private static final class Acks implements Callback {
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                firstFailure.compareAndSet(null, exception);
            } else {
                acknowledged.incrementAndGet();
            }
        }

        void requireAll(long sent) throws NotAcknowledged {
            Exception failure = firstFailure.get();
            if (failure != null) {
                throw new NotAcknowledged("a record of the run was not acknowledged: " + failure.getClass().getSimpleName(), failure);
            }
            if (acknowledged.get() != sent) {
                throw new NotAcknowledged("only " + acknowledged.get() + " of " + sent + " records of the run were acknowledged", null);
            }
        }
    }

    private static final class NotAcknowledged extends Exception {
        NotAcknowledged(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Publishing failed; {@code fatal} says the producer must be replaced before the next run. A
     * timeout (records expired unacknowledged, or a transactional call that did not return in time)
     * is fatal: the transaction may still be open on the broker, and only a new producer's
     * {@code initTransactions()} (an epoch bump) is sure to end it.
     */
    public static final class PublishFailed extends Exception {
        private final boolean fatal;

        public PublishFailed(String message, boolean fatal, Throwable cause) {
            super(message, cause);
            this.fatal = fatal;
        }

        public boolean fatal() {
            return fatal;
        }
    }
}
