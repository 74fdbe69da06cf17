package io.vomorecon.reconciler.state;

import io.vomorecon.schemas.values.Diagnosis;
import java.time.Instant;
import java.util.Optional;

/**
 * The aggregator's word to every partition about a run's held findings: release them to the
 * action topics, hold them for review (with the diagnosis), or discard them. Broadcast to every
 * partition of an internal topic co-partitioned with the inputs.
 */
public record VerdictNotice(String runId, Action action, boolean deletionsAllowed, Optional<Diagnosis> diagnosis,
                            String customer, String resource, Instant at) {

    public VerdictNotice {
        diagnosis = diagnosis == null ? Optional.empty() : diagnosis;
    }

    public enum Action { RELEASE, HOLD, DISCARD }
}
