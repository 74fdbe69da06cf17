package io.vomorecon.reconciler.state;

import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The findings of one key that were emitted and are not yet resolved, by kind: exactly what the
 * action topics last said about the key. Emissions are derived from changes to this value, in
 * the same transaction, so nothing is emitted twice or lost across a restart.
 */
public record KeyFindings(Map<FindingKind, Finding> open) {

    public KeyFindings {
        open = open == null || open.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(open));
    }

    public static KeyFindings none() {
        return new KeyFindings(Map.of());
    }

    public Optional<Finding> get(FindingKind kind) {
        return Optional.ofNullable(open.get(kind));
    }

    public boolean isEmpty() {
        return open.isEmpty();
    }

    /** The state after emitting a finding: RESOLVED removes its kind, anything else replaces it. */
    public KeyFindings with(Finding f) {
        Map<FindingKind, Finding> next = new EnumMap<>(FindingKind.class);
        next.putAll(open);
        if (f.status() == io.vomorecon.schemas.values.FindingStatus.RESOLVED) {
            next.remove(f.kind());
        } else {
            next.put(f.kind(), f);
        }
        return new KeyFindings(next);
    }
}
