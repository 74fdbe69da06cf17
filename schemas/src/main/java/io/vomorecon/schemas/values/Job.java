package io.vomorecon.schemas.values;

import java.time.Instant;
import java.util.Optional;

/** A run to perform (recon.jobs, keyed by customer/resource/kind), produced by the scheduler or an operator. */
public record Job(
        int schemaVersion,
        String jobId,
        String customer,
        String resource,
        RunKind runKind,
        Optional<TimeWindow> window,
        Instant scheduledFor,
        String requestedBy,
        Instant requestedAt) {

    public Job {
        window = window == null ? Optional.empty() : window;
    }
}
