package io.vomorecon.reconciler.classify;

import io.vomorecon.reconciler.state.KeyFindings;
import io.vomorecon.reconciler.state.VomoEntry;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.schemas.values.Verification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The life of findings: which emissions a classification, a verification or a later change of P
 * or E causes, given what was last emitted for the key ({@link KeyFindings}). Emits on change
 * only: the same gap found again is silent; a gap whose evidence changed is re-emitted under the
 * same id; a finding whose key now agrees is RESOLVED. Pure; the caller applies the emissions
 * to the store in the same transaction as it forwards them.
 */
public final class FindingLife {

    private FindingLife() {
    }

    public static String findingId(String key, FindingKind kind) {
        return ContentHash.stableId(key, kind.name());
    }

    /** Emissions after a run classified the key. */
    public static List<Finding> afterRun(KeyState s, Classification c, KeyFindings current, RunRef run) {
        List<Finding> out = new ArrayList<>();
        if (s.seenInRun()) {
            // VOMO listed the key again: any deletion suspicion about it is void.
            for (FindingKind k : List.of(FindingKind.DELETION, FindingKind.ORPHAN_EXTERNAL)) {
                current.get(k).ifPresent(f -> out.add(resolved(f, run.now(), "seen again in run " + run.runId())));
            }
        }
        if (c instanceof Classification.Found found) {
            Finding next = build(s, found, run);
            Optional<Finding> existing = current.get(found.kind());
            if (isDeletionKind(found.kind())) {
                if (existing.isEmpty()) {
                    out.add(next);
                }
                // VOMO no longer lists the key: findings that assumed it present no longer apply.
                current.open().values().stream().filter(f -> !isDeletionKind(f.kind()))
                        .forEach(f -> out.add(resolved(f, run.now(), "superseded: not listed by complete run " + run.runId())));
            } else if (existing.isEmpty() || !sameEvidence(existing.get(), next)) {
                out.add(next);
            }
        } else if (c instanceof Classification.InSync) {
            current.open().values().stream()
                    .filter(f -> !isDeletionKind(f.kind()) || !s.seenInRun())
                    .forEach(f -> out.add(resolved(f, run.now(), "three sides agree in run " + run.runId())));
        }
        // InFlight: in flux, neither open nor resolve anything; NotEvaluated: the run says nothing about the key.
        return out;
    }

    /** Emissions when P or E of a key with open findings changed: only resolutions, never new findings. */
    public static List<Finding> reevaluate(KeyState s, KeyFindings current, Instant at, String cause) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : current.open().values()) {
            if (agrees(s, f, at)) {
                out.add(resolved(f, at, cause));
            }
        }
        return out;
    }

    /** Whether a later state of the three sources agrees for the key, so the finding is over. */
    static boolean agrees(KeyState s, Finding f, Instant at) {
        if (isDeletionKind(f.kind())) {
            if (f.verdict().orElse(null) == Verdict.ANONYMIZED) {
                return !s.externalLive() || s.external().map(e -> e.erased()).orElse(false);
            }
            return !s.partnerLive() && !s.externalLive();
        }
        if (s.vomo().isEmpty()) {
            return false;
        }
        return Classifier.classify(s.withSeen(true), Evaluation.reevaluation(at)) instanceof Classification.InSync;
    }

    /** The emission a verifier's verdict causes: the candidate with this id becomes OPEN with the verdict. */
    public static Optional<Finding> verify(KeyFindings current, Verification v) {
        return current.open().values().stream()
                .filter(f -> f.findingId().equals(v.findingId()) && f.status() == FindingStatus.CANDIDATE)
                .findFirst()
                .map(f -> {
                    Map<String, String> details = new HashMap<>(f.details());
                    details.put("verification", v.evidence());
                    details.put("verificationHttpStatus", String.valueOf(v.httpStatus()));
                    details.put("verifiedAt", v.verifiedAt().toString());
                    return copy(f, FindingStatus.OPEN, Optional.of(v.verdict()), details, Optional.empty());
                });
    }

    public static boolean isDeletionKind(FindingKind k) {
        return k.family() == FindingKind.Family.DELETION;
    }

    static Finding build(KeyState s, Classification.Found found, RunRef run) {
        RecordKey key = RecordKey.parse(s.key());
        boolean deletion = isDeletionKind(found.kind());
        Optional<VomoEntry> v = deletion ? Optional.empty() : s.vomo();
        Optional<PartnerState> p = s.partner();
        return new Finding(Topics.SCHEMA_VERSION, findingId(s.key(), found.kind()), found.kind(),
                deletion ? FindingStatus.CANDIDATE : FindingStatus.OPEN, Optional.empty(),
                key.customer(), key.resource(), s.key(), run.runId(), run.runKind(), run.now(),
                v.flatMap(VomoEntry::updatedAt), v.map(VomoEntry::contentHash),
                p.flatMap(PartnerState::processedVersion), p.flatMap(PartnerState::processedHash),
                v.map(VomoEntry::record), found.diffs(), found.details(), Optional.empty());
    }

    static Finding resolved(Finding f, Instant at, String why) {
        Map<String, String> details = new HashMap<>(f.details());
        details.put("resolvedBy", why);
        return copy(f, FindingStatus.RESOLVED, f.verdict(), details, Optional.of(at));
    }

    private static Finding copy(Finding f, FindingStatus status, Optional<Verdict> verdict, Map<String, String> details,
                                Optional<Instant> resolvedAt) {
        return new Finding(f.schemaVersion(), f.findingId(), f.kind(), status, verdict, f.customer(), f.resource(), f.key(),
                f.runId(), f.runKind(), f.detectedAt(), f.vomoVersion(), f.vomoHash(), f.partnerVersion(), f.partnerHash(),
                f.vomoRecord(), f.fieldDiffs(), details, resolvedAt);
    }

    /** Whether two emissions of a kind say the same thing (then the second is not emitted). */
    static boolean sameEvidence(Finding a, Finding b) {
        return a.kind() == b.kind() && a.status() == b.status()
                && Objects.equals(a.vomoHash(), b.vomoHash()) && Objects.equals(a.vomoVersion(), b.vomoVersion())
                && Objects.equals(a.partnerVersion(), b.partnerVersion()) && Objects.equals(a.partnerHash(), b.partnerHash())
                && a.fieldDiffs().equals(b.fieldDiffs()) && a.details().equals(b.details());
    }

    /**
     * Whether emitting {@code f} would change what the action topics last said about the key (used
     * again at release time, because a held run's findings are applied later).
     */
    public static boolean changes(KeyFindings current, Finding f) {
        Optional<Finding> existing = current.get(f.kind());
        if (f.status() == FindingStatus.RESOLVED) {
            return existing.isPresent();
        }
        if (existing.isEmpty()) {
            return true;
        }
        if (isDeletionKind(f.kind()) && f.status() == FindingStatus.CANDIDATE) {
            return false;
        }
        return !sameEvidence(existing.get(), f);
    }
}
