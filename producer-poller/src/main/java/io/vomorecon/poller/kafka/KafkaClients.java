package io.vomorecon.poller.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The poller's Kafka clients, all of raw bytes (values are encoded through the topic handles):
 * transactional producers for runs and the scheduler, an idempotent one for verdicts, and
 * read-committed consumers that commit offsets only by hand.
 */
public final class KafkaClients {

    public static final int LINGER_MS = 20;
    public static final int BATCH_SIZE = 256 * 1024;
    /**
     * How long a run's records may stay unacknowledged, and a transactional call may block, before
     * the run fails. The defaults (120 s and 60 s) let one stalled transaction hold a worker and, worse,
     * the last stable offset of vomo.snapshots (read-committed readers stop there) for two minutes: seen
     * in EndToEndIT (docs/demo.md). A run that fails is published again by a fresh producer.
     */
    public static final int DELIVERY_TIMEOUT_MS = 45_000;
    public static final int MAX_BLOCK_MS = 30_000;

    private KafkaClients() {
    }

    /** A transactional (hence idempotent) producer, transactions initialised. */
    public static KafkaProducer<byte[], byte[]> transactional(String bootstrap, String transactionalId) {
        return transactional(bootstrap, transactionalId, Map.of());
    }

    /** The same with producer settings overridden (the benchmark compares settings in one run). */
    public static KafkaProducer<byte[], byte[]> transactional(String bootstrap, String transactionalId, Map<String, Object> overrides) {
        Properties p = base(bootstrap);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        p.putAll(overrides);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 120_000);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    /** An idempotent producer (acks=all), for single records such as verdicts. */
    public static KafkaProducer<byte[], byte[]> idempotent(String bootstrap) {
        return new KafkaProducer<>(base(bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A read-committed consumer of a group, offsets committed by the caller. */
    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String groupId, int maxPollRecords, int maxPollIntervalMs) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, maxPollIntervalMs);
        // A worker may spend hours in one run between polls; an idle connection closed meanwhile would disturb its rejoin.
        p.put(ConsumerConfig.CONNECTIONS_MAX_IDLE_MS_CONFIG, Math.max(540_000, maxPollIntervalMs));
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Properties base(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // A run is published in one burst of tens of thousands of records: large batches (measured in
        // docs/benchmarks.md: the publish phase of a 50,000-user run) cost a few ms of latency, which nobody waits for.
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }
}
