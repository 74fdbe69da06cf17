package io.vomorecon.schemas.topics;

import java.time.Duration;
import java.util.Optional;

/**
 * How a topic is created: its default partition count, compaction, retention, and whether it
 * belongs to the co-partitioned group of the three reconciler inputs (which must all have the
 * same partition count).
 */
public record TopicSettings(int partitions, boolean compacted, Optional<Duration> retention, boolean coPartitioned) {

    public static TopicSettings retained(int partitions, Duration retention) {
        return new TopicSettings(partitions, false, Optional.of(retention), false);
    }

    public static TopicSettings compacted(int partitions) {
        return new TopicSettings(partitions, true, Optional.empty(), false);
    }

    public static TopicSettings reconInput(int partitions, boolean compacted, Duration retention) {
        return new TopicSettings(partitions, compacted, compacted ? Optional.empty() : Optional.of(retention), true);
    }
}
