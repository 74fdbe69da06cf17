package io.vomorecon.schemas.values;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the destination holds for one key: the mapped, normalised fields, the VOMO version the
 * row claims to reflect, and whether it is soft-deleted or erased. {@code present=false} says the
 * row is gone (written by the sink after a hard delete). Rows read by the external-state reader
 * carry the reader's {@code runId}; rows the sink publishes after a write carry none.
 */
@JsonTypeName("EXTERNAL_ROW")
public record ExternalRow(
        int schemaVersion,
        Optional<String> runId,
        String customer,
        String resource,
        String key,
        ExternalSource source,
        boolean present,
        Map<String, String> fields,
        Optional<Instant> vomoVersion,
        boolean deleted,
        boolean erased,
        Optional<String> externalId,
        Instant observedAt) implements ExternalEvent {

    public ExternalRow {
        runId = runId == null ? Optional.empty() : runId;
        vomoVersion = vomoVersion == null ? Optional.empty() : vomoVersion;
        externalId = externalId == null ? Optional.empty() : externalId;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** Who published an external row. */
    public enum ExternalSource { READER, SINK }
}
