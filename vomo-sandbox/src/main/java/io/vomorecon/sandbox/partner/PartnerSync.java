package io.vomorecon.sandbox.partner;

import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxCustomer;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.ReprocessRequest;
import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference partner sync: what real partners run against VOMO, per customer, over the
 * sandbox's public API on real sockets. It writes the destination tables and publishes its
 * ledger to partner.state; in delegate mode it re-processes the keys vomo-recon asks for on
 * recon.reprocess. Bugs are switched per customer ({@link #bugs}); it never handles deletions.
 */
public final class PartnerSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerSync.class);

    private final Sandbox sandbox;
    private final PartnerSyncConfig config;
    private final Map<String, CustomerSync> customers = new LinkedHashMap<>();
    private final Map<String, AtomicBoolean> busy = new LinkedHashMap<>();
    private final KafkaProducer<String, PartnerState> producer;
    private final Topic<PartnerState> partnerState;
    private final ExecutorService workers;
    private ScheduledExecutorService ticker;
    private Thread reprocessThread;
    private KafkaConsumer<String, ReprocessRequest> reprocessConsumer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PartnerSync(Sandbox sandbox, PartnerSyncConfig config) throws SQLException {
        this.sandbox = sandbox;
        this.config = config;
        Destination destination = new Destination(config.destination());
        destination.ensureTables();
        this.partnerState = Topics.PARTNER_STATE.in(config.topicPrefix());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "vomo-sandbox-partner");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), partnerState.valueSerde().serializer());
        Ledger ledger = new Ledger(state -> producer.send(partnerState.record(state.key(), state), (md, e) -> {
            if (e != null) {
                LOG.warn("partner ledger entry for {} not published: {}", state.key(), e.toString());
            }
        }));
        HttpClient http = HttpClient.newBuilder().connectTimeout(config.httpTimeout()).build();
        for (SandboxCustomer c : sandbox.customers()) {
            PartnerHttp client = new PartnerHttp(http, sandbox.baseUrl(), c.token(), config.httpTimeout());
            customers.put(c.id(), new CustomerSync(c.id(), sandbox.world().require(c.id()), client, destination, ledger,
                    new PartnerBugs(), sandbox.truth(), sandbox.clock()));
            busy.put(c.id(), new AtomicBoolean());
        }
        this.workers = Executors.newFixedThreadPool(Math.min(4, Math.max(1, customers.size())), r -> {
            Thread t = new Thread(r, "partner-sync");
            t.setDaemon(true);
            return t;
        });
        if (config.delegate()) {
            startReprocessConsumer();
        }
    }

    /** Creates the destination tables if missing, connects to Kafka, and (delegate mode) starts consuming recon.reprocess. */
    public static PartnerSync start(Sandbox sandbox, PartnerSyncConfig config) {
        try {
            return new PartnerSync(sandbox, config);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the destination tables: " + e.getMessage(), e);
        }
    }

    public PartnerBugs bugs(String customer) {
        return sync(customer).bugs();
    }

    public Optional<Instant> checkpoint(String customer, SyncStream stream) {
        return sync(customer).checkpoint(stream);
    }

    /**
     * Sends every later request of the partner to the sandbox API's handler in this process
     * ({@code true}) or over HTTP ({@code false}, the default): the same routing, answers, rate
     * limit, counters and ground truth; a slow answer's delay and a timeout's hold are not played
     * (the timeout's 504 comes at once, which the partner handles like its own timeout: retried,
     * then the run fails with its checkpoint kept). For a harness whose subject is not the partner.
     */
    public void inProcess(boolean on) {
        customers.values().forEach(c -> c.direct(on ? Optional.of(sandbox.apiServer()) : Optional.empty()));
    }

    /**
     * The initial load through the sandbox API's handler in this process instead of its socket:
     * the same requests, answers, counters and ground truth, without the network round trips. For
     * a world whose partner made its initial load long before what is played (the demo); the
     * regular runs that follow go over HTTP.
     */
    public void bootstrapInProcess() {
        customers.values().forEach(c -> c.direct(Optional.of(sandbox.apiServer())));
        try {
            bootstrap();
        } finally {
            customers.values().forEach(c -> c.direct(Optional.empty()));
        }
    }

    /**
     * The initial load: every stream of every customer once, from no checkpoint, customers in
     * parallel (each customer's streams in order, as its worker would); returns when done.
     */
    public void bootstrap() {
        List<Future<?>> loads = new ArrayList<>();
        // the largest first: it bounds the whole load, so it must not wait for a free worker
        List<String> bySize = new ArrayList<>(customers.keySet());
        bySize.sort(java.util.Comparator.comparingInt((String c) -> customers.get(c).size()).reversed());
        for (String c : bySize) {
            loads.add(workers.submit(() -> {
                for (SyncStream s : SyncStream.values()) {
                    runOnce(c, s);
                }
            }));
        }
        for (Future<?> f : loads) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("initial load interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("initial load failed: " + e.getCause(), e.getCause());
            }
        }
        producer.flush();
        LOG.info("partner sync bootstrapped {} customer(s)", customers.size());
    }

    /** One run of the stream owning a resource, now; the ledger is flushed to Kafka before it returns. */
    public boolean runOnce(String customer, Resource resource) {
        return runOnce(customer, SyncStream.of(resource));
    }

    public boolean runOnce(String customer, SyncStream stream) {
        boolean ok = sync(customer).run(stream);
        producer.flush();
        return ok;
    }

    /** Re-processes one key now, as a recon.reprocess request would. */
    public boolean reprocess(String key) {
        RecordKey k = RecordKey.parse(key);
        try {
            boolean done = sync(k.customer()).reprocess(k);
            producer.flush();
            return done;
        } catch (java.io.IOException | SQLException e) {
            LOG.warn("partner sync could not re-process {}: {}", key, e.toString());
            return false;
        }
    }

    /** Polls every stream of every customer each {@code pollInterval} of simulated time, in the background. */
    public synchronized void startPolling() {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "partner-sync-ticker");
            t.setDaemon(true);
            return t;
        });
        long interval = config.pollInterval().getSeconds();
        ticker.scheduleWithFixedDelay(() -> {
            long now = sandbox.clock().epochSecond();
            for (var e : customers.entrySet()) {
                AtomicBoolean b = busy.get(e.getKey());
                if (b.get()) {
                    continue;
                }
                List<SyncStream> due = java.util.Arrays.stream(SyncStream.values()).filter(s -> e.getValue().due(s, now, interval)).toList();
                if (!due.isEmpty() && b.compareAndSet(false, true)) {
                    workers.submit(() -> {
                        try {
                            due.forEach(s -> e.getValue().run(s));
                            producer.flush();
                        } finally {
                            b.set(false);
                        }
                    });
                }
            }
        }, 0, config.tickMillis(), TimeUnit.MILLISECONDS);
        LOG.info("partner sync polling every {} of simulated time", config.pollInterval());
    }

    public synchronized void stopPolling() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private void startReprocessConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "vomo-sandbox-partner-" + config.topicPrefix());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Topic<ReprocessRequest> topic = Topics.RECON_REPROCESS.in(config.topicPrefix());
        reprocessConsumer = new KafkaConsumer<>(p, new StringDeserializer(), topic.valueSerde().deserializer());
        reprocessConsumer.subscribe(List.of(topic.name()));
        reprocessThread = new Thread(() -> {
            try {
                while (!closed.get()) {
                    for (ConsumerRecord<String, ReprocessRequest> r : reprocessConsumer.poll(Duration.ofMillis(200))) {
                        handle(r);
                    }
                    reprocessConsumer.commitSync();
                }
            } catch (WakeupException e) {
                LOG.debug("re-process consumer woken up to stop");
            } finally {
                reprocessConsumer.close();
            }
        }, "partner-sync-reprocess");
        reprocessThread.setDaemon(true);
        reprocessThread.start();
    }

    private void handle(ConsumerRecord<String, ReprocessRequest> r) {
        ReprocessRequest req;
        try {
            req = r.value();
        } catch (RuntimeException e) {
            LOG.warn("unreadable re-process request at offset {} skipped: {}", r.offset(), e.getMessage());
            return;
        }
        if (req == null || !customers.containsKey(req.customer())) {
            LOG.info("re-process request at offset {} is not for a sandbox customer; skipped", r.offset());
            return;
        }
        reprocess(req.key());
    }

    private CustomerSync sync(String customer) {
        CustomerSync s = customers.get(customer);
        if (s == null) {
            throw new IllegalArgumentException("no sandbox customer '" + customer + "'");
        }
        return s;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopPolling();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reprocessConsumer != null) {
            reprocessConsumer.wakeup();
            try {
                reprocessThread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
        LOG.info("partner sync stopped");
    }
}
