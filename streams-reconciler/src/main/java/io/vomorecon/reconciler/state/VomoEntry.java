package io.vomorecon.reconciler.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Instant;
import java.util.Optional;

/**
 * The V side of one key: the latest VOMO snapshot and since when its content has been what it
 * is. {@code changedAt} is {@code updated_at} where the resource has one; for resources without
 * it (participations) it is the observation time of the first snapshot carrying the current
 * content hash, so the grace period works for them too. It never records which runs saw the key
 * (that lives in the run-seen store, so an overwrite cannot lose it).
 */
public record VomoEntry(
        String runId,
        JsonNode record,
        Optional<Instant> updatedAt,
        String contentHash,
        Instant observedAt,
        Instant changedAt) {

    public VomoEntry {
        updatedAt = updatedAt == null ? Optional.empty() : updatedAt;
    }

    /** The entry after a new snapshot of the same key; keeps {@code changedAt} when the content did not change. */
    public static VomoEntry next(Optional<VomoEntry> previous, Snapshot s) {
        Instant changed = s.updatedAt().orElseGet(() -> previous
                .filter(p -> p.contentHash().equals(s.contentHash()))
                .map(VomoEntry::changedAt)
                .orElse(s.observedAt()));
        return new VomoEntry(s.runId(), s.record(), s.updatedAt(), s.contentHash(), s.observedAt(), changed);
    }

    /**
     * Whether a snapshot is older than this entry and must not replace it: a run that read the
     * key before another run that already delivered a newer version.
     */
    public boolean isNewerThan(Snapshot s) {
        return updatedAt.isPresent() && s.updatedAt().isPresent() && s.updatedAt().get().isBefore(updatedAt.get());
    }
}
