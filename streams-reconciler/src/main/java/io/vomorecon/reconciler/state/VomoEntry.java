package io.vomorecon.reconciler.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The V side of one key: the latest VOMO snapshot, its mapped fields, and since when its content
 * has been what it is. {@code changedAt} is {@code updated_at} where the resource has one; for
 * resources without it (participations) it is the observation time of the first snapshot
 * carrying the current content hash, so the grace period works for them too. It never records
 * which runs saw the key (that lives in the run-seen store, so an overwrite cannot lose it).
 * {@code mapped} is empty for entries stored before mapped fields were kept.
 */
public record VomoEntry(
        String runId,
        VomoRecord json,
        Optional<MappedFields> mapped,
        Optional<Instant> updatedAt,
        String contentHash,
        Instant observedAt,
        Instant changedAt) {

    public VomoEntry {
        updatedAt = updatedAt == null ? Optional.empty() : updatedAt;
        mapped = mapped == null ? Optional.empty() : mapped;
    }

    /** An entry without stored mapped fields (they are worked out from the record when asked for). */
    public VomoEntry(String runId, JsonNode record, Optional<Instant> updatedAt, String contentHash, Instant observedAt,
                     Instant changedAt) {
        this(runId, VomoRecord.of(record), Optional.empty(), updatedAt, contentHash, observedAt, changedAt);
    }

    /** The entry after a new snapshot of the same key; keeps {@code changedAt} when the content did not change. */
    public static VomoEntry next(Optional<VomoEntry> previous, Snapshot s) {
        return next(previous, s, resourceOf(s.key()));
    }

    /** The same, for a snapshot whose key the caller already parsed (the processor does, to validate it). */
    public static VomoEntry next(Optional<VomoEntry> previous, Snapshot s, Resource resource) {
        return next(previous, s, Optional.of(resource));
    }

    private static VomoEntry next(Optional<VomoEntry> previous, Snapshot s, Optional<Resource> resource) {
        Instant changed = s.updatedAt().orElseGet(() -> previous
                .filter(p -> p.contentHash().equals(s.contentHash()))
                .map(VomoEntry::changedAt)
                .orElse(s.observedAt()));
        Optional<MappedFields> mapped = resource.map(r -> MappedFields.of(r, s.record()));
        return new VomoEntry(s.runId(), VomoRecord.of(s.record()), mapped, s.updatedAt(), s.contentHash(), s.observedAt(), changed);
    }

    private static Optional<Resource> resourceOf(String key) {
        try {
            return Resource.fromPath(RecordKey.parse(key).resource());
        } catch (IllegalArgumentException e) {
            // The processors refuse such keys before they get here; without a resource nothing can be mapped ahead.
            return Optional.empty();
        }
    }

    /** VOMO's record (parsed from the store on first use). */
    public JsonNode record() {
        return json.tree();
    }

    /**
     * The record's mapped, normalised fields: as stored at ingest when they were mapped by the
     * current mapping, else mapped now. Throws {@link IllegalArgumentException} with the
     * mapping's reason for a record the mapping refuses.
     */
    public Map<String, String> mappedFields(Resource resource) {
        MappedFields m = mapped.filter(MappedFields::current).orElseGet(() -> MappedFields.of(resource, record()));
        if (m.error().isPresent()) {
            throw new IllegalArgumentException(m.error().get());
        }
        return m.fields();
    }

    /**
     * Whether a snapshot is older than this entry and must not replace it: a run that read the
     * key before another run that already delivered a newer version.
     */
    public boolean isNewerThan(Snapshot s) {
        return updatedAt.isPresent() && s.updatedAt().isPresent() && s.updatedAt().get().isBefore(updatedAt.get());
    }
}
