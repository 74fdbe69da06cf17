package io.vomorecon.sink.runtime;

import io.vomorecon.sink.config.SinkConfig;
import io.vomorecon.sink.external.ExternalSystem;
import io.vomorecon.sink.plan.ActionPlanner;
import io.vomorecon.sink.plan.PolicyBook;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's consumer loop: poll findings, process the batch (destination writes happen here,
 * guarded and idempotent), then publish every outcome, state update, request, dead letter and
 * alert of the batch together with the batch's consumer offsets in one Kafka transaction.
 *
 * <p>Order and why redelivery is safe: (1) write the destination, (2) publish, (3) commit the
 * offsets, where (2) and (3) are one transaction. A crash before (1) completes redelivers the
 * batch and the writes happen then. A crash between (1) and the commit aborts the transaction:
 * nothing of the batch is visible to read-committed readers and the batch is redelivered; its
 * writes come back ALREADY_APPLIED (the action id is already on the row, or the state already
 * holds) and the new external and partner state is published again, exactly once among
 * committed records. It never commits offsets of a record whose outcome is not in the same
 * committed transaction.
 */
public final class CorrectionsSink implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CorrectionsSink.class);

    private final SinkConfig config;
    private final SinkTopics topics;
    private final BatchProcessor processor;
    private final SinkStats stats = new SinkStats();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<KafkaConsumer<byte[], byte[]>> consumerRef = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    public CorrectionsSink(SinkConfig config, ExternalSystem destination, Clock clock) {
        this.config = config;
        this.topics = SinkTopics.in(config.topicsPrefix());
        ResilientWriter writer = new ResilientWriter(destination, config.writes(), config.retry(),
                new Throttle(config.writes().perCustomerPerSecond()));
        this.processor = new BatchProcessor(topics, new ActionPlanner(PolicyBook.from(config)), writer, clock);
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
            consumerRef.set(consumer);
            producer.initTransactions();
            consumer.subscribe(topics.inputNames(), new Rebalances());
            LOG.info("corrections sink {} consuming {} (group {}, batching {}, batch size {}, {} writes/s per customer)",
                    config.instanceId(), topics.inputNames(), config.groupId(), config.writes().batching() ? "on" : "off",
                    config.writes().batchSize(), config.writes().perCustomerPerSecond() == 0 ? "unlimited" : config.writes().perCustomerPerSecond());
            while (running) {
                ConsumerRecords<byte[], byte[]> polled;
                try {
                    polled = consumer.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    continue;
                }
                if (!polled.isEmpty()) {
                    handle(consumer, producer, polled);
                }
            }
        } catch (WakeupException e) {
            LOG.debug("woken up while closing");
        } catch (RuntimeException e) {
            failure.set(e);
            LOG.error("corrections sink {} stopped on a fatal error: {}", config.instanceId(), e.toString());
        } finally {
            consumerRef.set(null);
            stopped.countDown();
            LOG.info("corrections sink {} stopped after {} batches ({} findings)", config.instanceId(), stats.batches(), stats.records());
        }
    }

    private void handle(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer, ConsumerRecords<byte[], byte[]> polled) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(polled.count());
        polled.forEach(records::add);
        BatchResult result = processor.process(records);
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (TopicPartition tp : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> part = polled.records(tp);
            first.put(tp, part.get(0).offset());
            next.put(tp, new OffsetAndMetadata(part.get(part.size() - 1).offset() + 1));
        }
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> r : result.records()) {
                producer.send(r);
            }
            producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
            // flushes first, and throws if any send of the transaction failed
            producer.commitTransaction();
            stats.committed(records.size(), result);
            LOG.info("batch of {} findings committed: {}", records.size(), result.summary());
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException e) {
            // another instance took over this transactional id, or the producer cannot go on: stop, nothing committed
            throw e;
        } catch (KafkaException e) {
            LOG.warn("publishing the batch of {} findings failed ({}); aborting and re-processing it (its writes are idempotent)",
                    records.size(), e.toString());
            stats.abortedBatch();
            producer.abortTransaction();
            first.forEach((tp, offset) -> {
                if (consumer.assignment().contains(tp)) {
                    consumer.seek(tp, offset);
                }
            });
        }
    }

    /** Stops the loop after the batch in progress; safe from any thread (a shutdown hook). */
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumerRef.get();
        if (c != null) {
            c.wakeup();
        }
    }

    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public SinkStats stats() {
        return stats;
    }

    /** The fatal error the loop stopped on, if any. */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure.get());
    }

    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "-" + config.instanceId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.writes().batchSize());
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) config.maxPollInterval().toMillis());
        return p;
    }

    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "-" + config.instanceId() + "-producer");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.groupId() + "-" + config.instanceId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return p;
    }

    private final class Rebalances implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("sink {} assigned {}", config.instanceId(), partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // nothing pending: every batch is committed or aborted before the next poll
            LOG.info("sink {} revoked {}", config.instanceId(), partitions);
        }
    }
}
