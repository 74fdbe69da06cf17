package io.vomorecon.schemas.values;

/** What a run reads (ARCHITECTURE.md, section 3). */
public enum RunKind {
    /** A time window of one resource, with overlap; never trusts or moves a checkpoint. */
    INCREMENTAL,
    /** The whole resource; the only kind (with the per-parent kinds below) that may yield deletions. */
    FULL,
    /** Participants of the project dates in a window; one scope prefix per date. */
    PARTICIPATIONS,
    /** The dates of every project ({@code all_dates}); one scope prefix per project. */
    SCHEDULE,
    /** Members of every active group; one scope prefix per group. */
    MEMBERSHIP,
    /** Completions of every active form; one scope prefix per form. */
    FORM_COMPLETIONS,
    /** A reservoir sample of keys re-read through detail endpoints; the scope lists exact keys. */
    AUDIT_SAMPLE;

    /** Whether a complete run of this kind covers its scope exhaustively (and so may yield deletions). */
    public boolean exhaustive() {
        return this != INCREMENTAL;
    }
}
