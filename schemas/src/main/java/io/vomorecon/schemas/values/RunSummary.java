package io.vomorecon.schemas.values;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit trail of one run (recon.runs, keyed by runId): what it read, what it found, what it
 * asked the sink to do, and its verdict. {@code scope} lists at most the first 100 entries;
 * {@code scopeSize} says how many there were. {@code deletionsDerived} is false for aborted or
 * incomplete runs, and {@code notes} then says why.
 */
public record RunSummary(
        int schemaVersion,
        String runId,
        String customer,
        String resource,
        RunKind runKind,
        RunSource source,
        List<String> scope,
        int scopeSize,
        Optional<TimeWindow> window,
        Instant startedAt,
        Instant completedAt,
        Instant evaluatedAt,
        RunStatus status,
        long recordsAnnounced,
        long recordsReceived,
        long apiCalls,
        long keysChecked,
        Map<FindingKind, Long> findings,
        long inFlight,
        double gapRate,
        long actionsRequested,
        boolean deletionsDerived,
        RunVerdict verdict,
        Optional<Diagnosis> diagnosis,
        List<String> notes) {

    public RunSummary {
        scope = List.copyOf(scope);
        window = window == null ? Optional.empty() : window;
        findings = findings == null ? Map.of() : Map.copyOf(findings);
        diagnosis = diagnosis == null ? Optional.empty() : diagnosis;
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
