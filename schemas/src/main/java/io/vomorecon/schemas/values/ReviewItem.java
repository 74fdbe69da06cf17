package io.vomorecon.schemas.values;

import java.time.Instant;

/** A finding held back from the action topics because its run was ANOMALOUS (recon.review, keyed by runId). */
public record ReviewItem(
        int schemaVersion,
        String runId,
        String customer,
        String resource,
        Diagnosis diagnosis,
        Finding finding,
        Instant heldAt) {
}
