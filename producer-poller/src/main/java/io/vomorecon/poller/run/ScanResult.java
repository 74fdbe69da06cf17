package io.vomorecon.poller.run;

import io.vomorecon.schemas.values.DeadLetter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a scan produced: the deduplicated records, the scope it covered (prefixes ending in '/'
 * or exact keys), records it could not use (dead letters), and, when a page failed, why the run
 * must abort. The records read before a failure are still published: they are good for gaps and
 * drift, and the RUN_ABORTED marker keeps them from yielding deletions.
 */
public record ScanResult<V>(RunBuffer<V> records, List<String> scope, List<DeadLetter> rejects, Optional<String> abortReason,
                            long apiCalls) {

    public ScanResult {
        scope = List.copyOf(scope);
        rejects = List.copyOf(rejects);
        abortReason = abortReason == null ? Optional.empty() : abortReason;
    }

    /**
     * This scan narrowed to a smaller scope: only the records under one of {@code narrower}'s
     * entries (prefixes ending in '/' or exact keys), and that scope. A complete scan stays
     * complete for the narrower scope: it read everything in it.
     */
    public ScanResult<V> within(List<String> narrower) {
        Set<String> exact = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (String e : narrower) {
            (e.endsWith("/") ? prefixes : exact).add(e);
        }
        RunBuffer<V> kept = records.filter(key -> exact.contains(key) || under(prefixes, key));
        return new ScanResult<>(kept, narrower, rejects, abortReason, apiCalls);
    }

    /** Whether some '/'-ended leading part of the key is one of the prefixes (prefixes may nest). */
    private static boolean under(Set<String> prefixes, String key) {
        for (int i = key.indexOf('/'); i >= 0; i = key.indexOf('/', i + 1)) {
            if (prefixes.contains(key.substring(0, i + 1))) {
                return true;
            }
        }
        return false;
    }
}
