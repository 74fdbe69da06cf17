package io.vomorecon.schemas.values;

import java.time.Instant;
import java.util.Optional;

/** Something an operator must look at (recon.alerts, keyed by customer). */
public record Alert(
        int schemaVersion,
        String alertId,
        String customer,
        Optional<String> resource,
        AlertKind alertKind,
        Severity severity,
        Optional<String> runId,
        String message,
        Optional<Double> value,
        Optional<Double> threshold,
        Instant raisedAt) {

    public Alert {
        resource = resource == null ? Optional.empty() : resource;
        runId = runId == null ? Optional.empty() : runId;
        value = value == null ? Optional.empty() : value;
        threshold = threshold == null ? Optional.empty() : threshold;
    }

    public enum AlertKind { GAP_RATE_HIGH, RUN_HELD, RUN_INCOMPLETE, UNEXPLAINED_DRIFT, CORRECTION_FAILED }

    public enum Severity { INFO, WARNING, CRITICAL }
}
