package io.vomorecon.reconciler.state;

import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.RunSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The aggregator's memory of one run: the parts received so far (by partition), then the summary
 * once all arrived, the review decision once made (a second one is a no-op), and the run-level
 * findings (schedule drift) held with the run.
 */
public record RunAggregate(Map<Integer, RunPart> parts, Optional<RunSummary> summary, Optional<String> decision,
                           List<Finding> heldFindings) {
    public RunAggregate {
        parts = parts == null ? Map.of() : Map.copyOf(parts);
        summary = summary == null ? Optional.empty() : summary;
        decision = decision == null ? Optional.empty() : decision;
        heldFindings = heldFindings == null ? List.of() : List.copyOf(heldFindings);
    }

    public static RunAggregate empty() {
        return new RunAggregate(Map.of(), Optional.empty(), Optional.empty(), List.of());
    }

    public RunAggregate withPart(RunPart p) {
        Map<Integer, RunPart> next = new TreeMap<>(parts);
        next.put(p.info().partition(), p);
        return new RunAggregate(next, summary, decision, heldFindings);
    }

    /** After the summary: the parts are dropped (the summary says everything) to keep the store small. */
    public RunAggregate summarised(RunSummary s, List<Finding> held) {
        return new RunAggregate(Map.of(), Optional.of(s), decision, held);
    }

    public RunAggregate decided(String note, RunSummary s) {
        return new RunAggregate(Map.of(), Optional.of(s), Optional.of(note), List.of());
    }
}
