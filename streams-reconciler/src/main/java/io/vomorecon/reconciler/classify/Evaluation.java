package io.vomorecon.reconciler.classify;

import java.time.Duration;
import java.time.Instant;

/**
 * The frame a key is classified in: "now" (the run marker's {@code completedAt}, so a simulated
 * clock works), the grace period, and whether the run may derive deletions (a complete run of an
 * exhaustive kind whose count matched).
 */
public record Evaluation(Instant now, Duration grace, boolean deletionsAllowed) {

    /** For re-evaluating open findings outside a run: no grace, no deletions. */
    public static Evaluation reevaluation(Instant at) {
        return new Evaluation(at, Duration.ZERO, false);
    }
}
