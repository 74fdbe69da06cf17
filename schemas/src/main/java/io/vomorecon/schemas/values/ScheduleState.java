package io.vomorecon.schemas.values;

import java.time.Instant;
import java.util.Optional;

/**
 * The scheduler's memory for one customer, resource and kind (recon.schedule, compacted): the
 * last slot it issued a job for, so that a restart neither skips nor repeats a run.
 */
public record ScheduleState(
        int schemaVersion,
        String customer,
        String resource,
        RunKind runKind,
        Optional<Instant> lastSlot,
        Optional<String> lastJobId,
        Instant updatedAt) {

    public ScheduleState {
        lastSlot = lastSlot == null ? Optional.empty() : lastSlot;
        lastJobId = lastJobId == null ? Optional.empty() : lastJobId;
    }
}
