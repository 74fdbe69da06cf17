package io.vomorecon.reconciler.state;

import io.vomorecon.schemas.values.RunAborted;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunMarker;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.RunStatus;
import io.vomorecon.schemas.values.TimeWindow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A run as one partition saw it close: what the marker said, what arrived, and the resulting status. */
public record RunInfo(
        String runId,
        String customer,
        String resource,
        RunKind runKind,
        RunSource source,
        List<String> scope,
        Optional<TimeWindow> window,
        Instant startedAt,
        Instant endedAt,
        int partition,
        int partitions,
        long announced,
        long received,
        long apiCalls,
        RunStatus status,
        Optional<String> abortReason) {

    public RunInfo {
        scope = List.copyOf(scope);
        window = window == null ? Optional.empty() : window;
        abortReason = abortReason == null ? Optional.empty() : abortReason;
    }

    /** Closes a run at its marker: the reader flushed every record before writing it, so a lower count is a loss. */
    public static RunInfo close(RunMarker m, long received) {
        if (m instanceof RunCompleted c) {
            RunStatus st = received == c.count() ? RunStatus.COMPLETED : RunStatus.COUNT_MISMATCH;
            return new RunInfo(c.runId(), c.customer(), c.resource(), c.runKind(), c.source(), c.scope(), c.window(),
                    c.startedAt(), c.completedAt(), c.partition(), c.partitions(), c.count(), received, c.apiCalls(), st,
                    Optional.empty());
        }
        RunAborted a = (RunAborted) m;
        return new RunInfo(a.runId(), a.customer(), a.resource(), a.runKind(), a.source(), a.scope(), a.window(),
                a.startedAt(), a.abortedAt(), a.partition(), a.partitions(), a.count(), received, a.apiCalls(),
                RunStatus.ABORTED, Optional.of(a.reason()));
    }

    /** Only a complete, count-matching run of an exhaustive kind may say a key is gone. */
    public boolean mayDeriveDeletions() {
        return status == RunStatus.COMPLETED && runKind.exhaustive();
    }
}
