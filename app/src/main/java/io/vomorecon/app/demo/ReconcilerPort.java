package io.vomorecon.app.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The end-to-end harness's view of the reconciler: something that runs (Kafka Streams, EOS, its
 * own state directory) until closed, names its consumer group and internal topics (so the
 * harness can tell when it is idle), and can approve a held run the way an operator does.
 * It exists so that the harness does not depend on how the reconciler is started.
 */
public interface ReconcilerPort extends AutoCloseable {

    /** The consumer group of the reconciler (its Kafka Streams application id). */
    String groupId();

    /** The topics the reconciler consumes besides the three inputs and recon.decisions (repartition topics). */
    List<String> internalInputTopics();

    /** The changelog of its resumable sweep jobs: empty once every queued sweep is done. */
    String sweepsChangelog();

    /** Signs and publishes an APPROVE decision for a held run, as `vomo-recon review approve` does. */
    void approve(String runId, String operator, String reason) throws Exception;

    @Override
    void close();

    /** Starts a reconciler in one namespace. */
    @FunctionalInterface
    interface Factory {
        ReconcilerPort start(String bootstrapServers, String topicPrefix, Path stateDir, Clock clock, Duration partnerPollingInterval);
    }
}
