package io.vomorecon.reconciler.classify;

import io.vomorecon.schemas.values.RunKind;
import java.time.Instant;

/** The run a finding is attributed to, and its evaluation time (the marker's completedAt). */
public record RunRef(String runId, RunKind runKind, Instant now) {
}
