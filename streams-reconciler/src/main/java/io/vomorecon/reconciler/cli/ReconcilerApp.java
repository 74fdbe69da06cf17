package io.vomorecon.reconciler.cli;

import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.reconciler.errors.DlqDeserializationHandler;
import io.vomorecon.reconciler.errors.DlqProcessingHandler;
import io.vomorecon.reconciler.review.DecisionSigner;
import io.vomorecon.reconciler.topology.BoundedRocksDbConfig;
import io.vomorecon.reconciler.topology.ReconcilerTopology;
import io.vomorecon.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's lifecycle: check the inputs are co-partitioned (refuse to run otherwise),
 * build the topology for their partition count, start Kafka Streams with exactly-once, bounded
 * RocksDB and the DLQ handlers, and close cleanly. It owns no reconciliation logic.
 */
public final class ReconcilerApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcilerApp.class);

    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ReconcilerApp(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Starts the reconciler; throws ConfigException (bad configuration) or CoPartitioningException (inputs differ). */
    public static ReconcilerApp start(ReconcilerConfig cfg, Clock clock, Map<String, String> env) {
        DecisionSigner signer = DecisionSigner.fromConfig(cfg.review(), env);
        int partitions = inputPartitions(cfg);
        Topology topology = ReconcilerTopology.build(new StreamsBuilder(), cfg, partitions, clock, Optional.of(signer));
        KafkaStreams ks = new KafkaStreams(topology, streamsProperties(cfg, clock));
        ReconcilerApp app = new ReconcilerApp(ks);
        ks.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed ({}); replacing it, its tasks restart from their last committed state",
                    e.getClass().getSimpleName(), e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        ks.setStateListener((now, before) -> {
            LOG.info("reconciler state {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                app.stopped.countDown();
            }
        });
        LOG.info("starting reconciler {} on {} ({} input partitions, topic prefix '{}', grace {})", cfg.applicationId(),
                cfg.bootstrapServers(), partitions, cfg.topicPrefix(), cfg.grace());
        ks.start();
        return app;
    }

    /** The partition count of the three inputs, after checking they agree. */
    static int inputPartitions(ReconcilerConfig cfg) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            TopicBootstrap.verifyCoPartitioned(admin, cfg.topicPrefix());
            String snapshots = Topics.VOMO_SNAPSHOTS.in(cfg.topicPrefix()).name();
            return TopicBootstrap.describePartitions(admin, List.of(snapshots)).get(snapshots);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the inputs", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe the reconciler inputs: " + e.getMessage(), e);
        }
    }

    public static Properties streamsProperties(ReconcilerConfig cfg, Clock clock) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, cfg.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, cfg.stateDir());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, cfg.streamThreads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, cfg.commitInterval().toMillis());
        // Short polls keep the sweep punctuator ticking while the inputs are idle.
        p.put(StreamsConfig.POLL_MS_CONFIG, Math.max(1, cfg.sweep().punctuateInterval().toMillis()));
        // The run protocol orders what must be ordered (a run's markers after its records, a VOMO run's evaluation after
        // its paired destination read: docs/reconciler.md), never the timestamps of a task's input partitions, which
        // Kafka Streams only orders for records it already knows of. With the default (0) Streams still checks, for every
        // record it processes, whether each empty input partition has data on the broker, and formats a log line per
        // empty partition with String.format although nothing logs it: about a tenth of the stream threads' CPU in the
        // demo's profile. -1 skips that check.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        // Only the run-progress store caches (one hot key per run); every other store writes through.
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1L << 20);
        // Fewer, larger produce requests for the changelogs: each EOS commit waits for all of them to be acknowledged.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        if (cfg.rocksdb().bounded()) {
            p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        }
        p.put("vomo.recon.rocksdb.block-cache-mb", cfg.rocksdb().blockCacheMb());
        p.put("vomo.recon.rocksdb.write-buffer-mb", cfg.rocksdb().writeBufferMb());
        p.put("vomo.recon.rocksdb.max-write-buffers", cfg.rocksdb().maxWriteBuffers());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DlqDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DlqProcessingHandler.class);
        p.put("vomo.recon.topic.prefix", cfg.topicPrefix());
        p.put("vomo.recon.clock", clock);
        return p;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Blocks until Kafka Streams is RUNNING or the timeout passes; false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return true;
    }

    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        LOG.info("stopping reconciler: committing and closing its tasks");
        streams.close(Duration.ofSeconds(30));
        stopped.countDown();
    }
}
