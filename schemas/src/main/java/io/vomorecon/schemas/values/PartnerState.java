package io.vomorecon.schemas.values;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The partner's ledger entry for one key (partner.state, compacted): which VOMO version and
 * content hash it processed, whether and what it pushed to the destination, and the
 * destination's id. A tombstone means the partner has forgotten the key. The corrections sink
 * publishes an entry too after each write ({@code source=SINK}).
 */
public record PartnerState(
        int schemaVersion,
        String customer,
        String resource,
        String key,
        Optional<Instant> processedVersion,
        Optional<String> processedHash,
        boolean pushed,
        Map<String, String> pushedFields,
        Optional<String> externalId,
        Instant processedAt,
        boolean deleted,
        PartnerSource source) {

    public PartnerState {
        processedVersion = processedVersion == null ? Optional.empty() : processedVersion;
        processedHash = processedHash == null ? Optional.empty() : processedHash;
        externalId = externalId == null ? Optional.empty() : externalId;
        pushedFields = pushedFields == null ? Map.of() : Map.copyOf(pushedFields);
    }

    /** Who wrote a ledger entry. */
    public enum PartnerSource { PARTNER, SINK }
}
