package io.vomorecon.schemas.values;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One VOMO record as read in run {@code runId}: the record as VOMO sent it (lenient values kept),
 * its parsed {@code updated_at} (absent for resources without one, e.g. participations), and
 * its canonical {@link io.vomorecon.schemas.ContentHash content hash}.
 */
@JsonTypeName("SNAPSHOT")
public record Snapshot(
        int schemaVersion,
        String runId,
        String customer,
        String resource,
        String key,
        JsonNode record,
        Optional<Instant> updatedAt,
        String contentHash,
        Instant observedAt) implements SnapshotEvent {

    public Snapshot {
        updatedAt = updatedAt == null ? Optional.empty() : updatedAt;
    }
}
