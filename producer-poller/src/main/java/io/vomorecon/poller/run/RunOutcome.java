package io.vomorecon.poller.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How a run ended, as published: status, the abort reason, records per partition, API cost and timing. */
public record RunOutcome(
        RunSpec spec,
        boolean completed,
        Optional<String> abortReason,
        List<Long> perPartition,
        long total,
        long duplicates,
        long rejected,
        long apiCalls,
        List<String> scope,
        Instant endedAt) {

    public RunOutcome {
        perPartition = List.copyOf(perPartition);
        scope = List.copyOf(scope);
    }

    public Duration duration() {
        return Duration.between(spec.startedAt(), endedAt);
    }

    /** One line for an operator (no personal data: ids and counts only). */
    public String describe() {
        return "run " + spec.runId() + " for " + spec.label() + (completed ? " completed: " : " ABORTED (" + abortReason.orElse("") + "): ")
                + total + " records (" + duplicates + " repeats dropped, " + rejected + " unusable to the DLQ), "
                + apiCalls + " API calls, per partition " + perPartition + ", scope of " + scope.size() + " entr"
                + (scope.size() == 1 ? "y" : "ies")
                + (completed ? "" : "; no deletions will be derived from it");
    }
}
