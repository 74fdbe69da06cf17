package io.vomorecon.schemas.values;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;

/**
 * The verifier's verdict on a deletion candidate, published back into vomo.snapshots under the
 * candidate's key. {@code evidence} explains the verdict without personal data.
 */
@JsonTypeName("VERIFICATION")
public record Verification(
        int schemaVersion,
        String customer,
        String resource,
        String key,
        String findingId,
        String candidateRunId,
        Verdict verdict,
        int httpStatus,
        String evidence,
        Instant verifiedAt) implements SnapshotEvent {
}
