package io.vomorecon.schemas.values;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The run failed after retries (reason says where and why). Its records are evaluated for gaps
 * and drift, but an aborted run never yields deletions.
 */
@JsonTypeName("RUN_ABORTED")
public record RunAborted(
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
        long apiCalls,
        String reason,
        Instant startedAt,
        Instant abortedAt) implements RunMarker, SnapshotEvent, ExternalEvent {

    public RunAborted {
        scope = List.copyOf(scope);
        window = window == null ? Optional.empty() : window;
    }
}
