package io.vomorecon.app.demo;

import io.vomorecon.schemas.topics.ContractViolation;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Alert;
import io.vomorecon.schemas.values.CorrectionOutcome;
import io.vomorecon.schemas.values.ExternalEvent;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.ReviewItem;
import io.vomorecon.schemas.values.RunMarker;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.SnapshotEvent;
import io.vomorecon.schemas.values.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every topic of one namespace (and the reconciler's internal topics it is told about)
 * read-committed from the beginning, as an outside observer: it decodes what the scoring and the
 * barriers need (run markers, verifications, findings, summaries, outcomes, review items, alerts,
 * the reconciler's open sweep jobs) and remembers the last record offset of every partition, so
 * a barrier can ask whether a consumer group has processed everything that was written.
 * It never writes anything.
 */
final class TopicWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicWatch.class);
    private static final byte[] VERIFICATION = "\"VERIFICATION\"".getBytes(StandardCharsets.UTF_8);

    /** A run marker as observed: which run, of what, and whether it completed. */
    record MarkerSeen(String runId, String customer, String resource, io.vomorecon.schemas.values.RunKind kind,
                      io.vomorecon.schemas.values.RunSource source, boolean completed, java.time.Instant startedAt) {
    }

    private final String bootstrap;
    private final String prefix;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<String> toAdd = new ConcurrentLinkedQueue<>();
    private final Set<String> sweepTopics = new HashSet<>();

    // guarded by this
    private final Map<TopicPartition, Long> lastRecord = new HashMap<>();
    private final Map<TopicPartition, Long> position = new HashMap<>();
    private final Map<String, MarkerSeen> markers = new LinkedHashMap<>();
    private final Map<String, RunSummary> summaries = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<CorrectionOutcome> outcomes = new ArrayList<>();
    private final List<ReviewItem> reviews = new ArrayList<>();
    private final List<Verification> verifications = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final Set<String> liveSweeps = new HashSet<>();
    private long records;

    TopicWatch(String bootstrap, String prefix, Admin admin) {
        this.bootstrap = bootstrap;
        this.prefix = prefix;
        this.admin = admin;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, prefix + "vomo-recon-e2e-watch");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (Topic<?> t : Topics.all(prefix)) {
            toAdd.add(t.name());
        }
        this.thread = new Thread(this::loop, "e2e-topic-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Adds topics (the reconciler's internal ones); a name ending in "-sweeps-changelog" is read as the open sweep jobs. */
    void watch(Collection<String> topics) {
        for (String t : topics) {
            if (t.endsWith("-sweeps-changelog")) {
                synchronized (this) {
                    sweepTopics.add(t);
                }
            }
            toAdd.add(t);
        }
    }

    private void loop() {
        Set<TopicPartition> assigned = new HashSet<>();
        try {
            while (running.get()) {
                if (!toAdd.isEmpty()) {
                    List<TopicPartition> fresh = new ArrayList<>();
                    String t;
                    while ((t = toAdd.poll()) != null) {
                        List<PartitionInfo> infos = consumer.partitionsFor(t, Duration.ofSeconds(30));
                        if (infos == null || infos.isEmpty()) {
                            LOG.warn("topic {} does not exist (yet); not watched", t);
                            continue;
                        }
                        infos.forEach(i -> fresh.add(new TopicPartition(i.topic(), i.partition())));
                    }
                    fresh.removeAll(assigned);
                    if (!fresh.isEmpty()) {
                        assigned.addAll(fresh);
                        consumer.assign(assigned);
                        consumer.seekToBeginning(fresh);
                    }
                }
                var polled = consumer.poll(Duration.ofMillis(100));
                synchronized (this) {
                    for (ConsumerRecord<byte[], byte[]> r : polled) {
                        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                        lastRecord.merge(tp, r.offset(), Math::max);
                        records++;
                        try {
                            take(r);
                        } catch (ContractViolation e) {
                            LOG.warn("watch: unreadable record on {} at {}: {}", r.topic(), r.offset(), e.reason());
                        }
                    }
                    for (TopicPartition tp : assigned) {
                        position.put(tp, consumer.position(tp));
                    }
                }
            }
        } catch (WakeupException e) {
            LOG.debug("topic watch woken up to stop");
        } catch (RuntimeException e) {
            LOG.error("topic watch stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> r) {
        String topic = r.topic();
        String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        if (sweepTopics.contains(topic)) {
            String k = java.util.HexFormat.of().formatHex(r.key() == null ? new byte[0] : r.key());
            if (r.value() == null) {
                liveSweeps.remove(topic + "/" + k);
            } else {
                liveSweeps.add(topic + "/" + k);
            }
            return;
        }
        if (!topic.startsWith(prefix) || r.value() == null) {
            return;
        }
        String name = topic.substring(prefix.length());
        switch (name) {
            case "vomo.snapshots" -> {
                if (key.contains("/_run/") || contains(r.value(), VERIFICATION)) {
                    SnapshotEvent e = Topics.VOMO_SNAPSHOTS.in(prefix).value(r);
                    if (e instanceof RunMarker m) {
                        marker(m);
                    } else if (e instanceof Verification v) {
                        verifications.add(v);
                    }
                }
            }
            case "external.state" -> {
                if (key.contains("/_run/")) {
                    ExternalEvent e = Topics.EXTERNAL_STATE.in(prefix).value(r);
                    if (e instanceof RunMarker m) {
                        marker(m);
                    }
                }
            }
            case "recon.gaps", "recon.drift", "recon.deletions" -> findings.add(Topics.RECON_GAPS.in(prefix).value(r));
            case "recon.runs" -> {
                RunSummary s = Topics.RECON_RUNS.in(prefix).value(r);
                summaries.put(s.runId(), s);
            }
            case "recon.corrections" -> outcomes.add(Topics.RECON_CORRECTIONS.in(prefix).value(r));
            case "recon.review" -> reviews.add(Topics.RECON_REVIEW.in(prefix).value(r));
            case "recon.alerts" -> alerts.add(Topics.RECON_ALERTS.in(prefix).value(r));
            default -> {
                // partner.state, jobs, schedule, reprocess, decisions, dlq and internal topics: offsets only
            }
        }
    }

    private void marker(RunMarker m) {
        if (m instanceof io.vomorecon.schemas.values.RunCompleted c) {
            markers.putIfAbsent(c.runId(), new MarkerSeen(c.runId(), c.customer(), c.resource(), c.runKind(), c.source(), true,
                    c.startedAt()));
        } else if (m instanceof io.vomorecon.schemas.values.RunAborted a) {
            markers.putIfAbsent(a.runId(), new MarkerSeen(a.runId(), a.customer(), a.resource(), a.runKind(), a.source(), false,
                    a.startedAt()));
        }
    }

    private static boolean contains(byte[] value, byte[] needle) {
        int limit = Math.min(value.length, 64) - needle.length;
        outer:
        for (int i = 0; i <= limit; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (value[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Returns once this watch has read every committed record of every watched partition up to
     * the end offsets of this moment (read-committed), or false at the deadline.
     */
    boolean catchUp(long deadlineNanos) throws InterruptedException {
        Map<TopicPartition, Long> end = endOffsets();
        while (System.nanoTime() < deadlineNanos) {
            synchronized (this) {
                boolean done = end.entrySet().stream().allMatch(e -> position.getOrDefault(e.getKey(), -1L) >= e.getValue());
                if (done && toAdd.isEmpty()) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    private Map<TopicPartition, Long> endOffsets() {
        Set<TopicPartition> tps;
        synchronized (this) {
            tps = new HashSet<>(position.keySet());
        }
        if (tps.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> q = new HashMap<>();
        tps.forEach(tp -> q.put(tp, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(q, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading end offsets", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read end offsets: " + e.getCause(), e);
        }
    }

    /** The last record offset seen per partition of the given topics. */
    synchronized Map<TopicPartition, Long> lastRecords(Collection<String> topics) {
        Map<TopicPartition, Long> out = new HashMap<>();
        lastRecord.forEach((tp, o) -> {
            if (topics.contains(tp.topic())) {
                out.put(tp, o);
            }
        });
        return out;
    }

    synchronized long recordsSeen() {
        return records;
    }

    synchronized List<MarkerSeen> markers() {
        return List.copyOf(markers.values());
    }

    synchronized Map<String, RunSummary> summaries() {
        return Map.copyOf(summaries);
    }

    synchronized List<RunSummary> summariesInOrder() {
        return List.copyOf(summaries.values());
    }

    synchronized List<Finding> findings() {
        return List.copyOf(findings);
    }

    synchronized List<CorrectionOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    synchronized List<ReviewItem> reviews() {
        return List.copyOf(reviews);
    }

    synchronized List<Verification> verifications() {
        return List.copyOf(verifications);
    }

    synchronized List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    synchronized int openSweeps() {
        return liveSweeps.size();
    }

    String bootstrap() {
        return bootstrap;
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
