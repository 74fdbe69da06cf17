package io.vomorecon.schemas.values;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every page of the run was read: {@code count} of its records were written to this partition
 * ({@code totalCount} across all). The reconciler evaluates the run's scope on this partition
 * only once it has received exactly {@code count} records of the run.
 */
@JsonTypeName("RUN_COMPLETED")
public record RunCompleted(
        int schemaVersion,
        String runId,
        String customer,
        String resource,
        RunKind runKind,
        RunSource source,
        List<String> scope,
        Optional<TimeWindow> window,
        int partition,
        int partitions,
        long count,
        long totalCount,
        long apiCalls,
        Instant startedAt,
        Instant completedAt) implements RunMarker, SnapshotEvent, ExternalEvent {

    public RunCompleted {
        scope = List.copyOf(scope);
        window = window == null ? Optional.empty() : window;
    }
}
