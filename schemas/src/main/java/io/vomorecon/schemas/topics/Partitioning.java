package io.vomorecon.schemas.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of a key, computed exactly as Kafka's default partitioner does for a keyed
 * record (murmur2 of the key bytes). Readers use it to count each run's records per partition
 * for the RUN_COMPLETED markers.
 */
public final class Partitioning {

    private Partitioning() {
    }

    public static int partitionFor(String key, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive");
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
