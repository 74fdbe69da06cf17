package io.vomorecon.reconciler.state;

import io.vomorecon.schemas.values.ReviewDecision;

/** A review decision on its way to the run aggregator. */
public record DecisionControl(ReviewDecision decision) implements RunControl {
    @Override
    public String runId() {
        return decision.runId();
    }
}
