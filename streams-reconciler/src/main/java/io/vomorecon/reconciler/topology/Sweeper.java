package io.vomorecon.reconciler.topology;

import io.vomorecon.reconciler.classify.Classification;
import io.vomorecon.reconciler.classify.Classifier;
import io.vomorecon.reconciler.classify.Evaluation;
import io.vomorecon.reconciler.classify.FindingLife;
import io.vomorecon.reconciler.classify.KeyState;
import io.vomorecon.reconciler.classify.RunRef;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.reconciler.errors.DeadLetters;
import io.vomorecon.reconciler.state.KeyFindings;
import io.vomorecon.reconciler.state.PartResult;
import io.vomorecon.reconciler.state.PendingFindings;
import io.vomorecon.reconciler.state.RunInfo;
import io.vomorecon.reconciler.state.RunPart;
import io.vomorecon.reconciler.state.RunProgress;
import io.vomorecon.reconciler.state.SweepJob;
import io.vomorecon.reconciler.state.VerdictNotice;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.FieldDiff;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.ReviewItem;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the queued sweep jobs of one partition in bounded slices (a time budget and a key
 * budget per punctuation), so no transaction stays open anywhere near the EOS timeout. Every
 * slice writes its cursor and partial counts to the sweeps store in the same transaction as the
 * pending findings and outputs it produced; a restart resumes exactly after the last committed
 * key. It never evaluates a run inside {@code process()}.
 */
final class Sweeper {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final ProcessorContext<String, Out> ctx;
    private final PartitionState state;
    private final ReconcilerConfig config;
    private final Clock clock;

    Sweeper(ProcessorContext<String, Out> ctx, PartitionState state, ReconcilerConfig config, Clock clock) {
        this.ctx = ctx;
        this.state = state;
        this.config = config;
        this.clock = clock;
    }

    /** A slice's allowance; the monotonic clock only measures the slice's own duration. */
    private static final class Budget {
        private final long deadline;
        private long keysLeft;

        Budget(ReconcilerConfig.Sweep s) {
            deadline = System.nanoTime() + s.sliceBudget().toNanos();
            keysLeft = s.sliceMaxKeys();
        }

        boolean spent() {
            return keysLeft <= 0 || timeUp();
        }

        boolean timeUp() {
            return System.nanoTime() >= deadline;
        }

        void use() {
            keysLeft--;
        }
    }

    /**
     * How long a VOMO run's evaluation waits at most for the destination read its job published
     * with it. The read is committed before the VOMO run, so it comes; the bound keeps a lost
     * read (a topic truncated, a record past retention) from holding the run for ever.
     */
    static final Duration PAIRED_READ_MAX_WAIT = Duration.ofMinutes(5);

    void tick(long wallMillis) {
        List<SweepJob> jobs = new ArrayList<>();
        try (KeyValueIterator<String, SweepJob> it = state.sweeps.all()) {
            it.forEachRemaining(kv -> jobs.add(kv.value));
        }
        if (jobs.isEmpty()) {
            return;
        }
        Budget budget = new Budget(config.sweep());
        // Forgetting what a finished run saw is housekeeping: it gets only the budget that evaluations and releases
        // leave over, so its deletes never delay a summary or findings, yet a steady stream of small runs cannot
        // starve it (each of them finishes within a slice and leaves budget).
        jobs.sort(java.util.Comparator.comparing(j -> j.phase() == SweepJob.Phase.CLEANUP));
        for (SweepJob job : jobs) {
            if (budget.spent()) {
                return;
            }
            switch (job.phase()) {
                case EVALUATE -> {
                    if (!awaitingDestination(job, wallMillis)) {
                        evaluate(job, budget);
                    }
                }
                case CLOSE_EXTERNAL -> closeExternal(job, budget);
                case CLEANUP -> cleanup(job, budget);
                case RELEASE, HOLD, DISCARD -> pending(job, budget);
            }
        }
    }

    // ---- EVALUATE: classify every key of a closed VOMO run's scope ----

    /**
     * Whether a VOMO run's evaluation still waits for the destination read its job published just
     * before it (its markers name it, {@link io.vomorecon.schemas.topics.Topics#PAIRED_RUN_HEADER}):
     * the read is in once its run is closed on this partition and its CLOSE_EXTERNAL job is done.
     * Kafka Streams takes a task's input partitions in timestamp order only for records it knows
     * are on the broker; a fetch that brings the VOMO run's records before the read's lets the
     * VOMO run close first, and its keys would be compared with the destination as an older read
     * saw it (a push since then left "in flight" instead of judged).
     */
    private boolean awaitingDestination(SweepJob job, long wallMillis) {
        String waiting = state.awaiting.get(job.runId());
        if (waiting == null) {
            return false;
        }
        int cut = waiting.lastIndexOf(' ');
        String paired = waiting.substring(0, cut);
        long since = Long.parseLong(waiting.substring(cut + 1));
        RunProgress read = state.runs.get(paired);
        boolean in = read != null && read.closedAs().isPresent()
                && state.sweeps.get(SweepJob.storeKey(paired, SweepJob.Phase.CLOSE_EXTERNAL)) == null;
        if (in) {
            state.awaiting.delete(job.runId());
            return false;
        }
        if (wallMillis - since >= PAIRED_READ_MAX_WAIT.toMillis()) {
            LOG.warn("run {}: the destination read {} published with it did not arrive within {}; evaluating without it",
                    job.runId(), paired, PAIRED_READ_MAX_WAIT);
            state.awaiting.delete(job.runId());
            return false;
        }
        return true;
    }

    private void evaluate(SweepJob job, Budget budget) {
        RunInfo run = job.run().orElseThrow();
        Evaluation eval = new Evaluation(run.endedAt(), config.grace(), run.mayDeriveDeletions());
        RunRef ref = new RunRef(run.runId(), run.runKind(), run.endedAt());
        PartResult.Builder acc = new PartResult.Builder(job.result());
        if (eval.deletionsAllowed()) {
            int i = job.scopeIndex();
            Optional<String> cursor = job.cursor();
            while (i < run.scope().size()) {
                String entry = run.scope().get(i);
                if (entry.endsWith("/")) {
                    try (MergedScan scan = scanAll(run.runId(), entry, cursor)) {
                        while (scan.hasNext()) {
                            if (budget.spent()) {
                                save(job.advanced(i, cursor, acc.build()));
                                return;
                            }
                            MergedScan.Row row = scan.next();
                            KeyFindings f = row.get(3);
                            evaluateKey(new KeyState(row.key(), null, Optional.ofNullable(row.get(0)), row.get(4) != null,
                                    Optional.ofNullable(row.get(1)), Optional.ofNullable(row.get(2))), f, run, eval, ref, acc);
                            budget.use();
                            cursor = Optional.of(row.key());
                        }
                    }
                } else {
                    if (budget.spent()) {
                        save(job.advanced(i, Optional.empty(), acc.build()));
                        return;
                    }
                    String key = entry;
                    boolean seen = state.runSeen.get(PartitionState.seenKey(run.runId(), key)) != null;
                    if (onThisPartition(key)) {
                        evaluateKey(new KeyState(key, null, Optional.ofNullable(state.vomo.get(key)), seen,
                                Optional.ofNullable(state.partner.get(key)), Optional.ofNullable(state.external.get(key))),
                                state.findings.get(key), run, eval, ref, acc);
                    }
                    budget.use();
                }
                i++;
                cursor = Optional.empty();
            }
        } else {
            Optional<String> cursor = job.cursor();
            String prefix = run.runId() + "/";
            try (KeyValueIterator<String, String> it = state.runSeen.range(
                    cursor.map(c -> prefix + c + "\u0000").orElse(prefix), null)) {
                while (it.hasNext()) {
                    KeyValue<String, String> kv = it.next();
                    if (!kv.key.startsWith(prefix)) {
                        break;
                    }
                    if (budget.spent()) {
                        save(job.advanced(0, cursor, acc.build()));
                        return;
                    }
                    String key = kv.key.substring(prefix.length());
                    evaluateKey(new KeyState(key, null, Optional.ofNullable(state.vomo.get(key)), true,
                            Optional.ofNullable(state.partner.get(key)), Optional.ofNullable(state.external.get(key))),
                            state.findings.get(key), run, eval, ref, acc);
                    budget.use();
                    cursor = Optional.of(key);
                }
            }
        }
        finishRun(job, run, acc.build());
    }

    /**
     * An exact-key scope entry (AUDIT_SAMPLE) is listed on every partition's marker; only the
     * partition that owns the key may judge it, or every other partition would call it deleted.
     */
    private boolean onThisPartition(String key) {
        return state.vomo.get(key) != null || state.partner.get(key) != null || state.external.get(key) != null
                || state.findings.get(key) != null;
    }

    private MergedScan scanAll(String runId, String scopePrefix, Optional<String> after) {
        return new MergedScan()
                .add(state.vomo, "", scopePrefix, after)
                .add(state.partner, "", scopePrefix, after)
                .add(state.external, "", scopePrefix, after)
                .add(state.findings, "", scopePrefix, after)
                .add(state.runSeen, runId + "/", scopePrefix, after);
    }

    private void evaluateKey(KeyState raw, KeyFindings findings, RunInfo run, Evaluation eval, RunRef ref, PartResult.Builder acc) {
        Resource resource;
        try {
            resource = ResourcePaths.require(RecordKey.parse(raw.key()).resource());
        } catch (IllegalArgumentException e) {
            keyError(raw.key(), run, "stored key is not a record key: " + e.getMessage(), e, acc);
            return;
        }
        KeyState s = new KeyState(raw.key(), resource, raw.vomo(), raw.seenInRun(), raw.partner(), raw.external());
        try {
            Classification c = Classifier.classify(s, eval);
            if (c instanceof Classification.NotEvaluated) {
                return;
            }
            acc.checked(s.seenInRun());
            if (c instanceof Classification.Found found) {
                acc.found(found.kind(), found.kind() == FindingKind.DRIFT
                        ? found.diffs().stream().map(FieldDiff::field).toList() : List.of());
            } else if (c instanceof Classification.InFlight) {
                acc.inFlight();
            }
            if (run.runKind() == RunKind.SCHEDULE && resource == Resource.PROJECT_DATES) {
                scheduleDiff(s, eval, acc);
            }
            List<Finding> emissions = FindingLife.afterRun(s, c, findings == null ? KeyFindings.none() : findings, ref);
            if (!emissions.isEmpty()) {
                boolean derived = !s.seenInRun();
                state.pending.put(PartitionState.seenKey(run.runId(), s.key()), new PendingFindings(
                        emissions.stream().map(f -> new PendingFindings.Pending(f, derived)).toList()));
            }
        } catch (RuntimeException e) {
            keyError(s.key(), run, DeadLetters.reasonOf(e), e, acc);
        }
    }

    private void scheduleDiff(KeyState s, Evaluation eval, PartResult.Builder acc) {
        List<String> ids = RecordKey.parse(s.key()).idPath();
        String project = ids.get(0);
        String date = ids.get(ids.size() - 1);
        if (s.seenInRun() && !s.partnerLive()) {
            acc.schedule(project, new PartResult.ScheduleDiff(List.of(date), List.of()));
        } else if (!s.seenInRun() && eval.deletionsAllowed() && s.partnerLive()) {
            acc.schedule(project, new PartResult.ScheduleDiff(List.of(), List.of(date)));
        }
    }

    private void keyError(String key, RunInfo run, String reason, Throwable e, PartResult.Builder acc) {
        acc.error();
        LOG.warn("run {}: key {} could not be classified ({}); sent to the DLQ, sweep goes on", run.runId(), key, reason);
        ctx.forward(new Record<>(key, new Out.DeadLetterOut(DeadLetters.of("(sweep of run " + run.runId() + ")",
                Optional.empty(), Optional.empty(), Optional.of(key), reason, e, null,
                Map.of("stage", "evaluation", "runId", run.runId()), clock.instant())), clock.millis()));
    }

    // ---- CLOSE_EXTERNAL: rows a complete external run did not list are absent ----

    /**
     * A complete destination read is evidence about every key of its scope, listed or not: an
     * unlisted row is absent, and so is the row of a key the partner says it pushed but the
     * destination never held (without an absent row for it, E would stay missing and the failed
     * push could never be proven). The absence is dated at the run's start: the read's snapshot of
     * the destination is taken after it, so the row was absent then, while a push made during the
     * read may still have landed.
     */
    private void closeExternal(SweepJob job, Budget budget) {
        RunInfo run = job.run().orElseThrow();
        PartResult.Builder acc = new PartResult.Builder(job.result());
        if (run.status() == RunStatus.COMPLETED) {
            int i = job.scopeIndex();
            Optional<String> cursor = job.cursor();
            while (i < run.scope().size()) {
                String entry = run.scope().get(i);
                String scopePrefix = entry;
                try (MergedScan scan = new MergedScan()
                        .add(state.external, "", scopePrefix, cursor)
                        .add(state.runSeen, run.runId() + "/", scopePrefix, cursor)
                        .add(state.partner, "", scopePrefix, cursor)) {
                    while (scan.hasNext()) {
                        if (budget.spent()) {
                            save(job.advanced(i, cursor, acc.build()));
                            return;
                        }
                        MergedScan.Row row = scan.next();
                        ExternalRow e = row.get(0);
                        boolean seen = row.get(1) != null;
                        PartnerState p = row.get(2);
                        if (entry.endsWith("/") || row.key().equals(entry)) {
                            closeKey(row.key(), e, seen, p, run, acc);
                        }
                        budget.use();
                        cursor = Optional.of(row.key());
                    }
                }
                i++;
                cursor = Optional.empty();
            }
        } else {
            for (long n = 0; n < run.received(); n++) {
                acc.checked(true);
            }
        }
        finishRun(job, run, acc.build());
    }

    private void closeKey(String key, ExternalRow e, boolean seen, PartnerState p, RunInfo run, PartResult.Builder acc) {
        boolean pushed = p != null && p.pushed() && !p.deleted();
        if (e != null) {
            acc.checked(seen);
            // A row written after the read started (by the sink) is newer than what the read could see: kept.
            if (seen || !e.observedAt().isBefore(run.startedAt())) {
                return;
            }
            if (e.present()) {
                markAbsent(key, e.customer(), e.resource(), e.externalId(), run, true, acc);
            } else if (pushed && !e.observedAt().isAfter(p.processedAt())) {
                // Already absent, but dated before the partner's latest push: this read is the newer proof.
                markAbsent(key, e.customer(), e.resource(), e.externalId(), run, false, acc);
            }
        } else if (pushed && !seen) {
            acc.checked(false);
            markAbsent(key, p.customer(), p.resource(), Optional.empty(), run, true, acc);
        }
    }

    private void markAbsent(String key, String customer, String resource, Optional<String> externalId, RunInfo run,
                            boolean newlyAbsent, PartResult.Builder acc) {
        state.external.put(key, new ExternalRow(Topics.SCHEMA_VERSION, Optional.of(run.runId()), customer, resource, key,
                ExternalRow.ExternalSource.READER, false, Map.of(), Optional.empty(), false, false, externalId, run.startedAt()));
        if (newlyAbsent) {
            acc.absentRow();
        }
        Resource r = ResourcePaths.require(RecordKey.parse(key).resource());
        for (Finding f : state.reevaluate(key, r, run.endedAt(), "external run " + run.runId() + " did not list the row")) {
            ctx.forward(new Record<>(f.key(), new Out.FindingOut(f), clock.millis()));
        }
    }

    private void finishRun(SweepJob job, RunInfo run, PartResult result) {
        state.sweeps.delete(job.storeKey());
        SweepJob cleanup = SweepJob.forRun(SweepJob.Phase.CLEANUP, run);
        state.sweeps.put(cleanup.storeKey(), cleanup);
        ctx.forward(new Record<>(run.runId(), new Out.ControlOut(new RunPart(run, result)), clock.millis()));
        // The aggregator reads the part only once this transaction commits: ask for the commit now instead of
        // waiting for the commit interval (docs/reconciler.md, commit-interval).
        ctx.commit();
        LOG.info("run {} evaluated on partition {}: {} keys checked ({} read by the run), findings {}, {} in flight, {} errors",
                run.runId(), run.partition(), result.keysChecked(), result.keysSeen(), result.findings(), result.inFlight(),
                result.errors());
    }

    // ---- CLEANUP: forget which keys the run saw ----

    private void cleanup(SweepJob job, Budget budget) {
        String prefix = job.runId() + "/";
        List<String> batch = new ArrayList<>();
        boolean more = false;
        // A tenth of the key budget: each key is a RocksDB tombstone and a changelog record, and a burst of them
        // stalled RocksDB writes long enough (17 s on this machine) for the EOS transaction to time out.
        long cap = Math.max(1, config.sweep().sliceMaxKeys() / 10);
        try (KeyValueIterator<String, String> it = state.runSeen.range(prefix, null)) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                if (!kv.key.startsWith(prefix)) {
                    break;
                }
                if (budget.spent() || batch.size() >= cap) {
                    more = true;
                    break;
                }
                batch.add(kv.key);
                budget.use();
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            // The deletes themselves are within the slice's time too (a RocksDB write can stall under load).
            if (i > 0 && budget.timeUp()) {
                more = true;
                break;
            }
            state.runSeen.delete(batch.get(i));
        }
        if (!more) {
            state.sweeps.delete(job.storeKey());
        }
    }

    // ---- RELEASE / HOLD / DISCARD the pending findings of a run ----

    private void pending(SweepJob job, Budget budget) {
        VerdictNotice notice = job.notice().orElseThrow();
        String prefix = job.runId() + "/";
        Optional<String> cursor = job.cursor();
        List<KeyValue<String, PendingFindings>> batch = new ArrayList<>();
        boolean more = false;
        try (KeyValueIterator<String, PendingFindings> it = state.pending.range(
                cursor.map(c -> prefix + c + "\u0000").orElse(prefix), null)) {
            while (it.hasNext()) {
                KeyValue<String, PendingFindings> kv = it.next();
                if (!kv.key.startsWith(prefix)) {
                    break;
                }
                if (budget.spent()) {
                    more = true;
                    break;
                }
                batch.add(kv);
                budget.use();
            }
        }
        int done = 0;
        for (KeyValue<String, PendingFindings> kv : batch) {
            // Applying and forwarding is the slow part (findings store, contract encoding with V's record): it must
            // fit the slice's time as well, or three tasks' releases in one thread loop outlast the EOS transaction
            // timeout (seen at 200k keys under load: the transaction was aborted and the tasks restored).
            if (done > 0 && budget.timeUp()) {
                more = true;
                break;
            }
            String key = kv.key.substring(prefix.length());
            List<Finding> kept = kv.value.findings().stream()
                    .filter(p -> notice.deletionsAllowed() || !p.deletionDerived())
                    .map(PendingFindings.Pending::finding).toList();
            switch (job.phase()) {
                case RELEASE -> {
                    for (Finding f : state.apply(key, kept)) {
                        ctx.forward(new Record<>(f.key(), new Out.FindingOut(f), clock.millis()));
                    }
                    state.pending.delete(kv.key);
                }
                case HOLD -> {
                    for (Finding f : kept) {
                        if (f.status() != FindingStatus.RESOLVED) {
                            ctx.forward(new Record<>(job.runId(), new Out.ReviewOut(new ReviewItem(Topics.SCHEMA_VERSION,
                                    job.runId(), notice.customer(), notice.resource(), notice.diagnosis().orElseThrow(), f,
                                    clock.instant())), clock.millis()));
                        }
                    }
                }
                default -> state.pending.delete(kv.key);
            }
            cursor = Optional.of(key);
            done++;
        }
        if (more) {
            save(job.advanced(0, cursor, job.result()));
        } else {
            state.sweeps.delete(job.storeKey());
            ctx.commit();
            LOG.info("run {}: pending findings {} on this partition", job.runId(), switch (job.phase()) {
                case RELEASE -> "released to the action topics";
                case HOLD -> "held for review on recon.review";
                default -> "discarded";
            });
        }
    }

    private void save(SweepJob job) {
        state.sweeps.put(job.storeKey(), job);
    }
}
