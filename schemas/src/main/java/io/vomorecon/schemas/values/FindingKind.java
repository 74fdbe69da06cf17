package io.vomorecon.schemas.values;

/** The classification table of ARCHITECTURE.md, section 4, and the topic family each kind goes to. */
public enum FindingKind {
    /** V present, P absent: a polling gap. */
    MISSED_CREATE(Family.GAP),
    /** V.updated_at newer than P's processed version. */
    MISSED_UPDATE(Family.GAP),
    /** Same updated_at, V's content hash differs from P's processed hash. */
    SILENT_CHANGE(Family.GAP),
    /** P says pushed, E absent or different from what P pushed. */
    PUSH_FAILURE(Family.GAP),
    /** Mapped fields of V differ from E, not explained above; carries the field diffs. */
    DRIFT(Family.DRIFT),
    /** A project's set of dates differs from the partner's; carries added and removed dates. */
    SCHEDULE_DRIFT(Family.DRIFT),
    /** P or E present, V not seen in a complete run covering its prefix; CANDIDATE until verified. */
    DELETION(Family.DELETION),
    /** E present, neither V nor P. */
    ORPHAN_EXTERNAL(Family.DELETION);

    private final Family family;

    FindingKind(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }

    /** Which action topic a kind belongs to: recon.gaps, recon.drift or recon.deletions. */
    public enum Family { GAP, DRIFT, DELETION }
}
