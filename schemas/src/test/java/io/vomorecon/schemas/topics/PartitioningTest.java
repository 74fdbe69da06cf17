package io.vomorecon.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Readers count a run's records per partition with {@link Partitioning#partitionFor}; the
 * reconciler waits for exactly that count, so it must be the partition a real producer with the
 * default partitioner picks for the key.
 */
class PartitioningTest {

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            keys.add(RecordKey.of("acme", Resource.USERS, String.valueOf(8000 + i)).encode());
            keys.add(RecordKey.of("globex-1", Resource.PARTICIPATIONS, String.valueOf(77000 + i), "82" + i).encode());
            keys.add(RecordKey.of("acme", Resource.USERS, "ü/" + i).encode());
        }
        keys.add(RecordKey.of("acme", "_run", "r-acme-users-FULL-1795154400-3f9a", "2").encode());
        return keys;
    }

    /**
     * KafkaProducer without a configured partitioner sends a keyed record to
     * {@code BuiltInPartitioner.partitionForKey(serializedKey, partitions)} (KafkaProducer#partition).
     * MockProducer with no partitioner does not model this, so it cannot serve as the reference.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6, 12, 50})
    void agreesWithTheProducersBuiltInPartitionerForKeyedRecords(int partitions) {
        StringSerializer serializer = new StringSerializer();
        for (String key : keys()) {
            byte[] serialized = serializer.serialize("vomo.snapshots", key);
            int expected = BuiltInPartitioner.partitionForKey(serialized, partitions);
            assertThat(Partitioning.partitionFor(key, partitions)).as(key).isEqualTo(expected);
            assertThat(expected).isEqualTo(Utils.toPositive(Utils.murmur2(serialized)) % partitions);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 12})
    void spreadsKeysOverEveryPartition(int partitions) {
        assertThat(keys().stream().map(k -> Partitioning.partitionFor(k, partitions)).distinct().count()).isEqualTo(partitions);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void refusesAPartitionCountThatIsNotPositive(int partitions) {
        assertThatThrownBy(() -> Partitioning.partitionFor("acme/users/1", partitions)).isInstanceOf(IllegalArgumentException.class);
    }
}
