package io.vomorecon.poller.run;

import io.vomorecon.schemas.values.DeadLetter;
import java.util.List;
import java.util.Optional;

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
}
