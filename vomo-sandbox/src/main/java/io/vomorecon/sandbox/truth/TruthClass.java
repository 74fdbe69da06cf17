package io.vomorecon.sandbox.truth;

/**
 * The stable names of everything the sandbox injects (docs/sandbox.md lists what each means and
 * which finding it should lead to). Never rename a constant: the end-to-end proof maps them.
 */
public enum TruthClass {
    // ---- mutations of VOMO's data ----
    CREATE(Family.MUTATION),
    UPDATE(Family.MUTATION),
    /** Gone: 404 by id (a user's participations and memberships go with it, each recorded). */
    HARD_DELETE(Family.MUTATION),
    /** membership_status inactive: out of the user list, 200 by id. */
    SOFT_DELETE(Family.MUTATION),
    /** Moved to the sister organisation: out of the list, 200 by id with the sister's organization_id. */
    SCOPE_CHANGE(Family.MUTATION),
    /** The token lost permission on the record: out of the list, 403 by id. */
    PERMISSION_NARROWED(Family.MUTATION),
    /** Scrubbed "Deleted User" identity: out of the list, 200 by id. */
    ANONYMIZED(Family.MUTATION),
    /** A field changed without bumping updated_at. */
    SILENT_CHANGE(Family.MUTATION),
    DATE_ADDED(Family.MUTATION),
    /** Project date set to status deleted: leaves all_dates, 404 by id, participants gone with it. */
    DATE_DELETED(Family.MUTATION),
    /** starts_at/ends_at moved (schedule drift); the project's updated_at is not bumped. */
    DATE_RESCHEDULED(Family.MUTATION),
    /** New participation; neither the user's nor the project's updated_at is bumped. */
    PARTICIPATION_ADDED(Family.MUTATION),
    PARTICIPATION_CANCELLED(Family.MUTATION),
    MEMBER_ADDED(Family.MUTATION),
    /** Member status active to inactive (stays in the members list). */
    MEMBER_DEACTIVATED(Family.MUTATION),
    /** Member removed from the group (gone from the members list). */
    MEMBER_REMOVED(Family.MUTATION),
    /** A group's parent_id changed (bumps the group's updated_at). */
    PARENT_CHANGED(Family.MUTATION),
    COMPLETION_ADDED(Family.MUTATION),
    /** A completion's responses edited (bumps its updated_at, not its created_at). */
    COMPLETION_EDITED(Family.MUTATION),

    // ---- API faults ----
    API_500(Family.FAULT),
    API_SLOW(Family.FAULT),
    API_TIMEOUT(Family.FAULT),
    /** A list page served with records missing (one entry per record left out). */
    PAGE_CUT_SHORT(Family.FAULT),
    RATE_LIMIT_STORM(Family.FAULT),

    // ---- reference partner sync bugs (one entry per key the bug left wrong) ----
    CRASH_MID_BATCH(Family.SYNC_BUG),
    FAILURE_ADVANCED_CHECKPOINT(Family.SYNC_BUG),
    NETWORK_ERROR_SKIPPED_PAGES(Family.SYNC_BUG),
    /** The ledger says pushed, the destination write never happened. */
    PUSH_LOST(Family.SYNC_BUG),
    /** The ledger says pushed, the destination got the previous values. */
    PUSH_STALE(Family.SYNC_BUG),
    /** The record was pushed with one field wrongly mapped (ledger and destination agree, VOMO differs). */
    MAPPING_BUG(Family.SYNC_BUG),
    /** The worker's checkpoint is stuck: the change was never processed. */
    CHECKPOINT_STUCK(Family.SYNC_BUG);

    private final Family family;

    TruthClass(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }

    /** What kind of injection a class is. */
    public enum Family { MUTATION, FAULT, SYNC_BUG }
}
