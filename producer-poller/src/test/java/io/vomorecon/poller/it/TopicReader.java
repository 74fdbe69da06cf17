package io.vomorecon.poller.it;

import io.vomorecon.poller.kafka.KafkaClients;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunMarker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a whole topic from the beginning as a read-committed consumer without a group (what the
 * reconciler sees), keeping every value with its partition. For ITs only.
 */
final class TopicReader<V> implements AutoCloseable {

    private final Topic<V> topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Seen<V>> seen = new ArrayList<>();

    TopicReader(String bootstrap, Topic<V> topic) {
        this.topic = topic;
        this.consumer = KafkaClients.consumer(bootstrap, null, 5000, 300_000);
        List<TopicPartition> tps = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
    }

    /** Everything read so far, after one more poll. */
    List<Seen<V>> all() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            seen.add(new Seen<>(r.partition(), r.offset(), Topic.key(r), topic.value(r)));
        }
        return List.copyOf(seen);
    }

    /** Every value of a type read so far. */
    <T> List<T> values(Class<T> type) {
        return all().stream().map(Seen::value).filter(type::isInstance).map(type::cast).toList();
    }

    /** The markers of one run, at most one per partition (more would be a protocol bug the caller sees in the size). */
    List<Seen<V>> markers(String runId) {
        return all().stream().filter(s -> s.value() instanceof RunMarker m && m.runId().equals(runId)).toList();
    }

    /** The run ids of every run that reached RUN_COMPLETED on partition 0 (each run marks every partition). */
    List<RunCompleted> completedRuns() {
        return values(RunCompleted.class).stream().filter(c -> c.partition() == 0).toList();
    }

    /** Records per partition of one run, by a test on the value saying whether it belongs to it. */
    static <V> Map<Integer, Long> perPartition(List<Seen<V>> values) {
        return values.stream().collect(Collectors.groupingBy(Seen::partition, Collectors.counting()));
    }

    record Seen<V>(int partition, long offset, String key, V value) {
    }

    @Override
    public void close() {
        consumer.close();
    }
}
