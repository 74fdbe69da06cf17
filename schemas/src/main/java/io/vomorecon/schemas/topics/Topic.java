package io.vomorecon.schemas.topics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A typed handle on one topic: its name, key and value serdes and settings. Code that reads or
 * writes a topic takes the handle from {@link Topics}; nothing else spells a topic name.
 * Every key is a string (a {@link io.vomorecon.schemas.RecordKey}, a run id, or a customer).
 */
public record Topic<V>(String name, JsonSerde<V> valueSerde, TopicSettings settings) {

    /**
     * The same topic in a namespace: its name prefixed (e.g. {@code staging.vomo.snapshots}). Every
     * component takes a prefix from its configuration ({@code topics.prefix}, empty by default), so
     * several environments, or several integration tests, can share one cluster.
     */
    public Topic<V> in(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        return new Topic<>(prefix + name, valueSerde, settings);
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public ProducerRecord<String, V> record(String key, V value) {
        return new ProducerRecord<>(name, key, value);
    }

    public ProducerRecord<String, V> record(int partition, String key, V value) {
        return new ProducerRecord<>(name, partition, key, value);
    }

    /** Raw bytes for a producer of byte arrays (used where a component writes several topics with one producer). */
    public ProducerRecord<byte[], byte[]> rawRecord(String key, V value) {
        return new ProducerRecord<>(name, key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                valueSerde.encode(value));
    }

    public ProducerRecord<byte[], byte[]> rawRecord(int partition, String key, V value) {
        return new ProducerRecord<>(name, partition, key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                valueSerde.encode(value));
    }

    /** Decodes a raw record's value; throws {@link ContractViolation} for bad bytes. */
    public V value(ConsumerRecord<byte[], byte[]> record) {
        return valueSerde.decode(record.value());
    }

    public static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
