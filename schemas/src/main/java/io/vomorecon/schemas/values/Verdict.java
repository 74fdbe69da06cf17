package io.vomorecon.schemas.values;

/** What a by-id read of a deletion candidate showed (ARCHITECTURE.md, section 4). */
public enum Verdict {
    /** 404: gone; propagate the deletion. */
    DELETED(true),
    /** 200 but in another organisation: a scope change, never a deletion. */
    SCOPE_CHANGE(false),
    /** 403: the token lost access; never a deletion. */
    PERMISSION_NARROWED(false),
    /** 200 with an inactive membership: soft-deleted, not a deletion. */
    SOFT_DELETED(false),
    /** 200 with the scrubbed "Deleted User" identity: erase personal data, keep the row. */
    ANONYMIZED(true),
    /** 200, in scope, active: the list query missed it; investigate the filter. */
    FILTER_MISMATCH(false);

    private final boolean actionable;

    Verdict(boolean actionable) {
        this.actionable = actionable;
    }

    /** Whether the sink acts on it (DELETED propagates a deletion, ANONYMIZED an erasure). */
    public boolean actionable() {
        return actionable;
    }
}
