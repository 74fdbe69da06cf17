package io.vomorecon.schemas.values;

/** What the corrections sink does about a finding (ARCHITECTURE.md, section 6). */
public enum ActionKind {
    /** Write VOMO's current record to the destination through the mapping. */
    RE_PROCESS,
    /** Delegate mode: ask the partner's own worker to re-process the key. */
    REPROCESS_REQUEST,
    /** Mark the destination row deleted (soft by default, hard where configured). */
    PROPAGATE_DELETION,
    /** Scrub the mapped personal fields, keep the row (ANONYMIZED users). */
    ERASE_PERSONAL_DATA,
    /** Unexplained drift without auto-fix: alert, change nothing. */
    ALERT_ONLY,
    /** Nothing to do, with the reason (scope change, soft delete, permission change). */
    SKIP
}
