package io.vomorecon.sink.plan;

import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.ActionKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One change to the destination, ready to apply: RE_PROCESS (upsert {@code fields}, the mapped
 * and normalised VOMO record, at {@code targetVersion}), PROPAGATE_DELETION (soft, or hard when
 * {@code hardDelete}) or ERASE_PERSONAL_DATA. {@code actionId} makes re-application a no-op.
 */
public record WriteAction(
        String actionId,
        ActionKind kind,
        String key,
        String customer,
        Resource resource,
        Optional<Instant> targetVersion,
        Optional<String> contentHash,
        Map<String, String> fields,
        boolean hardDelete) {

    public WriteAction {
        if (kind != ActionKind.RE_PROCESS && kind != ActionKind.PROPAGATE_DELETION && kind != ActionKind.ERASE_PERSONAL_DATA) {
            throw new IllegalArgumentException("not a destination write: " + kind);
        }
        targetVersion = targetVersion == null ? Optional.empty() : targetVersion;
        contentHash = contentHash == null ? Optional.empty() : contentHash;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** A short description for logs and DLQ reasons: kind and key, never field values. */
    public String describe() {
        return kind + (kind == ActionKind.PROPAGATE_DELETION ? (hardDelete ? " (hard)" : " (soft)") : "") + " of " + key;
    }
}
