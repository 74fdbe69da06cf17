package io.vomorecon.app;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.platform.config.Validated;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration of the foundation commands ({@code broker}, {@code topics}): where Kafka is,
 * the topic namespace, how many partitions the co-partitioned inputs get, and where the embedded
 * broker keeps its data. Every key can come from a YAML file or {@code VOMO_RECON_<KEY>}.
 */
public record FoundationConfig(
        Optional<String> bootstrapServers,
        Optional<String> topicsPrefix,
        Optional<Integer> inputPartitions,
        Optional<Short> replicationFactor,
        Optional<Broker> broker) implements Validated {

    private static final Pattern HOST_PORT_LIST = Pattern.compile("^[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}(,[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5})*$");

    /** The embedded broker's settings. */
    public record Broker(Optional<Path> dataDir, Optional<Integer> port) {
    }

    public String bootstrap() {
        return bootstrapServers.orElse("localhost:9092");
    }

    public String prefix() {
        return topicsPrefix.orElse("");
    }

    public int partitions() {
        return inputPartitions.orElse(io.vomorecon.schemas.topics.Topics.DEFAULT_INPUT_PARTITIONS);
    }

    public short replication() {
        return replicationFactor.orElse((short) 1);
    }

    public Path brokerDataDir() {
        return broker.flatMap(Broker::dataDir).orElse(Path.of(".vomo-recon", "kafka"));
    }

    public int brokerPort() {
        return broker.flatMap(Broker::port).orElse(9092);
    }

    @Override
    public void validate() {
        bootstrapServers.ifPresent(b -> ConfigException.check(HOST_PORT_LIST.matcher(b).matches(), "bootstrap-servers",
                "'" + b + "' is not a comma-separated list of host:port", "write e.g. localhost:9092 or kafka-1:9092,kafka-2:9092"));
        topicsPrefix.ifPresent(p -> ConfigException.check(p.matches("[A-Za-z0-9._-]*"), "topics-prefix",
                "may only contain letters, digits, '.', '_' and '-'", "use e.g. staging."));
        inputPartitions.ifPresent(n -> ConfigException.check(n >= 1 && n <= 1000, "input-partitions",
                "must be between 1 and 1000, got " + n, "give the partition count of vomo.snapshots, partner.state and external.state, e.g. 3"));
        replicationFactor.ifPresent(r -> ConfigException.check(r >= 1, "replication-factor",
                "must be at least 1, got " + r, "use 1 for a single broker, 3 for a production cluster"));
        broker.flatMap(Broker::port).ifPresent(p -> ConfigException.check(p >= 0 && p <= 65535, "broker.port",
                "must be a TCP port (0-65535), got " + p, "use e.g. 9092, or 0 for any free port"));
    }
}
