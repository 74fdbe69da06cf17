package io.vomorecon.sandbox.partner;

import io.vomorecon.platform.config.ConfigException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * How the reference partner sync runs.
 *
 * @param bootstrapServers Kafka, for partner.state and (delegate mode) recon.reprocess
 * @param topicPrefix      the namespace of every topic ({@code ""} for none)
 * @param destination      the external system's database (tables are created if missing)
 * @param pollInterval     simulated time between two runs of a stream (VOMO suggests 15-30 minutes)
 * @param delegate         consume recon.reprocess and re-process the requested keys
 * @param httpTimeout      the partner client's request timeout (real time)
 * @param tickMillis       how often (real time) the polling loop looks at the simulated clock
 */
public record PartnerSyncConfig(String bootstrapServers, String topicPrefix, DataSource destination, Duration pollInterval,
                                boolean delegate, Duration httpTimeout, long tickMillis) {

    public PartnerSyncConfig {
        ConfigException.require(bootstrapServers, "bootstrap-servers", "give the Kafka bootstrap servers");
        ConfigException.require(destination, "jdbc-url", "give the destination database");
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        ConfigException.check(!pollInterval.isNegative() && !pollInterval.isZero(), "poll-interval", "must be positive", "use e.g. PT15M");
    }

    public static PartnerSyncConfig of(String bootstrapServers, String topicPrefix, DataSource destination) {
        return new PartnerSyncConfig(bootstrapServers, topicPrefix, destination, Duration.ofMinutes(15), true,
                Duration.ofSeconds(5), 50);
    }

    public PartnerSyncConfig withPollInterval(Duration d) {
        return new PartnerSyncConfig(bootstrapServers, topicPrefix, destination, d, delegate, httpTimeout, tickMillis);
    }

    public PartnerSyncConfig withDelegate(boolean on) {
        return new PartnerSyncConfig(bootstrapServers, topicPrefix, destination, pollInterval, on, httpTimeout, tickMillis);
    }
}
