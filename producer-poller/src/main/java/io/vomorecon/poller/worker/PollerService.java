package io.vomorecon.poller.worker;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vomorecon.poller.config.DestinationSettings;
import io.vomorecon.poller.config.PollerConfig;
import io.vomorecon.poller.config.Secret;
import io.vomorecon.poller.external.ExternalStateReader;
import io.vomorecon.poller.kafka.DeadLetters;
import io.vomorecon.poller.kafka.KafkaClients;
import io.vomorecon.poller.run.SampleStore;
import io.vomorecon.poller.schedule.Scheduler;
import io.vomorecon.poller.verify.DeletionVerifier;
import io.vomorecon.poller.verify.VerifierService;
import io.vomorecon.poller.vomo.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code vomo-recon poller} runs in one process: the scheduler (if enabled), the job
 * workers (the configured number: the bound on concurrent runs across customers), the deletion
 * verifier and the destination reader they use. {@link #close()} stops them all; a run cut short
 * by it ends with RUN_ABORTED and its job is left for another worker.
 */
public final class PollerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PollerService.class);

    private final PollerConfig config;
    private final Clock clock;
    private final CustomerClients clients;
    private final Optional<HikariDataSource> dataSource;
    private final SampleStore samples = new SampleStore();
    private final KafkaProducer<byte[], byte[]> plainProducer;
    private final DeadLetters deadLetters;
    private final List<Thread> threads = new ArrayList<>();
    private final List<AutoCloseable> parts = new ArrayList<>();

    public PollerService(PollerConfig config, Map<String, String> env, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.clients = new CustomerClients(config, env, clock, Sleeper.REAL);
        this.dataSource = config.destination().map(d -> dataSource(d, env));
        this.plainProducer = KafkaClients.idempotent(config.bootstrapServers());
        this.deadLetters = new DeadLetters(plainProducer, config.prefix(), clock);
    }

    /** A Hikari pool on the destination, password from its reference. */
    public static HikariDataSource dataSource(DestinationSettings d, Map<String, String> env) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(d.jdbcUrl());
        d.username().ifPresent(hc::setUsername);
        if (d.passwordEnv().isPresent() || d.passwordFile().isPresent()) {
            hc.setPassword(Secret.resolve(d.passwordEnv(), d.passwordFile(), "destination.password-env", env).reveal());
        }
        hc.setMaximumPoolSize(4);
        hc.setReadOnly(true);
        hc.setPoolName("vomo-recon-destination-reader");
        return new HikariDataSource(hc);
    }

    /** A run executor on a given producer (each worker has its own transactional producer). */
    public RunExecutor executor(KafkaProducer<byte[], byte[]> producer) {
        Optional<ExternalStateReader> reader = dataSource.map(ds -> new ExternalStateReader(ds,
                config.destination().map(d -> d.queries()).orElse(Map.of()), clock));
        return new RunExecutor(clients, reader, samples, config.auditSampleSize(), config.http().concurrency(), clock, producer,
                config.prefix());
    }

    public void start() {
        String instance = config.instanceId().orElse(UUID.randomUUID().toString().substring(0, 8));
        for (int i = 0; i < config.workers(); i++) {
            JobWorker w = new JobWorker(config.bootstrapServers(), config.prefix(),
                    config.prefix() + "vomo-recon-poller-" + instance + "-" + i, this::executor, deadLetters, Duration.ofSeconds(30));
            spawn("poller-worker-" + i, w, w);
        }
        if (config.verifierEnabled()) {
            VerifierService v = new VerifierService(config.bootstrapServers(), config.prefix(), clients, new DeletionVerifier(clock),
                    plainProducer, deadLetters, config.verifierRetryDelay(), config.http().concurrency());
            spawn("poller-verifier", v, v);
        }
        if (config.scheduler().enabled()) {
            Scheduler s = new Scheduler(config, clock);
            s.start();
            spawn("poller-scheduler", s, s);
        }
        LOG.info("poller started: {} worker(s), verifier {}, scheduler {}, destination reader {}, {} customer(s)", config.workers(),
                config.verifierEnabled() ? "on" : "off", config.scheduler().enabled() ? "on" : "off",
                dataSource.isPresent() ? "on" : "off", config.customers().size());
    }

    private void spawn(String name, Runnable r, AutoCloseable part) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("{} stopped on an unexpected error", name, e);
            }
        }, name);
        threads.add(t);
        parts.add(part);
        t.start();
    }

    @Override
    public void close() {
        for (AutoCloseable p : parts) {
            try {
                p.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", p.getClass().getSimpleName(), e.toString());
            }
        }
        // Each part stops its own thread (a worker in a run interrupts the run, which then ends with RUN_ABORTED);
        // an interrupt from here would only break the clients' orderly close (leaving the group, ending transactions).
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(30).toMillis());
                if (t.isAlive()) {
                    LOG.warn("{} did not stop within 30 s; interrupting it", t.getName());
                    t.interrupt();
                    t.join(Duration.ofSeconds(5).toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        plainProducer.close(Duration.ofSeconds(5));
        dataSource.ifPresent(HikariDataSource::close);
        LOG.info("poller stopped");
    }
}
