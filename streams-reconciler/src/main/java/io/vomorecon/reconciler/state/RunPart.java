package io.vomorecon.reconciler.state;

/** One partition's closed, evaluated run: sent to the run aggregator (internal topic keyed by runId). */
public record RunPart(RunInfo info, PartResult result) implements RunControl {
    @Override
    public String runId() {
        return info.runId();
    }
}
