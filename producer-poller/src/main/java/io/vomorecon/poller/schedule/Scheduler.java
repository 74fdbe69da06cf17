package io.vomorecon.poller.schedule;

import io.vomorecon.poller.config.PollerConfig;
import io.vomorecon.poller.kafka.KafkaClients;
import io.vomorecon.schemas.topics.ContractViolation;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Job;
import io.vomorecon.schemas.values.ScheduleState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues the {@link SchedulePlanner}'s due runs as jobs on recon.jobs. Each tick writes its jobs
 * and the new schedule state (recon.schedule, compacted, keyed like the job) in ONE transaction,
 * so a crash can neither issue a job without remembering it (a repeat) nor remember one it did
 * not issue (a skip). On start-up the state is read back from the compacted topic.
 *
 * <p>Exactly one scheduler should run: its transactional id is fixed per topic namespace, so a
 * second one fences the first, which then stops with an error instead of issuing duplicates.
 */
public final class Scheduler implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final PollerConfig config;
    private final Clock clock;
    private final Topic<Job> jobs;
    private final Topic<ScheduleState> state;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean looping = new AtomicBoolean(false);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private KafkaProducer<byte[], byte[]> producer;
    private SchedulePlanner planner;

    public Scheduler(PollerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.jobs = Topics.RECON_JOBS.in(config.prefix());
        this.state = Topics.RECON_SCHEDULE.in(config.prefix());
    }

    /** Connects, reads the schedule state back and persists baselines of entries seen for the first time. */
    public void start() {
        producer = KafkaClients.transactional(config.bootstrapServers(), config.prefix() + "vomo-recon-scheduler");
        rebuild();
    }

    private void rebuild() {
        Instant now = clock.instant();
        planner = new SchedulePlanner(config.customers(), config.scheduler(), readState(), now);
        Map<String, Instant> baselines = planner.baselines();
        if (!baselines.isEmpty()) {
            producer.beginTransaction();
            baselines.forEach((key, slot) -> producer.send(state.rawRecord(key, stateOf(key, slot, Optional.empty(), now))));
            producer.commitTransaction();
        }
        LOG.info("scheduler planned {} entries for {} customers ({} seen for the first time)", planner.size(),
                config.customers().size(), baselines.size());
    }

    /** Issues every run due now; returns the jobs issued. */
    public List<Job> tick() {
        Instant now = clock.instant();
        List<SchedulePlanner.PlannedRun> due = planner.due(now);
        if (due.isEmpty()) {
            return List.of();
        }
        List<Job> issued = due.stream().map(r -> planner.toJob(r, now)).toList();
        try {
            producer.beginTransaction();
            for (int i = 0; i < due.size(); i++) {
                SchedulePlanner.PlannedRun r = due.get(i);
                Job job = issued.get(i);
                producer.send(jobs.rawRecord(r.stateKey(), job));
                producer.send(state.rawRecord(r.stateKey(), stateOf(r.stateKey(), r.slot(), Optional.of(job.jobId()), now)));
            }
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            LOG.error("scheduler fenced by another scheduler instance; this one stops issuing jobs");
            running.set(false);
            return List.of();
        } catch (KafkaException e) {
            LOG.error("scheduler could not issue {} job(s) ({}); re-reading its state and trying at the next tick", due.size(),
                    e.getClass().getSimpleName());
            try {
                producer.abortTransaction();
            } catch (KafkaException ignored) {
                LOG.warn("abort of the failed scheduler transaction failed too; the broker aborts it at its timeout");
            }
            rebuild();
            return List.of();
        }
        for (Job j : issued) {
            LOG.info("scheduled {} {} {} {} for slot {}{}", j.jobId(), j.customer(), j.resource(), j.runKind(), j.scheduledFor(),
                    j.window().map(w -> " window " + w.from() + " .. " + w.to()).orElse(""));
        }
        return issued;
    }

    /** Ticks until {@link #close()}; the producer is closed by this thread when the loop ends (never under a running tick). */
    @Override
    public void run() {
        looping.set(true);
        try {
            while (running.get()) {
                tick();
                if (stopRequested.await(config.scheduler().tick().toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeProducer();
        }
    }

    private ScheduleState stateOf(String key, Instant slot, Optional<String> jobId, Instant now) {
        io.vomorecon.schemas.RecordKey k = io.vomorecon.schemas.RecordKey.parse(key);
        return new ScheduleState(Topics.SCHEMA_VERSION, k.customer(), k.resource(),
                io.vomorecon.schemas.values.RunKind.valueOf(k.id()), Optional.of(slot), jobId, now);
    }

    /** The last slot per key, read from the beginning of the compacted topic to its end. */
    private Map<String, Instant> readState() {
        Map<String, Instant> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.consumer(config.bootstrapServers(), null, 1000, 300_000)) {
            List<PartitionInfo> infos = c.partitionsFor(state.name(), Duration.ofSeconds(30));
            List<TopicPartition> tps = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(500))) {
                    String key = Topic.key(rec);
                    try {
                        ScheduleState s = state.value(rec);
                        if (s == null) {
                            out.remove(key);
                        } else {
                            s.lastSlot().ifPresent(slot -> out.put(key, slot));
                        }
                    } catch (ContractViolation e) {
                        LOG.warn("schedule state {} at offset {} is unreadable ({}); skipped", key, rec.offset(), e.reason());
                    }
                }
            }
        }
        return out;
    }

    /** Keys the planner knows (for tests and the status line). */
    public Set<String> plannedKeys() {
        return planner.lastSlots().keySet();
    }

    @Override
    public void close() {
        running.set(false);
        stopRequested.countDown();
        if (!looping.get()) {
            closeProducer();
        }
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
            LOG.info("scheduler stopped");
        }
    }
}
