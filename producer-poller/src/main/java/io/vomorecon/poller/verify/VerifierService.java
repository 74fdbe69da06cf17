package io.vomorecon.poller.verify;

import io.vomorecon.poller.config.CustomerConfig;
import io.vomorecon.poller.kafka.DeadLetters;
import io.vomorecon.poller.kafka.KafkaClients;
import io.vomorecon.poller.lifecycle.StopSignal;
import io.vomorecon.poller.vomo.VomoCallFailed;
import io.vomorecon.poller.worker.CustomerClients;
import io.vomorecon.schemas.topics.ContractViolation;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.SnapshotEvent;
import io.vomorecon.schemas.values.Verification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes deletion candidates (recon.deletions, status CANDIDATE, kinds DELETION and
 * ORPHAN_EXTERNAL), verifies each by id through the customer's throttle, and publishes the
 * {@link Verification} on vomo.snapshots under the candidate's key; one INFO line per verdict and
 * one per poll batch. Bad records and unknown customers go to the DLQ.
 *
 * <p>A poll batch is one unit. Its candidates are verified concurrently, at most
 * {@code http.concurrency} at once (so at most that many requests in flight, all through the
 * customers' throttles), with one {@link SharedReads}: candidates that need the same parent read
 * share it. Then the verdicts are sent in record order (so per key too), flushed once, and the
 * offsets committed once.
 *
 * <p>A candidate is never skipped, and its offset is committed only after its verdict was
 * acknowledged. When its read fails (VOMO down past retries, 401) or its verdict is refused, its
 * partition is committed only up to it, the later records of that partition in the batch are not
 * published (they come again), the partition is sought back to it and the loop pauses
 * {@code retryDelay}; the other partitions commit their progress. A verdict that does reach the topic
 * twice (sent in the same flush as a refused earlier one of its partition, or before a stop cut the
 * commit) is harmless: the reconciler opens a candidate once and logs and ignores a verdict that
 * matches no candidate any more.
 */
public final class VerifierService implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VerifierService.class);
    private static final String COMPONENT = "poller-verifier";
    /**
     * Candidates per poll batch. The reads of a batch are shared ({@link SharedReads}): a group's
     * member list, scanned page by page to verify any of its members, is read once per batch. At 50
     * a full membership run's few hundred removals, spread over a hundred groups, scanned most
     * groups again in every batch. A batch's reads still go through the customer's throttle; at
     * its rate 500 candidates need well under the poll interval.
     */
    static final int BATCH_RECORDS = 500;

    private final String bootstrap;
    private final String groupId;
    private final Topic<Finding> candidates;
    private final Topic<SnapshotEvent> snapshots;
    private final CustomerClients clients;
    private final DeletionVerifier verifier;
    private final Producer<byte[], byte[]> producer;
    private final DeadLetters deadLetters;
    private final Duration retryDelay;
    private final ExecutorService readers;
    /** Candidates verified at once, and list pages a batch's shared reads request ahead. */
    private final int concurrency;
    private final StopSignal stop = new StopSignal();
    private volatile Consumer<byte[], byte[]> consumer;

    /** @param concurrency {@code http.concurrency}: the candidates of a batch verified at once */
    public VerifierService(String bootstrap, String topicPrefix, CustomerClients clients, DeletionVerifier verifier,
                           Producer<byte[], byte[]> producer, DeadLetters deadLetters, Duration retryDelay, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("the verifier needs a concurrency of at least 1, not " + concurrency);
        }
        this.bootstrap = bootstrap;
        this.groupId = topicPrefix + "vomo-recon-verifier";
        this.candidates = Topics.RECON_DELETIONS.in(topicPrefix);
        this.snapshots = Topics.VOMO_SNAPSHOTS.in(topicPrefix);
        this.clients = clients;
        this.verifier = verifier;
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.retryDelay = retryDelay;
        this.readers = Executors.newFixedThreadPool(concurrency, readerThreads());
        this.concurrency = concurrency;
    }

    @Override
    public void run() {
        try (Consumer<byte[], byte[]> c = KafkaClients.consumer(bootstrap, groupId, BATCH_RECORDS, 600_000)) {
            consumer = c;
            c.subscribe(List.of(candidates.name()));
            while (stop.running()) {
                ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(500));
                if (!batch.isEmpty()) {
                    handleBatch(c, batch);
                }
            }
        } catch (WakeupException e) {
            if (stop.running()) {
                throw e;
            }
        } finally {
            readers.shutdownNow();
        }
    }

    /** What a polled record became before anything is published: a step, or a verification still running. */
    private sealed interface Item permits Pending, Step {
    }

    private record Pending(ConsumerRecord<byte[], byte[]> rec, Future<Step> step) implements Item {
    }

    /** What publishing does with a record. */
    private sealed interface Step extends Item permits Skipped, Rejected, Verified, Deferred {
        ConsumerRecord<byte[], byte[]> rec();
    }

    private record Skipped(ConsumerRecord<byte[], byte[]> rec) implements Step {
    }

    private record Rejected(ConsumerRecord<byte[], byte[]> rec, String reason, Throwable error) implements Step {
    }

    private record Verified(ConsumerRecord<byte[], byte[]> rec, Finding finding, Verification verification) implements Step {
    }

    private record Deferred(ConsumerRecord<byte[], byte[]> rec, Finding finding, String reason) implements Step {
    }

    private record Sent(TopicPartition tp, Verified verified, Future<RecordMetadata> ack) {
    }

    /** Verifies, publishes and commits one poll batch; seeks back and pauses when part of it must be tried again. */
    void handleBatch(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> batch) {
        long started = System.nanoTime();
        Map<TopicPartition, List<Item>> items = new LinkedHashMap<>();
        try (SharedReads reads = new SharedReads(concurrency)) {
            try {
                for (TopicPartition tp : batch.partitions()) {
                    List<Item> admitted = new ArrayList<>();
                    items.put(tp, admitted);
                    for (ConsumerRecord<byte[], byte[]> rec : batch.records(tp)) {
                        admitted.add(admit(rec, reads));
                    }
                }
            } catch (RejectedExecutionException e) {
                cancel(items);
                LOG.info("verifier closing: batch of {} record(s) left unpublished and uncommitted; it is read again", batch.count());
                return;
            }
            long candidateCount = items.values().stream().flatMap(List::stream).filter(i -> i instanceof Pending).count();
            Map<TopicPartition, List<Step>> steps;
            Map<TopicPartition, Long> retryFrom = new HashMap<>();
            int published;
            try {
                steps = await(items);
                published = publish(steps, retryFrom);
            } catch (InterruptedException | InterruptException e) {
                Thread.currentThread().interrupt();
                stop.stop();
                cancel(items);
                LOG.info("verifier interrupted: batch of {} record(s) left uncommitted; it is read again", batch.count());
                return;
            }
            commit(c, batch, retryFrom);
            retryFrom.forEach(c::seek);
            LOG.info("verifier batch: {} record(s), {} candidate(s), {} verdict(s) published, {} request(s) sent, "
                            + "{} shared read(s) saved, {} partition(s) to retry, {} ms", batch.count(), candidateCount, published,
                    reads.requestsSent(), reads.sharedReads(), retryFrom.size(), (System.nanoTime() - started) / 1_000_000);
            if (!retryFrom.isEmpty()) {
                stop.pause(retryDelay);
            }
        }
    }

    /** Decodes and filters one record; a candidate's verification starts on the readers. */
    private Item admit(ConsumerRecord<byte[], byte[]> rec, SharedReads reads) {
        Finding f;
        try {
            f = candidates.value(rec);
        } catch (ContractViolation e) {
            return new Rejected(rec, e.reason(), e);
        }
        if (f == null || f.status() != FindingStatus.CANDIDATE
                || (f.kind() != FindingKind.DELETION && f.kind() != FindingKind.ORPHAN_EXTERNAL)) {
            return new Skipped(rec);
        }
        Optional<CustomerConfig> customer = clients.customer(f.customer());
        if (customer.isEmpty()) {
            return new Rejected(rec, "candidate of customer '" + f.customer() + "', who is not in customers.yaml", null);
        }
        DeletionVerifier.Target target = new DeletionVerifier.Target(clients.client(f.customer()).orElseThrow(),
                customer.get().organizationId());
        return new Pending(rec, readers.submit(() -> verify(rec, f, target, reads)));
    }

    private Step verify(ConsumerRecord<byte[], byte[]> rec, Finding f, DeletionVerifier.Target target, SharedReads reads) {
        try {
            return new Verified(rec, f, verifier.verify(f, target, reads));
        } catch (IllegalArgumentException e) {
            return new Rejected(rec, "candidate key cannot be verified: " + e.getMessage(), e);
        } catch (VomoCallFailed | DeletionVerifier.Undecidable e) {
            return new Deferred(rec, f, e.getMessage());
        }
    }

    /** Waits for every verification of the batch, in record order. */
    private Map<TopicPartition, List<Step>> await(Map<TopicPartition, List<Item>> items) throws InterruptedException {
        Map<TopicPartition, List<Step>> steps = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, List<Item>> e : items.entrySet()) {
            List<Step> done = new ArrayList<>();
            for (Item i : e.getValue()) {
                if (i instanceof Pending p) {
                    try {
                        done.add(p.step().get());
                    } catch (ExecutionException failed) {
                        // A defect, not a VOMO answer (those are Deferred): it stops the verifier, as it did before batching.
                        cancel(items);
                        Throwable cause = failed.getCause();
                        throw cause instanceof RuntimeException r ? r : new IllegalStateException("verification failed", cause);
                    }
                } else {
                    done.add((Step) i);
                }
            }
            steps.put(e.getKey(), done);
        }
        return steps;
    }

    /**
     * Dead-letters and sends in record order up to each partition's first deferral, flushes once and
     * waits for every acknowledgement. Fills {@code retryFrom} with the offset each failed partition
     * must be read again from; answers the verdicts published.
     */
    private int publish(Map<TopicPartition, List<Step>> steps, Map<TopicPartition, Long> retryFrom) throws InterruptedException {
        List<Sent> sent = new ArrayList<>();
        for (Map.Entry<TopicPartition, List<Step>> e : steps.entrySet()) {
            TopicPartition tp = e.getKey();
            for (Step s : e.getValue()) {
                if (s instanceof Rejected r) {
                    deadLetters.send(COMPONENT, r.rec(), r.reason(), r.error());
                } else if (s instanceof Deferred d) {
                    LOG.warn("verification of {} (finding {}) deferred {} s, with the {} record(s) after it on {}: {}", d.finding().key(),
                            d.finding().findingId(), retryDelay.toSeconds(), laterRecords(e.getValue(), d), tp, d.reason());
                    retryFrom.put(tp, d.rec().offset());
                    break;
                } else if (s instanceof Verified v) {
                    try {
                        sent.add(new Sent(tp, v, producer.send(snapshots.rawRecord(v.finding().key(), v.verification()))));
                    } catch (InterruptException x) {
                        throw x;
                    } catch (KafkaException x) {
                        LOG.warn("verdict for {} refused by the producer ({}); retrying in {} s", v.finding().key(),
                                x.getClass().getSimpleName(), retryDelay.toSeconds());
                        retryFrom.put(tp, v.rec().offset());
                        break;
                    }
                }
            }
        }
        producer.flush();
        int published = 0;
        for (Sent s : sent) {
            Finding f = s.verified().finding();
            Verification v = s.verified().verification();
            try {
                s.ack().get();
                published++;
                LOG.info("verified {} ({} {}, finding {}, run {}): {} - {}", f.key(), f.kind(), f.status(), f.findingId(), f.runId(),
                        v.verdict(), v.evidence());
            } catch (ExecutionException e) {
                LOG.warn("verdict for {} not acknowledged ({}); retrying in {} s", f.key(), e.getCause().getClass().getSimpleName(),
                        retryDelay.toSeconds());
                retryFrom.merge(s.tp(), s.verified().rec().offset(), Math::min);
            }
        }
        return published;
    }

    private static long laterRecords(List<Step> partition, Deferred d) {
        return partition.stream().filter(s -> s.rec().offset() > d.rec().offset()).count();
    }

    /** Commits every partition of the batch up to its first record to retry, or past its last record. */
    private static void commit(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> batch, Map<TopicPartition, Long> retryFrom) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : batch.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> recs = batch.records(tp);
            long next = retryFrom.getOrDefault(tp, recs.get(recs.size() - 1).offset() + 1);
            if (next > recs.get(0).offset()) {
                offsets.put(tp, new OffsetAndMetadata(next));
            }
        }
        if (!offsets.isEmpty()) {
            c.commitSync(offsets);
        }
    }

    private static void cancel(Map<TopicPartition, List<Item>> items) {
        items.values().stream().flatMap(List::stream).filter(i -> i instanceof Pending).forEach(i -> ((Pending) i).step().cancel(true));
    }

    private static ThreadFactory readerThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "poller-verifier-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        stop.stop();
        readers.shutdown();
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }
}
