package io.vomorecon.schemas.values;

import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one action (recon.corrections, keyed by the record key). {@code actionId} is
 * deterministic (key, target version, action), so a redelivered finding yields ALREADY_APPLIED.
 */
public record CorrectionOutcome(
        int schemaVersion,
        String actionId,
        String findingId,
        String customer,
        String resource,
        String key,
        ActionKind action,
        Outcome outcome,
        Mode mode,
        Optional<String> reason,
        int attempts,
        Optional<Instant> targetVersion,
        Instant at) {

    public CorrectionOutcome {
        reason = reason == null ? Optional.empty() : reason;
        targetVersion = targetVersion == null ? Optional.empty() : targetVersion;
    }

    public enum Outcome { APPLIED, ALREADY_APPLIED, SUPERSEDED, SKIPPED, DELEGATED, FAILED }

    public enum Mode { DIRECT, DELEGATE }
}
