package io.vomorecon.reconciler.config;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.platform.config.Validated;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The reconciler's one typed configuration (YAML, kebab-case keys, {@code VOMO_RECON_*}
 * overrides; docs/reconciler.md lists every key). Every field has a default except where a
 * secret must come from outside: the review admin secret is named (an env var or a file), never
 * written inline.
 */
public record ReconcilerConfig(
        String bootstrapServers,
        String applicationId,
        String topicPrefix,
        String stateDir,
        Integer streamThreads,
        Duration partnerPollingInterval,
        Optional<Duration> gracePeriod,
        Duration commitInterval,
        Sweep sweep,
        RocksDb rocksdb,
        Anomaly anomaly,
        Review review) implements Validated {

    public ReconcilerConfig {
        bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
        applicationId = applicationId == null ? "vomo-recon-reconciler" : applicationId;
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        stateDir = stateDir == null ? "data/reconciler-state" : stateDir;
        streamThreads = streamThreads == null ? 1 : streamThreads;
        partnerPollingInterval = partnerPollingInterval == null ? Duration.ofMinutes(15) : partnerPollingInterval;
        gracePeriod = gracePeriod == null ? Optional.empty() : gracePeriod;
        commitInterval = commitInterval == null ? Duration.ofMillis(100) : commitInterval;
        sweep = sweep == null ? new Sweep(null, null, null) : sweep;
        rocksdb = rocksdb == null ? new RocksDb(null, null, null, null) : rocksdb;
        anomaly = anomaly == null ? new Anomaly(null, null, null) : anomaly;
        review = review == null ? new Review(Optional.empty(), Optional.empty()) : review;
    }

    /** Defaults everywhere (tests and the benchmark start from here). */
    public static ReconcilerConfig defaults() {
        return new ReconcilerConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The grace period of the classification: configured, or twice the partner's polling interval. */
    public Duration grace() {
        return gracePeriod.orElse(partnerPollingInterval.multipliedBy(2));
    }

    public ReconcilerConfig withBootstrap(String servers, String prefix, String appId, String dir) {
        return new ReconcilerConfig(servers, appId, prefix, dir, streamThreads, partnerPollingInterval, gracePeriod,
                commitInterval, sweep, rocksdb, anomaly, review);
    }

    /** The same configuration for a partner that polls every {@code interval} (the default grace period follows it). */
    public ReconcilerConfig withPartnerPollingInterval(Duration interval) {
        return new ReconcilerConfig(bootstrapServers, applicationId, topicPrefix, stateDir, streamThreads,
                interval, gracePeriod, commitInterval, sweep, rocksdb, anomaly, review);
    }

    /** The same configuration with {@code n} stream threads (the tasks of the inputs' partitions are spread over them). */
    public ReconcilerConfig withStreamThreads(int n) {
        return new ReconcilerConfig(bootstrapServers, applicationId, topicPrefix, stateDir, n,
                partnerPollingInterval, gracePeriod, commitInterval, sweep, rocksdb, anomaly, review);
    }

    public ReconcilerConfig withReview(Review r) {
        return new ReconcilerConfig(bootstrapServers, applicationId, topicPrefix, stateDir, streamThreads,
                partnerPollingInterval, gracePeriod, commitInterval, sweep, rocksdb, anomaly, r);
    }

    public ReconcilerConfig withSweep(Sweep s) {
        return new ReconcilerConfig(bootstrapServers, applicationId, topicPrefix, stateDir, streamThreads,
                partnerPollingInterval, gracePeriod, commitInterval, s, rocksdb, anomaly, review);
    }

    public ReconcilerConfig withRocksDb(RocksDb r) {
        return new ReconcilerConfig(bootstrapServers, applicationId, topicPrefix, stateDir, streamThreads,
                partnerPollingInterval, gracePeriod, commitInterval, sweep, r, anomaly, review);
    }

    public ReconcilerConfig withAnomaly(Anomaly a) {
        return new ReconcilerConfig(bootstrapServers, applicationId, topicPrefix, stateDir, streamThreads,
                partnerPollingInterval, gracePeriod, commitInterval, sweep, rocksdb, a, review);
    }

    @Override
    public void validate() {
        ConfigException.check(!bootstrapServers.isBlank(), "bootstrap-servers", "is blank", "set host:port of a Kafka broker");
        ConfigException.check(applicationId.matches("[A-Za-z0-9._-]+"), "application-id", "has characters Kafka does not allow",
                "use letters, digits, '.', '_' and '-'");
        ConfigException.check(streamThreads >= 1, "stream-threads", "must be at least 1", "set 1 or more");
        ConfigException.check(!partnerPollingInterval.isNegative() && !partnerPollingInterval.isZero(),
                "partner-polling-interval", "must be positive", "set the partner's polling cadence, e.g. 15m");
        ConfigException.check(gracePeriod.map(g -> !g.isNegative()).orElse(true), "grace-period", "is negative",
                "set 0 or a positive duration, or remove it to use twice the partner polling interval");
        ConfigException.check(!commitInterval.isNegative() && commitInterval.toMillis() > 0, "commit-interval",
                "must be positive", "e.g. 100ms");
        sweep.validate();
        rocksdb.validate();
        anomaly.validate();
    }

    /** How a completed run's scope is evaluated: bounded slices from a punctuator, progress in a store. */
    public record Sweep(Duration sliceBudget, Integer sliceMaxKeys, Duration punctuateInterval) {
        public Sweep {
            // The key bound also bounds a transaction's changelog writes (a cleanup slice is one tombstone per key):
            // a 66k-key slice on this 2-core machine made a commit outlive the 10 s transaction timeout.
            sliceBudget = sliceBudget == null ? Duration.ofMillis(500) : sliceBudget;
            sliceMaxKeys = sliceMaxKeys == null ? 10_000 : sliceMaxKeys;
            punctuateInterval = punctuateInterval == null ? Duration.ofMillis(20) : punctuateInterval;
        }

        void validate() {
            ConfigException.check(sliceBudget.toMillis() > 0 && sliceBudget.toMillis() <= 5000, "sweep.slice-budget",
                    "must be between 1ms and 5s (a transaction is aborted after 10s)", "e.g. 1s");
            ConfigException.check(sliceMaxKeys >= 1, "sweep.slice-max-keys", "must be at least 1", "e.g. 100000");
            ConfigException.check(punctuateInterval.toMillis() >= 1, "sweep.punctuate-interval", "must be at least 1ms", "e.g. 20ms");
        }
    }

    /** RocksDB memory caps shared by every store of the instance. */
    public record RocksDb(Boolean bounded, Integer blockCacheMb, Integer writeBufferMb, Integer maxWriteBuffers) {
        public RocksDb {
            bounded = bounded == null ? Boolean.TRUE : bounded;
            blockCacheMb = blockCacheMb == null ? 64 : blockCacheMb;
            writeBufferMb = writeBufferMb == null ? 32 : writeBufferMb;
            maxWriteBuffers = maxWriteBuffers == null ? 3 : maxWriteBuffers;
        }

        void validate() {
            ConfigException.check(blockCacheMb >= 8, "rocksdb.block-cache-mb", "must be at least 8", "e.g. 64");
            ConfigException.check(writeBufferMb >= 1 && writeBufferMb < blockCacheMb, "rocksdb.write-buffer-mb",
                    "must be at least 1 and below block-cache-mb (it is charged to the cache)", "e.g. 32 with a 64 MB cache");
            ConfigException.check(maxWriteBuffers >= 2, "rocksdb.max-write-buffers", "must be at least 2", "e.g. 3");
        }
    }

    /** Anomaly thresholds: defaults, overridden per customer, plus the daily gap-rate alert. */
    public record Anomaly(AnomalyThresholds defaults, Map<String, AnomalyThresholds> customers, Double dailyGapRateAlert) {
        public Anomaly {
            defaults = defaults == null ? AnomalyThresholds.standard() : defaults.over(AnomalyThresholds.standard());
            customers = customers == null ? Map.of() : Map.copyOf(customers);
            dailyGapRateAlert = dailyGapRateAlert == null ? 0.01 : dailyGapRateAlert;
        }

        public AnomalyThresholds forCustomer(String customer) {
            AnomalyThresholds c = customers.get(customer);
            return c == null ? defaults : c.over(defaults);
        }

        void validate() {
            ConfigException.check(dailyGapRateAlert > 0 && dailyGapRateAlert < 1, "anomaly.daily-gap-rate-alert",
                    "must be a fraction between 0 and 1", "e.g. 0.01 for 1 %");
            defaults.validate("anomaly.defaults");
            customers.forEach((c, t) -> t.over(defaults).validate("anomaly.customers." + c));
        }
    }

    /** Where the shared admin secret of review decisions comes from: an environment variable or a file, never inline. */
    public record Review(Optional<String> adminSecretEnv, Optional<String> adminSecretFile) {
        public Review {
            adminSecretEnv = adminSecretEnv == null ? Optional.empty() : adminSecretEnv;
            adminSecretFile = adminSecretFile == null ? Optional.empty() : adminSecretFile;
        }
    }
}
