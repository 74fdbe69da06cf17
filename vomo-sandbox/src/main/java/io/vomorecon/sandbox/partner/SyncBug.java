package io.vomorecon.sandbox.partner;

import io.vomorecon.sandbox.truth.TruthClass;

/**
 * The reference sync's switchable bugs, one per failure class of a real partner integration.
 * Deletions are never handled at all, whatever is switched: that is every partner's default.
 */
public enum SyncBug {
    /** The worker advances its checkpoint for the whole batch, then dies after {@code param} records. */
    CRASH_MID_BATCH(TruthClass.CRASH_MID_BATCH),
    /** Every {@code param}-th record fails to process; the checkpoint advances past it anyway. */
    FAILURE_ADVANCES_CHECKPOINT(TruthClass.FAILURE_ADVANCED_CHECKPOINT),
    /** A network error at page {@code param} ends the scan; the checkpoint jumps to the run's start time. */
    NETWORK_ERROR_MID_PAGINATION(TruthClass.NETWORK_ERROR_SKIPPED_PAGES),
    /** Every {@code param}-th destination write silently fails after the ledger recorded it as pushed. */
    PUSH_LOST(TruthClass.PUSH_LOST),
    /** Every {@code param}-th destination write gets the previously pushed values while the ledger records the new. */
    PUSH_STALE(TruthClass.PUSH_STALE),
    /** One field is mapped from the wrong source field (users: last_name from first_name). */
    MAPPING_BUG(TruthClass.MAPPING_BUG),
    /** The worker is stalled: it polls but never processes anything, its checkpoint stuck. */
    CHECKPOINT_STUCK(TruthClass.CHECKPOINT_STUCK);

    private final TruthClass truth;

    SyncBug(TruthClass truth) {
        this.truth = truth;
    }

    /** The ground-truth class each key the bug left wrong is recorded under. */
    public TruthClass truth() {
        return truth;
    }
}
