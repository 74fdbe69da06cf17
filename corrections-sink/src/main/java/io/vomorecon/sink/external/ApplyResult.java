package io.vomorecon.sink.external;

import java.util.Optional;

/**
 * What applying one action did, and the destination row for the key as it is afterwards (empty
 * when there is none, e.g. after a hard delete), so the sink can publish the new external state.
 */
public record ApplyResult(Status status, Optional<DestinationRow> row, Optional<String> note) {

    public ApplyResult {
        row = row == null ? Optional.empty() : row;
        note = note == null ? Optional.empty() : note;
    }

    public enum Status {
        /** The destination changed. */
        APPLIED,
        /** The effect was already there (this action, or the same state written by another). */
        ALREADY_APPLIED,
        /** The destination holds newer data than the action; nothing changed. */
        SUPERSEDED
    }
}
