package io.vomorecon.reconciler.topology;

import io.vomorecon.reconciler.anomaly.RunVerdicts;
import io.vomorecon.reconciler.classify.FindingLife;
import io.vomorecon.reconciler.config.AnomalyThresholds;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.reconciler.errors.DeadLetters;
import io.vomorecon.reconciler.review.DecisionSigner;
import io.vomorecon.reconciler.state.DailyGaps;
import io.vomorecon.reconciler.state.DecisionControl;
import io.vomorecon.reconciler.state.KeyFindings;
import io.vomorecon.reconciler.state.PartResult;
import io.vomorecon.reconciler.state.RunAggregate;
import io.vomorecon.reconciler.state.RunControl;
import io.vomorecon.reconciler.state.RunInfo;
import io.vomorecon.reconciler.state.RunPart;
import io.vomorecon.reconciler.state.VerdictNotice;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Alert;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.ReviewDecision;
import io.vomorecon.schemas.values.ReviewItem;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.RunVerdict;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task for every run (its input topic has one partition): collects a run's parts until all
 * partitions reported, writes the run's one summary, decides the verdict (anomaly rules with
 * the customer's thresholds and the other customers' gap rates), tells every partition to
 * release or hold, raises alerts, owns schedule drift (a project's dates span partitions), and
 * applies authenticated review decisions exactly once.
 */
final class RunAggregator implements Processor<String, RunControl, String, Out> {

    private static final Logger LOG = LoggerFactory.getLogger(RunAggregator.class);

    private final ReconcilerConfig config;
    private final Clock clock;
    private final Optional<DecisionSigner> signer;
    private ProcessorContext<String, Out> ctx;
    private KeyValueStore<String, RunAggregate> runs;
    private KeyValueStore<String, Double> gapRates;
    private KeyValueStore<String, DailyGaps> daily;
    private KeyValueStore<String, KeyFindings> schedule;

    RunAggregator(ReconcilerConfig config, Clock clock, Optional<DecisionSigner> signer) {
        this.config = config;
        this.clock = clock;
        this.signer = signer;
    }

    @Override
    public void init(ProcessorContext<String, Out> context) {
        ctx = context;
        runs = context.getStateStore(StoreNames.RUN_AGGREGATES);
        gapRates = context.getStateStore(StoreNames.GAP_RATES);
        daily = context.getStateStore(StoreNames.DAILY_GAPS);
        schedule = context.getStateStore(StoreNames.SCHEDULE_FINDINGS);
    }

    @Override
    public void process(Record<String, RunControl> r) {
        if (r.value() instanceof RunPart part) {
            part(part);
        } else if (r.value() instanceof DecisionControl d) {
            decide(r, d.decision());
        }
    }

    private void part(RunPart part) {
        String runId = part.runId();
        RunAggregate agg = Optional.ofNullable(runs.get(runId)).orElse(RunAggregate.empty());
        if (agg.summary().isPresent()) {
            LOG.info("run {}: part of partition {} arrived after the summary; ignored", runId, part.info().partition());
            return;
        }
        agg = agg.withPart(part);
        if (agg.parts().size() < part.info().partitions()) {
            runs.put(runId, agg);
            return;
        }
        finish(runId, new ArrayList<>(agg.parts().values()));
    }

    private void finish(String runId, List<RunPart> parts) {
        RunInfo info = parts.get(0).info();
        AnomalyThresholds th = config.anomaly().forCustomer(info.customer());
        List<Double> peers = new ArrayList<>();
        try (KeyValueIterator<String, Double> it = gapRates.all()) {
            it.forEachRemaining(kv -> {
                if (!kv.key.equals(info.customer())) {
                    peers.add(kv.value);
                }
            });
        }
        Instant now = clock.instant();
        RunVerdicts.Outcome first = RunVerdicts.summarise(parts, th, peers, 0, now);
        List<Finding> scheduleEmissions = new ArrayList<>();
        long scheduleDrifts = 0;
        if (info.runKind() == RunKind.SCHEDULE && first.deletionsAllowed()) {
            scheduleDrifts = scheduleFindings(info, first.scheduleDiffs(), scheduleEmissions);
        }
        RunVerdicts.Outcome outcome = scheduleDrifts == 0 ? first : RunVerdicts.summarise(parts, th, peers, scheduleDrifts, now);
        RunSummary summary = outcome.summary();
        if (info.source() == RunSource.VOMO && summary.verdict() != RunVerdict.INCOMPLETE && countedKeys(parts) >= th.minKeys()) {
            gapRates.put(info.customer(), summary.gapRate());
        }
        ctx.forward(new Record<>(runId, new Out.SummaryOut(summary), clock.millis()));
        LOG.info("run {} for {}/{} ({}): verdict {}{}, {} keys checked, findings {}, gap rate {}%",
                runId, info.customer(), info.resource(), info.runKind(), summary.verdict(),
                summary.diagnosis().map(d -> " (" + d.code() + d.field().map(f -> " on " + f).orElse("") + ")").orElse(""),
                summary.keysChecked(), summary.findings(), String.format("%.2f", 100 * summary.gapRate()));
        if (outcome.diagnosis().isPresent()) {
            notice(runId, VerdictNotice.Action.HOLD, outcome, info);
            for (Finding f : scheduleEmissions) {
                if (f.status() != FindingStatus.RESOLVED) {
                    ctx.forward(new Record<>(runId, new Out.ReviewOut(new ReviewItem(Topics.SCHEMA_VERSION, runId, info.customer(),
                            info.resource(), outcome.diagnosis().get(), f, now)), clock.millis()));
                }
            }
            alert(info, Alert.AlertKind.RUN_HELD, Alert.Severity.CRITICAL, "run " + runId + " held for review: "
                    + outcome.diagnosis().get().explanation(), Optional.empty(), Optional.empty(), runId);
            runs.put(runId, RunAggregate.empty().summarised(summary, scheduleEmissions));
            return;
        }
        notice(runId, VerdictNotice.Action.RELEASE, outcome, info);
        releaseSchedule(scheduleEmissions);
        runs.put(runId, RunAggregate.empty().summarised(summary, List.of()));
        if (summary.verdict() == RunVerdict.INCOMPLETE) {
            alert(info, Alert.AlertKind.RUN_INCOMPLETE, Alert.Severity.WARNING, "run " + runId + " was " + summary.status()
                    + "; " + String.join("; ", summary.notes()), Optional.empty(), Optional.empty(), runId);
        }
        if (info.source() == RunSource.VOMO) {
            dailyGapRate(info, summary, countedKeys(parts));
        }
    }

    private static long countedKeys(List<RunPart> parts) {
        return parts.stream().mapToLong(p -> p.result().keysSeen()).sum();
    }

    private void notice(String runId, VerdictNotice.Action action, RunVerdicts.Outcome o, RunInfo info) {
        ctx.forward(new Record<>(runId, new Out.NoticeOut(new VerdictNotice(runId, action, o.deletionsAllowed(), o.diagnosis(),
                info.customer(), info.resource(), clock.instant())), clock.millis()));
        // The summary and the notice become visible when this transaction commits: now, not at the (long) commit interval.
        ctx.commit();
    }

    /** Schedule drift per project in the run's scope: open when the date sets differ, resolved when they agree again. */
    private long scheduleFindings(RunInfo info, Map<String, PartResult.ScheduleDiff> diffs, List<Finding> out) {
        long drifting = 0;
        for (String entry : info.scope()) {
            if (!entry.endsWith("/")) {
                continue;
            }
            RecordKey scope;
            try {
                scope = RecordKey.parse(entry.substring(0, entry.length() - 1));
            } catch (IllegalArgumentException e) {
                LOG.warn("run {}: scope entry {} is not a project prefix; no schedule drift for it", info.runId(), entry);
                continue;
            }
            String projectId = scope.id();
            String projectKey = RecordKey.of(info.customer(), Resource.PROJECTS, projectId).encode();
            KeyFindings open = Optional.ofNullable(schedule.get(projectKey)).orElse(KeyFindings.none());
            PartResult.ScheduleDiff d = diffs.get(projectId);
            if (d != null && !d.isEmpty()) {
                drifting++;
                Finding f = new Finding(Topics.SCHEMA_VERSION, FindingLife.findingId(projectKey, FindingKind.SCHEDULE_DRIFT),
                        FindingKind.SCHEDULE_DRIFT, FindingStatus.OPEN, Optional.empty(), info.customer(),
                        Resource.PROJECTS.path(), projectKey, info.runId(), info.runKind(), info.endedAt(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                        Map.of("projectId", projectId, "addedDates", String.join(",", d.added()),
                                "removedDates", String.join(",", d.removed())), Optional.empty());
                if (FindingLife.changes(open, f)) {
                    out.add(f);
                }
            } else {
                open.get(FindingKind.SCHEDULE_DRIFT).ifPresent(f -> {
                    Map<String, String> details = new HashMap<>(f.details());
                    details.put("resolvedBy", "dates agree in run " + info.runId());
                    out.add(new Finding(f.schemaVersion(), f.findingId(), f.kind(), FindingStatus.RESOLVED, f.verdict(),
                            f.customer(), f.resource(), f.key(), f.runId(), f.runKind(), f.detectedAt(), f.vomoVersion(),
                            f.vomoHash(), f.partnerVersion(), f.partnerHash(), f.vomoRecord(), f.fieldDiffs(), details,
                            Optional.of(info.endedAt())));
                });
            }
        }
        return drifting;
    }

    private void releaseSchedule(List<Finding> emissions) {
        for (Finding f : emissions) {
            KeyFindings open = Optional.ofNullable(schedule.get(f.key())).orElse(KeyFindings.none());
            if (!FindingLife.changes(open, f)) {
                continue;
            }
            KeyFindings next = open.with(f);
            if (next.isEmpty()) {
                schedule.delete(f.key());
            } else {
                schedule.put(f.key(), next);
            }
            ctx.forward(new Record<>(f.key(), new Out.FindingOut(f), clock.millis()));
        }
    }

    private void dailyGapRate(RunInfo info, RunSummary s, long seen) {
        if (s.verdict() == RunVerdict.INCOMPLETE) {
            return;
        }
        String day = s.completedAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
        String key = info.customer() + "/" + day;
        long gaps = s.findings().entrySet().stream().filter(e -> e.getKey().family() == FindingKind.Family.GAP)
                .mapToLong(Map.Entry::getValue).sum();
        DailyGaps d = Optional.ofNullable(daily.get(key)).orElse(new DailyGaps(0, 0, false)).plus(gaps, seen);
        double threshold = config.anomaly().dailyGapRateAlert();
        if (!d.alerted() && d.keys() > 0 && d.rate() > threshold) {
            alert(info, Alert.AlertKind.GAP_RATE_HIGH, Alert.Severity.WARNING, String.format(
                    "daily gap rate of %s on %s is %.2f %% (%d gaps in %d records), above %.2f %%", info.customer(), day,
                    100 * d.rate(), d.gaps(), d.keys(), 100 * threshold), Optional.of(d.rate()), Optional.of(threshold), day);
            d = new DailyGaps(d.gaps(), d.keys(), true);
        }
        daily.put(key, d);
    }

    private void alert(RunInfo info, Alert.AlertKind kind, Alert.Severity severity, String message, Optional<Double> value,
                       Optional<Double> threshold, String discriminator) {
        Alert a = new Alert(Topics.SCHEMA_VERSION, ContentHash.stableId(info.customer(), kind.name(), discriminator),
                info.customer(), Optional.of(info.resource()), kind, severity, Optional.of(info.runId()), message, value,
                threshold, clock.instant());
        ctx.forward(new Record<>(info.customer(), new Out.AlertOut(a), clock.millis()));
    }

    private void decide(Record<String, RunControl> r, ReviewDecision d) {
        if (signer.isEmpty() || !signer.get().verifies(d)) {
            refuse(r, d, signer.isEmpty() ? "no admin secret is configured, so no decision can be authenticated"
                    : "decision is not signed with the admin secret");
            return;
        }
        RunAggregate agg = runs.get(d.runId());
        if (agg == null || agg.summary().isEmpty()) {
            refuse(r, d, "no summary exists for run " + d.runId());
            return;
        }
        RunSummary s = agg.summary().get();
        if (s.verdict() != RunVerdict.ANOMALOUS) {
            LOG.info("decision {} by {} on run {} ignored: the run is {} and nothing is held", d.decision(), d.operator(),
                    d.runId(), s.verdict());
            return;
        }
        if (agg.decision().isPresent()) {
            LOG.info("decision {} by {} on run {} ignored: already decided ({})", d.decision(), d.operator(), d.runId(),
                    agg.decision().get());
            return;
        }
        boolean approve = d.decision() == ReviewDecision.Decision.APPROVE;
        String note = "review: " + (approve ? "APPROVED" : "REJECTED") + " by " + d.operator() + " at " + d.decidedAt()
                + " (decision " + d.decisionId().substring(0, Math.min(24, d.decisionId().length())) + "): " + d.reason();
        List<String> notes = new ArrayList<>(s.notes());
        notes.add(note);
        long actions = approve ? s.findings().entrySet().stream().filter(e -> e.getKey().family() != FindingKind.Family.DELETION)
                .mapToLong(Map.Entry::getValue).sum() : 0;
        RunSummary updated = new RunSummary(s.schemaVersion(), s.runId(), s.customer(), s.resource(), s.runKind(), s.source(),
                s.scope(), s.scopeSize(), s.window(), s.startedAt(), s.completedAt(), s.evaluatedAt(), s.status(),
                s.recordsAnnounced(), s.recordsReceived(), s.apiCalls(), s.keysChecked(), s.findings(), s.inFlight(), s.gapRate(),
                actions, s.deletionsDerived(), s.verdict(), s.diagnosis(), notes);
        ctx.forward(new Record<>(d.runId(), new Out.SummaryOut(updated), clock.millis()));
        ctx.forward(new Record<>(d.runId(), new Out.NoticeOut(new VerdictNotice(d.runId(),
                approve ? VerdictNotice.Action.RELEASE : VerdictNotice.Action.DISCARD, s.deletionsDerived(), s.diagnosis(),
                s.customer(), s.resource(), clock.instant())), clock.millis()));
        ctx.commit();
        if (approve) {
            releaseSchedule(agg.heldFindings());
        }
        runs.put(d.runId(), agg.decided(note, updated));
        LOG.info("run {} {} by operator {}: {}", d.runId(), approve ? "approved, held findings released" : "rejected, held findings discarded",
                d.operator(), d.reason());
    }

    private void refuse(Record<String, RunControl> r, ReviewDecision d, String reason) {
        LOG.warn("review decision on run {} by {} refused: {}", d.runId(), d.operator(), reason);
        ctx.forward(new Record<>(d.runId() == null ? "unknown" : d.runId(), new Out.DeadLetterOut(DeadLetters.of(
                Topics.RECON_DECISIONS.in(config.topicPrefix()).name(), Optional.empty(), Optional.empty(), Optional.ofNullable(d.runId()), reason, null,
                Topics.RECON_DECISIONS.valueSerde().encode(d), Map.of("stage", "review"), clock.instant())), r.timestamp()));
    }

}
