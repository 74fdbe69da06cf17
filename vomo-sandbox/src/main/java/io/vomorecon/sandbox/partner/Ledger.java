package io.vomorecon.sandbox.partner;

import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.PartnerState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The partner's sync ledger: per key, the VOMO version and content hash it processed and what it
 * pushed. Kept in memory for de-duplication on (id, updated_at) and published entry by entry as
 * {@link PartnerState} (the publisher sends it to partner.state).
 */
final class Ledger {

    /** What the partner believes about one key. */
    record Entry(Optional<Instant> version, String hash, Map<String, String> pushedFields) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Consumer<PartnerState> publisher;

    Ledger(Consumer<PartnerState> publisher) {
        this.publisher = publisher;
    }

    Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    void record(String customer, String resource, String key, Entry e, String externalId, Instant at) {
        entries.put(key, e);
        publisher.accept(new PartnerState(Topics.SCHEMA_VERSION, customer, resource, key, e.version(), Optional.of(e.hash()),
                true, e.pushedFields(), Optional.of(externalId), at, false, PartnerState.PartnerSource.PARTNER));
    }

    int size() {
        return entries.size();
    }
}
