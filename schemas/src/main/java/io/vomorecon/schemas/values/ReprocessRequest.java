package io.vomorecon.schemas.values;

import java.time.Instant;

/** Delegate mode: a request to the partner's own worker to re-process one key (recon.reprocess). */
public record ReprocessRequest(
        int schemaVersion,
        String requestId,
        String findingId,
        String customer,
        String resource,
        String key,
        Instant targetVersion,
        String reason,
        Instant requestedAt) {
}
