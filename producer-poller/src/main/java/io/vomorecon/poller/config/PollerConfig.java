package io.vomorecon.poller.config;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.platform.config.ConfigLoader;
import io.vomorecon.platform.config.Validated;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The poller's one configuration, {@code customers.yaml}: the broker, the topic namespace, how
 * many runs one instance performs at once (the bound on concurrency across customers), HTTP,
 * scheduler and verifier settings, the destination to read back, and the customers.
 */
public record PollerConfig(
        String bootstrapServers,
        Optional<String> topicPrefix,
        Optional<String> instanceId,
        Integer workers,
        Integer auditSampleSize,
        Duration verifierRetryDelay,
        Boolean verifierEnabled,
        HttpSettings http,
        SchedulerSettings scheduler,
        Optional<DestinationSettings> destination,
        List<CustomerConfig> customers) implements Validated {

    public PollerConfig {
        topicPrefix = topicPrefix == null ? Optional.empty() : topicPrefix;
        instanceId = instanceId == null ? Optional.empty() : instanceId;
        workers = workers == null ? 2 : workers;
        auditSampleSize = auditSampleSize == null ? 100 : auditSampleSize;
        verifierRetryDelay = verifierRetryDelay == null ? Duration.ofSeconds(30) : verifierRetryDelay;
        verifierEnabled = verifierEnabled == null ? Boolean.TRUE : verifierEnabled;
        http = http == null ? HttpSettings.defaults() : http;
        scheduler = scheduler == null ? SchedulerSettings.defaults() : scheduler;
        destination = destination == null ? Optional.empty() : destination;
        customers = customers == null ? List.of() : List.copyOf(customers);
    }

    public static PollerConfig load(Path file) {
        return ConfigLoader.load(PollerConfig.class, Optional.of(file));
    }

    public String prefix() {
        return topicPrefix.orElse("");
    }

    public Optional<CustomerConfig> customer(String id) {
        return customers.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public CustomerConfig requireCustomer(String id) {
        return customer(id).orElseThrow(() -> new ConfigException("customers", "has no customer '" + id + "'",
                "add it to customers.yaml or use one of " + customers.stream().map(CustomerConfig::id).toList()));
    }

    @Override
    public void validate() {
        ConfigException.require(bootstrapServers, "bootstrap-servers", "give host:port of a Kafka broker");
        ConfigException.check(workers >= 1 && workers <= 64, "workers", "must be 1..64",
                "give how many runs one poller instance performs at once");
        ConfigException.check(auditSampleSize >= 1, "audit-sample-size", "must be positive", "write e.g. 100");
        http.validate();
        scheduler.validate();
        destination.ifPresent(DestinationSettings::validate);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < customers.size(); i++) {
            CustomerConfig c = customers.get(i);
            ConfigException.check(c != null, "customers[" + i + "]", "is empty", "give id, base-url, organization-id and a token reference");
            c.validate("customers[" + i + "]");
            ConfigException.check(ids.add(c.id()), "customers[" + i + "].id", "'" + c.id() + "' appears twice",
                    "give every customer once");
        }
    }
}
