package io.vomorecon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vomorecon.platform.kafka.CoPartitioningException;
import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.testkit.TestNames;
import io.vomorecon.testkit.WithKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithKafka
class BrokerIT {

    @Test
    void topicBootstrapCreatesEveryRegistryTopicOnceAndCoPartitionsTheInputs(EmbeddedKafka kafka) {
        String prefix = TestNames.uniquePrefix();
        TopicBootstrap.Report first = TopicBootstrap.ensure(kafka.bootstrapServers(), prefix, 4, (short) 1);
        assertThat(first.created()).hasSize(Topics.ALL.size());
        TopicBootstrap.Report second = TopicBootstrap.ensure(kafka.bootstrapServers(), prefix, 4, (short) 1);
        assertThat(second.created()).isEmpty();
        assertThat(second.partitions())
                .containsEntry(prefix + "vomo.snapshots", 4)
                .containsEntry(prefix + "partner.state", 4)
                .containsEntry(prefix + "external.state", 4)
                .containsEntry(prefix + "recon.runs", 1);
    }

    @Test
    void inputsWithDifferentPartitionCountsAreRefusedWithTheCountsAndTheFix(EmbeddedKafka kafka) throws Exception {
        String prefix = TestNames.uniquePrefix();
        try (Admin admin = TopicBootstrap.admin(kafka.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(prefix + "partner.state", 2, (short) 1))).all().get();
        }
        assertThatThrownBy(() -> TopicBootstrap.ensure(kafka.bootstrapServers(), prefix, 3, (short) 1))
                .isInstanceOf(CoPartitioningException.class)
                .hasMessageContaining(prefix + "partner.state=2")
                .hasMessageContaining(prefix + "vomo.snapshots=3")
                .hasMessageContaining("Fix:");
    }

    @Test
    void aBrokerRestartedOnItsDataFolderKeepsTopicsAndRecords(@TempDir Path data) {
        String topic = "restart-check";
        try (EmbeddedKafka first = EmbeddedKafka.start(data, 0)) {
            try (Admin admin = TopicBootstrap.admin(first.bootstrapServers())) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>(topic, "acme/users/1", "kept")).get();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        try (EmbeddedKafka second = EmbeddedKafka.start(data, 0)) {
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, TestNames.uniqueId("restart"));
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (got.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(got::add);
                }
            }
            assertThat(got).extracting(ConsumerRecord::value).containsExactly("kept");
        }
    }
}
