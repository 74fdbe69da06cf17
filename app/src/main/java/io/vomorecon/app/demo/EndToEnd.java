package io.vomorecon.app.demo;

import io.vomorecon.poller.config.CustomerConfig;
import io.vomorecon.poller.config.DestinationSettings;
import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.PollerConfig;
import io.vomorecon.poller.config.SchedulerSettings;
import io.vomorecon.poller.schedule.SchedulePlanner;
import io.vomorecon.poller.schedule.Scheduler;
import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.poller.worker.PollerService;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.sandbox.FaultSettings;
import io.vomorecon.sandbox.MutationRates;
import io.vomorecon.sandbox.Quirks;
import io.vomorecon.sandbox.RateLimit;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.sandbox.SandboxCustomer;
import io.vomorecon.sandbox.partner.PartnerSync;
import io.vomorecon.sandbox.partner.PartnerSyncConfig;
import io.vomorecon.sandbox.partner.SyncBug;
import io.vomorecon.sandbox.partner.SyncStream;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.CorrectionOutcome;
import io.vomorecon.schemas.values.DiagnosisCode;
import io.vomorecon.schemas.values.Job;
import io.vomorecon.schemas.values.ReviewItem;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.TimeWindow;
import io.vomorecon.sink.config.DestinationConfig;
import io.vomorecon.sink.config.PolicySettings;
import io.vomorecon.sink.config.SinkConfig;
import io.vomorecon.sink.external.JdbcExternalSystem;
import io.vomorecon.sink.runtime.CorrectionsSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole product in one process, on one simulated clock: the VOMO sandbox with its customers,
 * faults and mutations, the reference partner sync, the poller (scheduler, job workers, deletion
 * verifier, destination reader), the reconciler and the corrections sink, in a topic namespace
 * of a given broker and a given destination database. It plays simulated time forward in steps
 * and, after every step, waits at a barrier until everything that was set in motion has been
 * processed (no sleeps: offsets, run summaries and the reconciler's open sweep jobs decide), then
 * drives the final reconciliation and hands the scorer what it needs. Used by the demo command
 * and by EndToEndIT; it must never skip a barrier to save time.
 */
public final class EndToEnd implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EndToEnd.class);
    /** How long a barrier waits before it logs the stacks of the threads it is waiting for. */
    private static final Duration STALL_DUMP_AFTER = Duration.ofSeconds(45);
    /** The consumer groups the barrier waits for; built on first use, once the reconciler is known. */
    private List<Stage> stages;
    /** How often a barrier looks again while a component is busy. */
    private static final long BUSY_POLL_MILLIS = 40;
    static final String PARTNER_AGENT = "vomo-sandbox-partner/1";

    /** The exhaustive run kinds of a final reconciliation, per resource. */
    static final List<Map.Entry<Resource, RunKind>> FINAL_RUNS = List.of(
            Map.entry(Resource.USERS, RunKind.FULL), Map.entry(Resource.PROJECTS, RunKind.FULL),
            Map.entry(Resource.GROUPS, RunKind.FULL), Map.entry(Resource.CAMPAIGNS, RunKind.FULL),
            Map.entry(Resource.FORMS, RunKind.FULL), Map.entry(Resource.CERTIFICATES, RunKind.FULL),
            Map.entry(Resource.PROJECT_DATES, RunKind.SCHEDULE), Map.entry(Resource.PARTICIPATIONS, RunKind.PARTICIPATIONS),
            Map.entry(Resource.GROUP_MEMBERS, RunKind.MEMBERSHIP), Map.entry(Resource.FORM_COMPLETIONS, RunKind.FORM_COMPLETIONS));

    /** The evidence of one anomaly hold: what was held, what was applied before and after the approval. */
    public record HoldEvidence(String runId, String customer, String resource, DiagnosisCode diagnosis, int heldFindings,
                               int appliedBeforeApproval, int appliedAfterApproval, int heldGapFindings) {
    }

    private final E2eSettings settings;
    private final String bootstrap;
    private final String prefix;
    private final DataSource destination;
    private final String jdbcUrl;
    private final Path dataDir;
    private final Consumer<String> progress;
    private final Sandbox sandbox;
    private final Admin admin;
    private final TopicWatch watch;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ExecutorService partnerPool;
    private final ThrottleMeter meter;
    private final List<HoldEvidence> holds = new ArrayList<>();
    private final Set<String> handledHolds = new HashSet<>();
    private final List<String> finalRunIds = new ArrayList<>();
    private final Map<String, Integer> stepsWithJobs = new HashMap<>();
    private final Map<String, Integer> stepsPartnerServed = new HashMap<>();
    private PartnerSync partner;
    private PollerService poller;
    private Scheduler scheduler;
    private CorrectionsSink sink;
    private Thread sinkThread;
    private Optional<ReconcilerPort> reconciler = Optional.empty();
    private KafkaProducer<byte[], byte[]> jobProducer;
    private Instant start;
    /** Real time the barriers spent waiting, by what they were waiting for: where the demo's time goes. */
    private final Map<String, Long> waitedOn = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> correctingRounds = new ArrayList<>();
    private final List<String> checkingRound = new ArrayList<>();

    private EndToEnd(E2eSettings settings, String bootstrap, String prefix, DataSource destination, String jdbcUrl, Path dataDir,
                     Consumer<String> progress) {
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.prefix = prefix;
        this.destination = destination;
        this.jdbcUrl = jdbcUrl;
        this.dataDir = dataDir;
        this.progress = progress;
        MutationRates rates = MutationRates.defaults().times(settings.mutationFactor());
        this.sandbox = Sandbox.start(new SandboxConfig(settings.customers(), settings.seed(), 0, SandboxConfig.DEFAULT_START,
                FaultSettings.none(), Quirks.all(), RateLimit.off(), rates, 8));
        closeables.add(sandbox);
        TopicBootstrap.ensure(bootstrap, prefix, settings.inputPartitions(), (short) 1);
        this.admin = TopicBootstrap.admin(bootstrap);
        closeables.add(admin);
        this.watch = new TopicWatch(bootstrap, prefix, admin);
        closeables.add(watch);
        this.partnerPool = Executors.newFixedThreadPool(Math.min(4, settings.customers().size()), r -> {
            Thread t = new Thread(r, "e2e-partner-step");
            t.setDaemon(true);
            return t;
        });
        this.meter = new ThrottleMeter(sandbox, settings.customers().stream().map(c -> c.slug()).toList());
    }

    /**
     * Starts every component. {@code reconcilerFactory} empty runs everything but the reconciler
     * (no findings are produced then; useful only to test the rest of the harness).
     */
    public static EndToEnd start(E2eSettings settings, String bootstrap, String prefix, DataSource destination, String jdbcUrl,
                                 Path dataDir, Optional<ReconcilerPort.Factory> reconcilerFactory, Consumer<String> progress)
            throws InterruptedException {
        EndToEnd e = new EndToEnd(settings, bootstrap, prefix, destination, jdbcUrl, dataDir, progress);
        try {
            e.startComponents(reconcilerFactory);
        } catch (RuntimeException | InterruptedException ex) {
            e.close();
            throw ex;
        }
        return e;
    }

    private void startComponents(Optional<ReconcilerPort.Factory> reconcilerFactory) throws InterruptedException {
        long t0 = System.nanoTime();
        progress.accept(String.format("sandbox on %s: %d customer(s), %s users, seed %d", sandbox.baseUrl(),
                settings.customers().size(), settings.customers().stream().map(c -> c.slug() + "=" + c.users()).toList(),
                settings.seed()));
        // The reconciler first: it takes in the partner's ledger while the initial load is still running (the load is
        // one thread per customer, the large customer's alone for most of it), instead of after it.
        if (reconcilerFactory.isPresent()) {
            ReconcilerPort r = reconcilerFactory.get().start(bootstrap, prefix, dataDir.resolve("reconciler-state"), sandbox.clock(),
                    settings.step());
            reconciler = Optional.of(r);
            closeables.add(r);
            List<String> internal = new ArrayList<>(r.internalInputTopics());
            internal.add(r.sweepsChangelog());
            watch.watch(internal);
            progress.accept("reconciler running (Kafka Streams, exactly-once, application " + r.groupId() + ")");
        } else {
            progress.accept("reconciler NOT running: only the other components are exercised");
        }

        partner = PartnerSync.start(sandbox, new PartnerSyncConfig(bootstrap, prefix, destination, Duration.ofMinutes(15), false,
                Duration.ofSeconds(2), 50));
        closeables.add(partner);
        progress.accept("reference partner sync: initial load of every customer (through the API's handler in process: "
                + "it happened before the played weeks)...");
        long loadStart = System.nanoTime();
        partner.bootstrapInProcess();
        progress.accept(String.format("reference partner sync: initial load done in %.1f s", (System.nanoTime() - loadStart) / 1e9));
        if (settings.partnerInProcess()) {
            partner.inProcess(true);
            progress.accept("reference partner sync: polls through the API's handler in process from now on (the poller uses HTTP)");
        }

        SinkConfig sinkConfig = new SinkConfig(bootstrap, prefix, prefix + "vomo-recon-sink", "e2e-sink-0", null,
                new DestinationConfig(jdbcUrl, Optional.empty(), Optional.empty(), 4, null, true), null, null,
                new PolicySettings(Optional.of(CorrectionOutcome.Mode.DIRECT), Optional.of(true), Optional.of(false)), Map.of());
        sinkConfig.validate();
        JdbcExternalSystem ext = JdbcExternalSystem.open(sinkConfig.destination(), sandbox.clock());
        closeables.add(ext);
        sink = new CorrectionsSink(sinkConfig, ext, sandbox.clock());
        sinkThread = new Thread(sink, "e2e-corrections-sink");
        sinkThread.start();
        progress.accept("corrections sink running (direct mode, drift auto-fix on, soft deletes)");

        Map<String, String> env = new HashMap<>();
        PollerConfig pollerConfig = pollerConfig(env);
        poller = new PollerService(pollerConfig, env, sandbox.clock());
        poller.start();
        closeables.add(poller);
        scheduler = new Scheduler(pollerConfig, sandbox.clock());
        scheduler.start();
        closeables.add(scheduler);
        progress.accept(String.format("poller running: %d job workers, deletion verifier, destination reader; scheduler "
                + "stepped by the demo on the simulated clock", pollerConfig.workers()));

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        jobProducer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        closeables.add(() -> jobProducer.close(Duration.ofSeconds(5)));

        for (SandboxCustomer c : sandbox.customers()) {
            sandbox.setFaults(c.id(), settings.faults());
            if (settings.rateLimit() > 0) {
                sandbox.setRateLimit(c.id(), RateLimit.of(settings.rateLimit(), (int) Math.max(1, settings.rateLimit())));
            }
        }
        meter.start();
        closeables.add(meter);
        start = sandbox.clock().instant();
        progress.accept("waiting for the reconciler to take in the partner's initial ledger...");
        quiesce("initial load", List.of());
        progress.accept(String.format("everything up in %.1f s (faults '%s', rate limit %s req/s per token, vomo-recon share %.0f %%)",
                (System.nanoTime() - t0) / 1e9, settings.faultProfile(),
                settings.rateLimit() > 0 ? String.valueOf(settings.rateLimit()) : "off", settings.throttleShare() * 100));
    }

    private PollerConfig pollerConfig(Map<String, String> env) {
        List<CustomerConfig> customers = new ArrayList<>();
        List<SandboxCustomer> sc = sandbox.customers();
        for (int i = 0; i < sc.size(); i++) {
            SandboxCustomer c = sc.get(i);
            String var = "E2E_TOKEN_" + i;
            env.put(var, c.token());
            double budget = settings.rateLimit() > 0 ? settings.rateLimit() : 1000;
            customers.add(new CustomerConfig(c.id(), sandbox.baseUrl(), String.valueOf(c.organizationId()), Optional.of(var),
                    Optional.empty(), (long) c.users(), budget, settings.throttleShare(), "UTC", true,
                    settings.cadences().getOrDefault(c.id(), Map.of())));
        }
        PollerConfig config = new PollerConfig(bootstrap, Optional.of(prefix), Optional.of("e2e"), 4, 50, Duration.ofSeconds(2), true,
                new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(3), 6, Duration.ofMillis(200), Duration.ofSeconds(2), null, null),
                new SchedulerSettings(false, null, incrementalOverlap(), null, null, null, null),
                Optional.of(new DestinationSettings(jdbcUrl, Optional.empty(), Optional.empty(), Optional.empty(), Map.of())), customers);
        config.validate();
        return config;
    }

    /**
     * The partner polls once a step, so the reconciler's grace period (twice the partner's polling
     * interval) is two steps; an incremental window reaches back one step further than that, so a
     * change still in flight when one incremental run read it is read again by the next.
     */
    private Duration grace() {
        return settings.step().multipliedBy(2);
    }

    private Duration incrementalOverlap() {
        return grace().plus(settings.step());
    }

    /** Plays the configured simulated time in steps; a barrier after each. */
    public void play() throws InterruptedException {
        Duration step = settings.step();
        long steps = settings.simulated().toSeconds() / step.toSeconds();
        Set<E2eSettings.BugPlan> pending = new HashSet<>(settings.bugs());
        boolean injected = false;
        long t0 = System.nanoTime();
        int jobsTotal = 0;
        for (long i = 0; i < steps; i++) {
            Duration elapsed = Duration.between(start, sandbox.clock().instant());
            for (E2eSettings.BugPlan b : List.copyOf(pending)) {
                if (b.at().compareTo(elapsed) <= 0) {
                    partner.bugs(b.customer()).enable(b.bug(), b.resource(), b.param(), b.runs());
                    pending.remove(b);
                    LOG.info("reference sync bug {} on for {} {} ({} runs)", b.bug(), b.customer(), b.resource().path(), b.runs());
                }
            }
            if (!injected && elapsed.compareTo(Duration.ofHours(2)) >= 0) {
                injectEveryKind();
                injected = true;
            }
            sandbox.advance(step);
            long partnerBefore = meter.served(PARTNER_AGENT);
            List<Future<?>> partnerRuns = pollPartner();
            List<Job> jobs = scheduler.tick();
            jobsTotal += jobs.size();
            quiesce("step " + (i + 1), partnerRuns);
            if (!jobs.isEmpty()) {
                stepsWithJobs.merge("steps", 1, Integer::sum);
                if (meter.served(PARTNER_AGENT) > partnerBefore) {
                    stepsPartnerServed.merge("steps", 1, Integer::sum);
                }
            }
            handleHolds();
            if (!jobs.isEmpty() || (i + 1) % 24 == 0) {
                progress.accept(String.format("  %s  step %d/%d: %d job(s) run (%d so far), %d run summaries, %d findings, "
                                + "%d corrections  [%.0f s]", sandbox.clock().instant(), i + 1, steps, jobs.size(), jobsTotal,
                        watch.summaries().size(), watch.findings().size(), watch.outcomes().size(), (System.nanoTime() - t0) / 1e9));
            }
        }
    }

    /** Makes sure every mutation kind and API fault happens a few times for every customer (rates alone may miss rare kinds). */
    private void injectEveryKind() {
        int n = settings.injectionsPerKind();
        if (n <= 0) {
            return;
        }
        for (SandboxCustomer c : sandbox.customers()) {
            for (TruthClass k : TruthClass.values()) {
                if (k.family() != TruthClass.Family.MUTATION) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    sandbox.mutations().inject(c.id(), k);
                }
            }
            for (io.vomorecon.sandbox.api.ApiFault f : io.vomorecon.sandbox.api.ApiFault.values()) {
                sandbox.forceFault(c.id(), f, f == io.vomorecon.sandbox.api.ApiFault.STORM ? settings.faults().stormRequests() : n);
            }
        }
    }

    private List<Future<?>> pollPartner() {
        List<Future<?>> out = new ArrayList<>();
        for (SandboxCustomer c : sandbox.customers()) {
            out.add(partnerPool.submit(() -> {
                for (SyncStream s : SyncStream.values()) {
                    partner.runOnce(c.id(), s);
                }
            }));
        }
        return out;
    }

    /**
     * The anomaly holds: evidence before the approval, the approval (as an operator would), evidence
     * after. Every run held since the last call is approved in one go and then one barrier waits
     * for all the releases: a barrier per run made a step with four held runs wait for four
     * settlings in a row (59 holds cost 59 s of a demo run). The evidence stays per run: what was
     * applied for its held findings before any approval of the batch, and after the barrier.
     */
    private void handleHolds() throws InterruptedException {
        if (reconciler.isEmpty()) {
            return;
        }
        record Held(RunSummary summary, Set<String> findings, int items, int gaps, Instant heldAt, int before) {
        }
        List<Held> batch = new ArrayList<>();
        for (RunSummary s : watch.summariesInOrder()) {
            if (s.diagnosis().isEmpty() || handledHolds.contains(s.runId())) {
                continue;
            }
            handledHolds.add(s.runId());
            List<ReviewItem> items = watch.reviews().stream().filter(r -> r.runId().equals(s.runId())).toList();
            Set<String> held = new HashSet<>();
            items.forEach(r -> held.add(r.finding().findingId()));
            int heldGaps = (int) items.stream().filter(r -> r.finding().kind().family()
                    == io.vomorecon.schemas.values.FindingKind.Family.GAP).count();
            Instant heldAt = items.stream().map(ReviewItem::heldAt).min(Instant::compareTo).orElse(s.evaluatedAt());
            batch.add(new Held(s, held, items.size(), heldGaps, heldAt, applied(held, heldAt)));
        }
        if (batch.isEmpty()) {
            return;
        }
        for (Held h : batch) {
            RunSummary s = h.summary();
            progress.accept(String.format("  run %s of %s held as %s (%d findings on recon.review, %d corrections applied); "
                    + "approving it as an operator would", s.runId(), s.customer(), s.diagnosis().get().code(), h.items(), h.before()));
            try {
                reconciler.get().approve(s.runId(), "e2e-operator", "checkpoint reset; release the held findings");
            } catch (Exception e) {
                throw new IllegalStateException("approving run " + s.runId() + " failed: " + e.getMessage(), e);
            }
        }
        quiesce("approval of " + batch.size() + " held run(s)", List.of());
        for (Held h : batch) {
            RunSummary s = h.summary();
            int after = applied(h.findings(), h.heldAt());
            holds.add(new HoldEvidence(s.runId(), s.customer(), s.resource(), s.diagnosis().get().code(), h.items(), h.before(), after,
                    h.gaps()));
            progress.accept(String.format("  run %s released: %d correction(s) applied after the approval", s.runId(), after));
            if (settings.stuckCustomer().filter(s.customer()::equals).isPresent()) {
                partner.bugs(s.customer()).disable(SyncBug.CHECKPOINT_STUCK);
            }
        }
    }

    private int applied(Set<String> findingIds, Instant since) {
        return (int) watch.outcomes().stream().filter(o -> findingIds.contains(o.findingId()) && !o.at().isBefore(since))
                .filter(o -> o.outcome() == CorrectionOutcome.Outcome.APPLIED || o.outcome() == CorrectionOutcome.Outcome.ALREADY_APPLIED)
                .count();
    }

    /**
     * The final reconciliation: VOMO stops changing and misbehaving, the partner's bugs are
     * switched off and it catches up while a PARTICIPATIONS run of every customer reads every
     * date (the priming read); then two rounds of every exhaustive run of every customer, each
     * more than the reconciler's grace period (two steps) after what came before. Participations
     * carry no {@code updated_at}: their grace period starts at their first sighting, so a
     * participation of a date the two weeks' windows never reached would still be in flight in
     * the first round had the priming read not seen it already. Round one corrects; round two,
     * the next full reconciliation, must find nothing open.
     */
    public void converge() throws InterruptedException {
        progress.accept("final reconciliation: VOMO quiet, partner bugs off, partner catches up; participations of every date read once...");
        sandbox.mutations().rates(MutationRates.none());
        for (SandboxCustomer c : sandbox.customers()) {
            partner.bugs(c.id()).clear();
            sandbox.setFaults(c.id(), FaultSettings.none());
        }
        correctingRounds.addAll(finalRound("final-0", List.of(Map.entry(Resource.PARTICIPATIONS, RunKind.PARTICIPATIONS)), pollPartner()));
        handleHolds();
        quietInterval();
        progress.accept("final reconciliation, round 1: every exhaustive run of every customer...");
        correctingRounds.addAll(finalRound("final-1", FINAL_RUNS, List.of()));
        handleHolds();
        quietInterval();
        progress.accept("final reconciliation, round 2: the same runs again (must find nothing open)...");
        checkingRound.addAll(finalRound("final-2", FINAL_RUNS, List.of()));
        handleHolds();
    }

    /**
     * Lets more than the grace period pass on a quiet VOMO (so nothing read before is still in
     * flight): the grace period, then the partner polls once and the harness waits for what that
     * sets in motion, then one more step. The step after the poll matters: a destination read
     * proves what a push left only if it is dated strictly after the push, and a round started
     * at the very instant of the partner's poll would find every key the partner just pushed
     * "not read since the push" (in flight) and leave it to the next round.
     */
    private void quietInterval() throws InterruptedException {
        sandbox.advance(grace());
        quiesce("catch-up", pollPartner());
        sandbox.advance(settings.step());
    }

    private List<String> finalRound(String label, List<Map.Entry<Resource, RunKind>> kinds, List<Future<?>> partnerRuns)
            throws InterruptedException {
        Instant now = sandbox.clock().instant();
        Set<String> before = new HashSet<>(watch.summaries().keySet());
        TimeWindow all = new TimeWindow(now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(400)));
        // The largest customer's jobs first: they bound the round, so they must not queue behind small ones on a worker.
        List<SandboxCustomer> bySize = new ArrayList<>(sandbox.customers());
        bySize.sort(java.util.Comparator.comparingInt(SandboxCustomer::users).reversed());
        for (SandboxCustomer c : bySize) {
            for (Map.Entry<Resource, RunKind> e : kinds) {
                String key = SchedulePlanner.stateKey(c.id(), e.getKey(), e.getValue());
                Job job = new Job(Topics.SCHEMA_VERSION, "j-" + label + "-" + c.id() + "-" + e.getKey().path(), c.id(), e.getKey().path(),
                        e.getValue(), e.getValue() == RunKind.PARTICIPATIONS ? Optional.of(all) : Optional.empty(), now, "e2e-" + label, now);
                jobProducer.send(Topics.RECON_JOBS.in(prefix).rawRecord(key, job));
            }
        }
        jobProducer.flush();
        quiesce(label, partnerRuns);
        List<String> runs = new ArrayList<>();
        for (TopicWatch.MarkerSeen m : watch.markers()) {
            if (!before.contains(m.runId()) && !m.startedAt().isBefore(now)) {
                runs.add(m.runId());
            }
        }
        return runs;
    }

    /**
     * The barrier: returns when the partner's step is done, every job on recon.jobs was taken and
     * published, every run marker has its summary, the verifier, the sink and the reconciler have
     * consumed everything written to their inputs, the reconciler has no open sweep job, and a
     * second look finds nothing new. Fails at the deadline, naming what was still busy.
     */
    void quiesce(String label, List<Future<?>> partnerRuns) throws InterruptedException {
        long deadline = System.nanoTime() + settings.barrierTimeout().toNanos();
        String busy = "nothing checked yet";
        long seenBefore = -1;
        long dumpAt = System.nanoTime() + STALL_DUMP_AFTER.toNanos();
        long lastLook = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            waitedOn.merge(busy.replaceAll("\\d+", "N"), now - lastLook, Long::sum);
            lastLook = now;
            if (dumpAt > 0 && System.nanoTime() > dumpAt) {
                dumpStalledThreads(label, busy);
                dumpAt = 0;
            }
            if (!partnerRuns.stream().allMatch(Future::isDone)) {
                busy = "the reference partner sync's step";
                Thread.sleep(10);
                continue;
            }
            // A component still behind what the watch has seen so far is busy whatever the end offsets say: one
            // offsets request instead of an end-offsets read of every partition as well (the barrier polls for
            // the whole run, and its requests cost the broker the CPU the components need).
            Optional<String> early = busy();
            if (early.isPresent()) {
                busy = early.get();
                seenBefore = -1;
                Thread.sleep(BUSY_POLL_MILLIS);
                continue;
            }
            if (!watch.catchUp(deadline)) {
                busy = "the topic watch reading to the end";
                break;
            }
            long seen = watch.recordsSeen();
            Optional<String> b = busy();
            if (b.isEmpty() && seen == seenBefore) {
                return;
            }
            busy = b.orElse("records still arriving");
            seenBefore = b.isEmpty() ? seen : -1;
            Thread.sleep(b.isEmpty() ? 30 : BUSY_POLL_MILLIS);
        }
        throw new IllegalStateException("barrier '" + label + "' timed out after " + settings.barrierTimeout().toSeconds()
                + " s; still busy: " + busy);
    }

    /**
     * The stacks of the threads a stalled barrier usually waits for (poller workers, the producers'
     * network threads, the reconciler's stream threads, the sink, the verifier), logged once per
     * barrier that has waited this long: a timeout is then diagnosable from the log alone.
     */
    private void dumpStalledThreads(String label, String busy) {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, frames) -> {
            String n = t.getName();
            if (n.startsWith("poller-") || n.startsWith("kafka-producer-network-thread") || n.contains("StreamThread")
                    || n.startsWith("e2e-")) {
                out.append('\n').append('"').append(n).append("\" ").append(t.getState());
                for (int i = 0; i < Math.min(frames.length, 25); i++) {
                    out.append("\n    at ").append(frames[i]);
                }
            }
        });
        LOG.warn("barrier '{}' still waiting after {} s ({}); thread stacks:{}", label, STALL_DUMP_AFTER.toSeconds(), busy, out);
    }

    /** A consumer group the barrier waits for: what it is called in the barrier's figures, and the topics it reads. */
    private record Stage(String name, String group, List<String> topics) {
    }

    /** The groups the barrier waits for, in pipeline order (the first one behind is the one reported); built once. */
    private List<Stage> stages() {
        if (stages == null) {
            String deletions = Topics.RECON_DELETIONS.in(prefix).name();
            List<Stage> out = new ArrayList<>(List.of(
                    new Stage("poller workers (jobs on recon.jobs not done)", prefix + "vomo-recon-poller-workers",
                            List.of(Topics.RECON_JOBS.in(prefix).name())),
                    new Stage("deletion verifier", prefix + "vomo-recon-verifier", List.of(deletions)),
                    new Stage("corrections sink", prefix + "vomo-recon-sink",
                            List.of(Topics.RECON_GAPS.in(prefix).name(), Topics.RECON_DRIFT.in(prefix).name(), deletions))));
            reconciler.ifPresent(r -> {
                List<String> inputs = new ArrayList<>(List.of(Topics.VOMO_SNAPSHOTS.in(prefix).name(),
                        Topics.PARTNER_STATE.in(prefix).name(), Topics.EXTERNAL_STATE.in(prefix).name(),
                        Topics.RECON_DECISIONS.in(prefix).name()));
                inputs.addAll(r.internalInputTopics());
                out.add(new Stage("reconciler (inputs not consumed)", r.groupId(), List.copyOf(inputs)));
            });
            stages = List.copyOf(out);
        }
        return stages;
    }

    private Optional<String> busy() {
        // A group none of whose topics has a record yet is caught up, and is not asked for (it may not exist yet).
        Map<String, Map<TopicPartition, Long>> last = new LinkedHashMap<>();
        for (Stage st : stages()) {
            Map<TopicPartition, Long> l = watch.lastRecords(st.topics());
            if (!l.isEmpty()) {
                last.put(st.group(), l);
            }
        }
        Optional<Map<String, Map<TopicPartition, OffsetAndMetadata>>> committed = last.isEmpty()
                ? Optional.of(Map.of()) : committedOffsets(last.keySet());
        for (Stage st : stages()) {
            if (last.containsKey(st.group())
                    && (committed.isEmpty() || !caughtUp(committed.get().getOrDefault(st.group(), Map.of()), last.get(st.group())))) {
                return Optional.of(st.name());
            }
        }
        if (reconciler.isPresent()) {
            if (watch.openSweeps() > 0) {
                return Optional.of("reconciler (" + watch.openSweeps() + " sweep job(s) open)");
            }
            Map<String, RunSummary> summaries = watch.summaries();
            long missing = watch.markers().stream().filter(m -> !summaries.containsKey(m.runId())).count();
            if (missing > 0) {
                return Optional.of("reconciler (" + missing + " run(s) without a summary)");
            }
        }
        return Optional.empty();
    }

    /** The committed offsets of every group, in one request to the group coordinator; empty when they cannot be read now. */
    private Optional<Map<String, Map<TopicPartition, OffsetAndMetadata>>> committedOffsets(Set<String> groups) {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        try {
            return Optional.of(admin.listConsumerGroupOffsets(specs).all().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.debug("offsets of groups {} not readable yet: {}", groups, e.getCause().toString());
            return Optional.empty();
        }
    }

    /** Whether a group's committed offsets are past the last record the watch saw on every partition. */
    private static boolean caughtUp(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> last) {
        for (Map.Entry<TopicPartition, Long> e : last.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            if (c == null || c.offset() <= e.getValue()) {
                return false;
            }
        }
        return true;
    }

    // ---- what the scorer and the commands read ----

    public Sandbox sandbox() {
        return sandbox;
    }

    TopicWatch watch() {
        return watch;
    }

    public DataSource destination() {
        return destination;
    }

    /** Seconds the barriers waited so far, by what they waited for, longest first. */
    public String barrierWaits() {
        return waitedOn.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() / 1e9)).collect(java.util.stream.Collectors.joining("; "));
    }

    public List<HoldEvidence> holds() {
        return List.copyOf(holds);
    }

    /** The run ids of the final rounds that correct (the priming read and round 1). */
    public List<String> correctingRounds() {
        return List.copyOf(correctingRounds);
    }

    /** The run ids of the last final round, which must find nothing open. */
    public List<String> checkingRound() {
        return List.copyOf(checkingRound);
    }

    public boolean reconcilerRunning() {
        return reconciler.isPresent();
    }

    public ThrottleMeter meter() {
        return meter;
    }

    public E2eSettings settings() {
        return settings;
    }

    /** Steps in which poller jobs ran, and of those, steps in which the partner's requests were served too. */
    public int[] partnerThroughReconciliation() {
        return new int[]{stepsWithJobs.getOrDefault("steps", 0), stepsPartnerServed.getOrDefault("steps", 0)};
    }

    /** The run summaries on recon.runs as JSON lines, in the order they were written. */
    public void exportRunSummaries(Path file) throws java.io.IOException {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        try (var out = java.nio.file.Files.newBufferedWriter(file)) {
            for (RunSummary s : watch.summariesInOrder()) {
                out.write(io.vomorecon.schemas.Json.mapper().writeValueAsString(s));
                out.write('\n');
            }
        }
    }

    static String pollerAgent() {
        return VomoClient.USER_AGENT;
    }

    @Override
    public void close() {
        if (sink != null) {
            sink.stop();
            try {
                sink.awaitStopped(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        partnerPool.shutdownNow();
        List<AutoCloseable> reversed = new ArrayList<>(closeables);
        java.util.Collections.reverse(reversed);
        for (AutoCloseable c : reversed) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    static Map<String, Long> countBy(List<String> values) {
        Map<String, Long> out = new LinkedHashMap<>();
        values.forEach(v -> out.merge(v, 1L, Long::sum));
        return out;
    }
}
