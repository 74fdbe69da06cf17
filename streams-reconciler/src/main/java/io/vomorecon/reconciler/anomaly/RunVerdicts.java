package io.vomorecon.reconciler.anomaly;

import io.vomorecon.reconciler.config.AnomalyThresholds;
import io.vomorecon.reconciler.state.PartResult;
import io.vomorecon.reconciler.state.RunInfo;
import io.vomorecon.reconciler.state.RunPart;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Diagnosis;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.RunStatus;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.RunVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the parts of a run (one per partition) into its one summary and verdict: the run is
 * complete only if every partition was; deletions count only then; the anomaly rules decide
 * whether the findings are held. Pure; the aggregator processor stores and emits.
 */
public final class RunVerdicts {

    public static final int SCOPE_LIMIT = 100;

    private RunVerdicts() {
    }

    /** The summary, the diagnosis that holds the run (if any), and whether deletions may be released. */
    public record Outcome(RunSummary summary, Optional<Diagnosis> diagnosis, boolean deletionsAllowed,
                          Map<String, PartResult.ScheduleDiff> scheduleDiffs) {
    }

    public static Outcome summarise(List<RunPart> parts, AnomalyThresholds th, Collection<Double> peerGapRates,
                                    long runLevelFindings, Instant evaluatedAt) {
        List<RunPart> sorted = parts.stream().sorted(Comparator.comparingInt(p -> p.info().partition())).toList();
        RunInfo first = sorted.get(0).info();
        List<String> notes = new ArrayList<>();
        RunStatus status = RunStatus.COMPLETED;
        for (RunPart p : sorted) {
            RunInfo i = p.info();
            if (i.status() == RunStatus.ABORTED) {
                status = RunStatus.ABORTED;
            } else if (i.status() == RunStatus.COUNT_MISMATCH && status != RunStatus.ABORTED) {
                status = RunStatus.COUNT_MISMATCH;
                notes.add("partition " + i.partition() + ": marker announced " + i.announced() + " records, "
                        + i.received() + " arrived");
            }
        }
        first.abortReason().ifPresent(r -> notes.add("aborted: " + r));
        boolean deletionsAllowed = status == RunStatus.COMPLETED && first.runKind().exhaustive()
                && first.source() == RunSource.VOMO;
        if (first.source() == RunSource.VOMO && first.runKind().exhaustive() && !deletionsAllowed) {
            notes.add("no deletions derived: the run was " + status.name().toLowerCase().replace('_', ' ')
                    + ", and a partial scan must never delete");
        }

        Map<FindingKind, Long> findings = new EnumMap<>(FindingKind.class);
        Map<String, Long> driftFields = new TreeMap<>();
        Map<String, PartResult.ScheduleDiff> schedule = new TreeMap<>();
        long keysChecked = 0;
        long keysSeen = 0;
        long inFlight = 0;
        long errors = 0;
        long absent = 0;
        long announced = 0;
        long received = 0;
        long apiCalls = 0;
        Instant started = first.startedAt();
        Instant ended = first.endedAt();
        for (RunPart p : sorted) {
            PartResult r = p.result();
            r.findings().forEach((k, n) -> findings.merge(k, n, Long::sum));
            r.driftFields().forEach((f, n) -> driftFields.merge(f, n, Long::sum));
            r.scheduleDiffs().forEach((pid, d) -> schedule.merge(pid, d, PartResult.ScheduleDiff::plus));
            keysChecked += r.keysChecked();
            keysSeen += r.keysSeen();
            inFlight += r.inFlight();
            errors += r.errors();
            absent += r.absentRows();
            announced += p.info().announced();
            received += p.info().received();
            apiCalls = Math.max(apiCalls, p.info().apiCalls());
            started = p.info().startedAt().isBefore(started) ? p.info().startedAt() : started;
            ended = p.info().endedAt().isAfter(ended) ? p.info().endedAt() : ended;
        }
        if (!deletionsAllowed) {
            findings.remove(FindingKind.DELETION);
            findings.remove(FindingKind.ORPHAN_EXTERNAL);
            schedule.clear();
        }
        if (runLevelFindings > 0) {
            findings.merge(FindingKind.SCHEDULE_DRIFT, runLevelFindings, Long::sum);
        }
        if (errors > 0) {
            notes.add(errors + " key(s) could not be classified and went to recon.dlq");
        }
        if (absent > 0) {
            notes.add(absent + " destination row(s) not listed by this complete external run are now absent");
        }
        long gaps = findings.entrySet().stream().filter(e -> e.getKey().family() == FindingKind.Family.GAP)
                .mapToLong(Map.Entry::getValue).sum();
        long deletions = findings.getOrDefault(FindingKind.DELETION, 0L) + findings.getOrDefault(FindingKind.ORPHAN_EXTERNAL, 0L);
        long drift = findings.getOrDefault(FindingKind.DRIFT, 0L);
        double gapRate = keysSeen == 0 ? 0 : (double) gaps / keysSeen;

        List<Diagnosis> diagnoses = first.source() == RunSource.VOMO
                ? AnomalyRules.diagnose(new AnomalyRules.Totals(first.runKind(), keysSeen, gaps, deletions, drift, driftFields,
                deletionsAllowed), th, peerGapRates)
                : List.of();
        Optional<Diagnosis> diagnosis = diagnoses.stream().findFirst();
        diagnoses.stream().skip(1).forEach(d -> notes.add("also matched " + d.code() + ": " + d.explanation()));

        long total = findings.values().stream().mapToLong(Long::longValue).sum();
        RunVerdict verdict = diagnosis.isPresent() ? RunVerdict.ANOMALOUS
                : status != RunStatus.COMPLETED ? RunVerdict.INCOMPLETE
                : total > 0 ? RunVerdict.DEGRADED : RunVerdict.HEALTHY;
        long actions = diagnosis.isPresent() ? 0 : gaps + drift + findings.getOrDefault(FindingKind.SCHEDULE_DRIFT, 0L);
        List<String> scope = first.scope().size() > SCOPE_LIMIT ? first.scope().subList(0, SCOPE_LIMIT) : first.scope();
        RunSummary summary = new RunSummary(Topics.SCHEMA_VERSION, first.runId(), first.customer(), first.resource(),
                first.runKind(), first.source(), scope, first.scope().size(), first.window(), started, ended, evaluatedAt,
                status, announced, received, apiCalls, keysChecked, findings, inFlight, gapRate, actions, deletionsAllowed,
                verdict, diagnosis, notes);
        return new Outcome(summary, diagnosis, deletionsAllowed, schedule);
    }
}
