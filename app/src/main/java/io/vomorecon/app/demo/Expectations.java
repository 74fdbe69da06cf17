package io.vomorecon.app.demo;

import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.Verdict;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What each ground-truth class must lead to (docs/demo.md has the table): which findings count
 * as detecting it, the verdict a deletion-family finding must carry, and what the destination
 * must look like at the end. API faults other than a page cut short produce no finding: they
 * are scored by the false-deletion and convergence checks.
 */
final class Expectations {

    /** What the destination row of a key must be once everything has converged. */
    enum FinalState { EQUALS_VOMO, DELETED, ERASED, KEPT }

    private static final Set<FindingKind> GAPS_AND_DRIFT = EnumSet.of(FindingKind.MISSED_CREATE, FindingKind.MISSED_UPDATE,
            FindingKind.SILENT_CHANGE, FindingKind.PUSH_FAILURE, FindingKind.DRIFT, FindingKind.SCHEDULE_DRIFT);

    private Expectations() {
    }

    /** Whether the class is scored key by key (API faults on whole lists are not). */
    static boolean scored(TruthClass c) {
        return switch (c) {
            case API_500, API_SLOW, API_TIMEOUT, RATE_LIMIT_STORM -> false;
            default -> true;
        };
    }

    /** The verdict a deletion-family finding must carry for this class, if the class is a disappearance. */
    static Optional<Verdict> verdict(TruthClass c) {
        return switch (c) {
            case HARD_DELETE, DATE_DELETED, PARTICIPATION_CANCELLED, MEMBER_REMOVED -> Optional.of(Verdict.DELETED);
            case SOFT_DELETE -> Optional.of(Verdict.SOFT_DELETED);
            case SCOPE_CHANGE -> Optional.of(Verdict.SCOPE_CHANGE);
            case PERMISSION_NARROWED -> Optional.of(Verdict.PERMISSION_NARROWED);
            case ANONYMIZED -> Optional.of(Verdict.ANONYMIZED);
            default -> Optional.empty();
        };
    }

    /** Whether a finding (OPEN or held) detects an injection of this class on its key. */
    static boolean detects(TruthClass c, Finding f) {
        Optional<Verdict> v = verdict(c);
        if (v.isPresent()) {
            return f.kind().family() == FindingKind.Family.DELETION && f.verdict().equals(v);
        }
        return GAPS_AND_DRIFT.contains(f.kind());
    }

    /** Whether a held finding (on recon.review, not yet verified) detects it: deletion candidates count once verified. */
    static boolean detectsHeld(TruthClass c, Finding f) {
        if (verdict(c).isPresent()) {
            return f.kind().family() == FindingKind.Family.DELETION;
        }
        return GAPS_AND_DRIFT.contains(f.kind());
    }

    /** The end state the destination must reach for a key whose last injection was this class and that VOMO no longer lists. */
    static FinalState whenUnlisted(TruthClass c) {
        return switch (c) {
            case HARD_DELETE, DATE_DELETED, PARTICIPATION_CANCELLED, MEMBER_REMOVED -> FinalState.DELETED;
            case ANONYMIZED -> FinalState.ERASED;
            default -> FinalState.KEPT;
        };
    }

    /** Classes whose right outcome is to be left alone (never propagated as a deletion). */
    static boolean leaveAlone(TruthClass c) {
        return c == TruthClass.SOFT_DELETE || c == TruthClass.SCOPE_CHANGE || c == TruthClass.PERMISSION_NARROWED;
    }
}
