package io.vomorecon.poller.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The records one run read, deduplicated by key: offset pages over a changing set repeat
 * records, and a repeat must be published once. Of two reads of a key the one with the newer
 * {@code updated_at} wins; on a tie (or without versions) the later read wins, because it saw
 * the record later. Insertion order is kept so the publish order follows the read order.
 */
public final class RunBuffer<V> {

    private record Held<V>(V value, Optional<Instant> version) {
    }

    private final Map<String, Held<V>> byKey = new LinkedHashMap<>();
    private long duplicates;

    /** Adds a read; returns false when it was a duplicate of a key already held. */
    public boolean add(String key, V value, Optional<Instant> version) {
        Held<V> held = byKey.get(key);
        if (held == null) {
            byKey.put(key, new Held<>(value, version));
            return true;
        }
        duplicates++;
        boolean older = held.version().isPresent() && version.isPresent() && version.get().isBefore(held.version().get());
        boolean lostVersion = held.version().isPresent() && version.isEmpty();
        if (!older && !lostVersion) {
            byKey.put(key, new Held<>(value, version));
        }
        return false;
    }

    public boolean contains(String key) {
        return byKey.containsKey(key);
    }

    public int size() {
        return byKey.size();
    }

    /** How many reads repeated a key already held. */
    public long duplicates() {
        return duplicates;
    }

    /** The kept record of each key, in first-read order. */
    public List<Keyed<V>> records() {
        List<Keyed<V>> out = new ArrayList<>(byKey.size());
        byKey.forEach((k, h) -> out.add(new Keyed<>(k, h.value())));
        return out;
    }

    /** A copy holding only the keys {@code keep} accepts (versions kept, read order kept, no duplicates counted). */
    public RunBuffer<V> filter(Predicate<String> keep) {
        RunBuffer<V> out = new RunBuffer<>();
        byKey.forEach((k, h) -> {
            if (keep.test(k)) {
                out.byKey.put(k, h);
            }
        });
        return out;
    }

    /** A value with its Kafka key. */
    public record Keyed<V>(String key, V value) {
    }
}
