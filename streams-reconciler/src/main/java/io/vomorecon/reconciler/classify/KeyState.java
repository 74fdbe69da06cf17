package io.vomorecon.reconciler.classify;

import io.vomorecon.reconciler.state.VomoEntry;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.PartnerState;
import java.util.Optional;

/**
 * Everything known about one key at evaluation time: V (latest snapshot), whether the run being
 * evaluated saw it, P (ledger entry) and E (destination row). Pure data, no store access.
 */
public record KeyState(
        String key,
        Resource resource,
        Optional<VomoEntry> vomo,
        boolean seenInRun,
        Optional<PartnerState> partner,
        Optional<ExternalRow> external) {

    public KeyState {
        vomo = vomo == null ? Optional.empty() : vomo;
        partner = partner == null ? Optional.empty() : partner;
        external = external == null ? Optional.empty() : external;
    }

    public static KeyState of(String key, Optional<VomoEntry> v, boolean seen, Optional<PartnerState> p, Optional<ExternalRow> e) {
        return new KeyState(key, Resource.require(RecordKey.parse(key).resource()), v, seen, p, e);
    }

    /** The partner still holds the key (an entry that is not a deletion). */
    public boolean partnerLive() {
        return partner.map(p -> !p.deleted()).orElse(false);
    }

    /** The destination still holds a live row for the key. */
    public boolean externalLive() {
        return external.map(e -> e.present() && !e.deleted()).orElse(false);
    }

    public KeyState withSeen(boolean seen) {
        return new KeyState(key, resource, vomo, seen, partner, external);
    }
}
