package io.vomorecon.sink.config;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.platform.config.Validated;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.CorrectionOutcome.Mode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The corrections sink's one configuration (YAML plus {@code VOMO_RECON_*} overrides, see
 * docs/sink.md). {@code policy} holds the defaults; {@code customers} overrides them per
 * customer and per resource. {@code instanceId} names this sink instance's transactional
 * producer: every running instance needs its own, stable across restarts.
 */
public record SinkConfig(
        String bootstrapServers,
        String topicsPrefix,
        String groupId,
        String instanceId,
        Duration maxPollInterval,
        DestinationConfig destination,
        WritesConfig writes,
        RetryConfig retry,
        PolicySettings policy,
        Map<String, CustomerPolicy> customers) implements Validated {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]*$");

    public SinkConfig {
        bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
        topicsPrefix = topicsPrefix == null ? "" : topicsPrefix;
        groupId = groupId == null ? "vomo-recon-sink" : groupId;
        instanceId = instanceId == null ? "sink-0" : instanceId;
        maxPollInterval = maxPollInterval == null ? Duration.ofMinutes(5) : maxPollInterval;
        writes = writes == null ? WritesConfig.defaults() : writes;
        retry = retry == null ? RetryConfig.defaults() : retry;
        policy = policy == null ? PolicySettings.none() : policy;
        customers = customers == null ? Map.of() : Map.copyOf(customers);
    }

    /** The built-in defaults under the configured ones: DIRECT, drift alert-only, soft deletes. */
    public PolicySettings effectiveDefaults() {
        return policy.over(new PolicySettings(Optional.of(Mode.DIRECT), Optional.of(false), Optional.of(false)));
    }

    @Override
    public void validate() {
        ConfigException.require(bootstrapServers, "bootstrap-servers", "set it to host:port of the Kafka cluster");
        ConfigException.require(destination, "destination.jdbc-url", "set it to the destination's JDBC URL, e.g. jdbc:postgresql://db:5432/crm");
        ConfigException.require(destination.jdbcUrl(), "destination.jdbc-url", "set it to the destination's JDBC URL, e.g. jdbc:postgresql://db:5432/crm");
        ConfigException.check(destination.jdbcUrl().startsWith("jdbc:postgresql:"), "destination.jdbc-url",
                "is not a PostgreSQL JDBC URL", "the built-in destination is PostgreSQL: write jdbc:postgresql://host:port/database");
        ConfigException.check(destination.poolSize() >= 1 && destination.poolSize() <= 64, "destination.pool-size",
                "must be between 1 and 64", "give a small pool, e.g. 4");
        ConfigException.check(!destination.connectionTimeout().isNegative() && destination.connectionTimeout().toMillis() >= 250,
                "destination.connection-timeout", "must be at least 250ms", "write e.g. 5s");
        ConfigException.check(!instanceId.isBlank(), "instance-id", "is blank", "give each sink instance its own stable name, e.g. sink-0");
        ConfigException.check(writes.batchSize() >= 1 && writes.batchSize() <= 10_000, "writes.batch-size",
                "must be between 1 and 10000", "use e.g. 500");
        ConfigException.check(writes.perCustomerPerSecond() >= 0, "writes.per-customer-per-second",
                "must not be negative", "use 0 for unlimited or a positive number of writes per second");
        ConfigException.check(retry.maxAttempts() >= 1 && retry.maxAttempts() <= 100, "retry.max-attempts",
                "must be between 1 and 100", "use e.g. 10");
        ConfigException.check(retry.initialBackoff().toMillis() >= 1, "retry.initial-backoff", "must be positive", "write e.g. 500ms");
        ConfigException.check(retry.multiplier() >= 1.0, "retry.multiplier", "must be at least 1.0", "use e.g. 2.0");
        ConfigException.check(retry.maxBackoff().compareTo(retry.initialBackoff()) >= 0, "retry.max-backoff",
                "is shorter than retry.initial-backoff", "make it at least the initial backoff, e.g. 10s");
        ConfigException.check(maxPollInterval.toSeconds() >= 10, "max-poll-interval", "must be at least 10s",
                "allow a batch its retries, e.g. 5m");
        customers.forEach((customer, cp) -> {
            ConfigException.check(SLUG.matcher(customer).matches(), "customers." + customer,
                    "is not a customer slug", "use the customer id as in customers.yaml, e.g. acme or globex-1");
            cp.resources().keySet().forEach(r -> ConfigException.check(Resource.fromPath(r).isPresent(),
                    "customers." + customer + ".resources." + r, "is not a known resource",
                    "use a resource path: users, projects, project-dates, participations, groups, group-members, "
                            + "campaigns, forms, form-completions, certificates"));
        });
    }
}
