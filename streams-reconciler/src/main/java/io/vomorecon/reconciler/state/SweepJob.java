package io.vomorecon.reconciler.state;

import java.util.Optional;

/**
 * A unit of resumable work on one partition, with its cursor: evaluate a closed run's scope,
 * close an external run (rows it did not list become absent), delete a run's seen-markers, or
 * release / hold / discard a run's pending findings. One slice at a time from a punctuator.
 */
public record SweepJob(Phase phase, String runId, Optional<RunInfo> run, int scopeIndex, Optional<String> cursor,
                       PartResult result, Optional<VerdictNotice> notice) {

    public SweepJob {
        run = run == null ? Optional.empty() : run;
        cursor = cursor == null ? Optional.empty() : cursor;
        notice = notice == null ? Optional.empty() : notice;
    }

    public enum Phase { EVALUATE, CLOSE_EXTERNAL, CLEANUP, RELEASE, HOLD, DISCARD }

    public static SweepJob forRun(Phase phase, RunInfo run) {
        return new SweepJob(phase, run.runId(), Optional.of(run), 0, Optional.empty(), PartResult.empty(), Optional.empty());
    }

    public static SweepJob forNotice(Phase phase, VerdictNotice notice) {
        return new SweepJob(phase, notice.runId(), Optional.empty(), 0, Optional.empty(), PartResult.empty(), Optional.of(notice));
    }

    public String storeKey() {
        return storeKey(runId, phase);
    }

    /** The key of a run's job of one phase in the sweeps store. */
    public static String storeKey(String runId, Phase phase) {
        return runId + "#" + phase.name();
    }

    public SweepJob advanced(int scopeIndex, Optional<String> cursor, PartResult result) {
        return new SweepJob(phase, runId, run, scopeIndex, cursor, result, notice);
    }
}
