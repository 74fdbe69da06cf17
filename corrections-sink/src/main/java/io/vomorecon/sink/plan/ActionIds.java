package io.vomorecon.sink.plan;

import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.values.ActionKind;
import java.time.Instant;
import java.util.Optional;

/**
 * Deterministic action ids: {@code ContentHash.stableId(key, target, action)}. The target is the
 * VOMO version and content hash together ({@code <updated_at or ->#<hash or ->}), not the
 * version alone: participations have no {@code updated_at}, and a silent change keeps it, so
 * the version alone would give two different corrections the same id and the second would be
 * taken for a redelivery. Deletions and erasures are final states of a key, so their target is
 * {@code -}: every delivery of them is the same action.
 */
public final class ActionIds {

    static final String NO_TARGET = "-";

    private ActionIds() {
    }

    public static String target(Optional<Instant> version, Optional<String> hash) {
        return version.map(Instant::toString).orElse(NO_TARGET) + "#" + hash.orElse(NO_TARGET);
    }

    public static String of(String key, String target, ActionKind action) {
        return ContentHash.stableId(key, target, action.name());
    }

    public static String reprocess(String key, Optional<Instant> version, Optional<String> hash) {
        return of(key, target(version, hash), ActionKind.RE_PROCESS);
    }

    public static String deletion(String key) {
        return of(key, NO_TARGET, ActionKind.PROPAGATE_DELETION);
    }

    public static String erasure(String key) {
        return of(key, NO_TARGET, ActionKind.ERASE_PERSONAL_DATA);
    }
}
