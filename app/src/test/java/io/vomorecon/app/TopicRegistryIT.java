package io.vomorecon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.TopicSchemas;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.testkit.TestNames;
import io.vomorecon.testkit.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Every topic of the registry, created on a real broker, carries one value of each of its kinds
 * through its own typed handle: the serde the producer uses is the serde the consumer uses, and
 * what arrives equals what was sent and still satisfies the topic's JSON Schema.
 */
@WithKafka
class TopicRegistryIT {

    @Test
    void everyTopicRoundTripsItsValuesThroughItsTypedHandle(EmbeddedKafka kafka) throws Exception {
        String prefix = TestNames.uniquePrefix();
        TopicBootstrap.ensure(kafka.bootstrapServers(), prefix, 3, (short) 1);
        TopicSchemas schemas = TopicSchemas.get();
        for (Topic<?> base : Topics.ALL) {
            roundTrip(kafka, base.in(prefix), schemas);
        }
    }

    private static <V> void roundTrip(EmbeddedKafka kafka, Topic<V> topic, TopicSchemas schemas) throws Exception {
        List<V> sent = new ArrayList<>();
        for (var example : schemas.examples(topic)) {
            sent.add(Json.mapper().treeToValue(example, topic.valueSerde().type()));
        }
        assertThat(sent).as("examples of %s", topic.name()).isNotEmpty();
        Map<String, Object> pc = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(pc, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (int i = 0; i < sent.size(); i++) {
                // One partition, so the order read back is the order sent.
                producer.send(topic.record(0, "acme/users/" + i, sent.get(i))).get();
            }
        }
        Properties cc = new Properties();
        cc.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        cc.put(ConsumerConfig.GROUP_ID_CONFIG, TestNames.uniqueId("registry"));
        List<V> received = new ArrayList<>();
        Map<String, List<String>> violations = new HashMap<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(cc, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            TopicPartition tp = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    received.add(r.value());
                    List<String> v = schemas.validateValue(topic, r.value());
                    if (!v.isEmpty()) {
                        violations.put(r.key(), v);
                    }
                });
            }
        }
        assertThat(received).as("values read back from %s", topic.name()).isEqualTo(sent);
        assertThat(violations).as("schema violations on %s", topic.name()).isEmpty();
    }
}
