package io.vomorecon.reconciler.classify;

import io.vomorecon.schemas.values.FieldDiff;
import io.vomorecon.schemas.values.FindingKind;
import java.util.List;
import java.util.Map;

/** The outcome of classifying one key: in sync, in flight, not evaluated, or one finding kind with its evidence. */
public sealed interface Classification {

    /** The three sides agree. */
    record InSync() implements Classification {
    }

    /**
     * Not provable yet: a VOMO change younger than the grace period, a snapshot older than what the
     * partner already processed, or a destination row read before the partner's latest push.
     */
    record InFlight(String reason) implements Classification {
    }

    /** The key was not seen and the run may not derive deletions: nothing can be said. */
    record NotEvaluated() implements Classification {
    }

    /** One row of the classification table, with field diffs (DRIFT, PUSH_FAILURE) and kind-specific facts. */
    record Found(FindingKind kind, List<FieldDiff> diffs, Map<String, String> details) implements Classification {
        public Found {
            diffs = List.copyOf(diffs);
            details = Map.copyOf(details);
        }
    }

    InSync IN_SYNC = new InSync();
    NotEvaluated NOT_EVALUATED = new NotEvaluated();
}
