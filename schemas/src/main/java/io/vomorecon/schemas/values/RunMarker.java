package io.vomorecon.schemas.values;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The end of a run on one partition: written by the reader to every partition after it flushed
 * the run's records. Shared by vomo.snapshots and external.state.
 */
public sealed interface RunMarker permits RunCompleted, RunAborted {
    String runId();

    String customer();

    String resource();

    RunKind runKind();

    RunSource source();

    /** Key prefixes (ending in '/') or exact keys (AUDIT_SAMPLE) that the run covered. */
    List<String> scope();

    Optional<TimeWindow> window();

    /** The partition this marker was written to. */
    int partition();

    /** The partition count the reader computed partitions for. */
    int partitions();

    Instant startedAt();

    long apiCalls();
}
