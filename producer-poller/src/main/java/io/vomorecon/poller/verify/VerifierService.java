package io.vomorecon.poller.verify;

import io.vomorecon.poller.lifecycle.StopSignal;
import io.vomorecon.poller.config.CustomerConfig;
import io.vomorecon.poller.kafka.DeadLetters;
import io.vomorecon.poller.kafka.KafkaClients;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes deletion candidates (recon.deletions, status CANDIDATE, kinds DELETION and
 * ORPHAN_EXTERNAL), verifies each by id through the customer's throttle, and publishes the
 * {@link Verification} on vomo.snapshots under the candidate's key; one INFO line per verdict.
 * A candidate whose read fails (VOMO down past retries, 401) is retried after a delay, never
 * skipped; bad records go to the DLQ. The offset of a candidate is committed only after its
 * verdict was acknowledged.
 */
public final class VerifierService implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VerifierService.class);

    private final String bootstrap;
    private final String groupId;
    private final Topic<Finding> candidates;
    private final Topic<SnapshotEvent> snapshots;
    private final CustomerClients clients;
    private final DeletionVerifier verifier;
    private final Producer<byte[], byte[]> producer;
    private final DeadLetters deadLetters;
    private final Duration retryDelay;
    private final StopSignal stop = new StopSignal();
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    public VerifierService(String bootstrap, String topicPrefix, CustomerClients clients, DeletionVerifier verifier,
                           Producer<byte[], byte[]> producer, DeadLetters deadLetters, Duration retryDelay) {
        this.bootstrap = bootstrap;
        this.groupId = topicPrefix + "vomo-recon-verifier";
        this.candidates = Topics.RECON_DELETIONS.in(topicPrefix);
        this.snapshots = Topics.VOMO_SNAPSHOTS.in(topicPrefix);
        this.clients = clients;
        this.verifier = verifier;
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.retryDelay = retryDelay;
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(bootstrap, groupId, 50, 600_000)) {
            consumer = c;
            c.subscribe(List.of(candidates.name()));
            while (stop.running()) {
                for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
                    if (!handle(rec)) {
                        c.seek(tp, rec.offset());
                        stop.pause(retryDelay);
                        break;
                    }
                    c.commitSync(Map.of(tp, new OffsetAndMetadata(rec.offset() + 1)));
                }
            }
        } catch (WakeupException e) {
            if (stop.running()) {
                throw e;
            }
        }
    }

    /** Handles one record; false when it must be tried again later. */
    boolean handle(ConsumerRecord<byte[], byte[]> rec) {
        Finding f;
        try {
            f = candidates.value(rec);
        } catch (ContractViolation e) {
            deadLetters.send("poller-verifier", rec, e.reason(), e);
            return true;
        }
        if (f == null || f.status() != FindingStatus.CANDIDATE
                || (f.kind() != FindingKind.DELETION && f.kind() != FindingKind.ORPHAN_EXTERNAL)) {
            return true;
        }
        Optional<CustomerConfig> customer = clients.customer(f.customer());
        if (customer.isEmpty()) {
            deadLetters.send("poller-verifier", rec, "candidate of customer '" + f.customer() + "', who is not in customers.yaml", null);
            return true;
        }
        try {
            Verification v = verifier.verify(f, new DeletionVerifier.Target(clients.client(f.customer()).orElseThrow(),
                    customer.get().organizationId()));
            producer.send(snapshots.rawRecord(f.key(), v)).get();
            LOG.info("verified {} ({} {}, finding {}, run {}): {} - {}", f.key(), f.kind(), f.status(), f.findingId(), f.runId(),
                    v.verdict(), v.evidence());
            return true;
        } catch (IllegalArgumentException e) {
            deadLetters.send("poller-verifier", rec, "candidate key cannot be verified: " + e.getMessage(), e);
            return true;
        } catch (VomoCallFailed | DeletionVerifier.Undecidable e) {
            LOG.warn("verification of {} (finding {}) deferred {} s: {}", f.key(), f.findingId(), retryDelay.toSeconds(), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("verdict for {} not acknowledged ({}); retrying in {} s", f.key(), e.getCause().getClass().getSimpleName(),
                    retryDelay.toSeconds());
            return false;
        }
    }


    @Override
    public void close() {
        stop.stop();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }
}
