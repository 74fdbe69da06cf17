package io.vomorecon.schemas.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One finding for one key (recon.gaps, recon.drift, recon.deletions, keyed by the record key).
 * {@code findingId} is stable for the key and kind, so OPEN and the later RESOLVED event of the
 * same gap share it. {@code vomoRecord} carries VOMO's current record where the sink needs it to
 * re-process; {@code fieldDiffs} says what drifted; {@code details} holds kind-specific facts
 * (added and removed dates of a schedule drift, verification evidence).
 */
public record Finding(
        int schemaVersion,
        String findingId,
        FindingKind kind,
        FindingStatus status,
        Optional<Verdict> verdict,
        String customer,
        String resource,
        String key,
        String runId,
        RunKind runKind,
        Instant detectedAt,
        Optional<Instant> vomoVersion,
        Optional<String> vomoHash,
        Optional<Instant> partnerVersion,
        Optional<String> partnerHash,
        Optional<JsonNode> vomoRecord,
        List<FieldDiff> fieldDiffs,
        Map<String, String> details,
        Optional<Instant> resolvedAt) {

    public Finding {
        verdict = verdict == null ? Optional.empty() : verdict;
        vomoVersion = vomoVersion == null ? Optional.empty() : vomoVersion;
        vomoHash = vomoHash == null ? Optional.empty() : vomoHash;
        partnerVersion = partnerVersion == null ? Optional.empty() : partnerVersion;
        partnerHash = partnerHash == null ? Optional.empty() : partnerHash;
        // Jackson binds an absent Optional<JsonNode> to Optional.of(NullNode): a JSON null is no record.
        vomoRecord = vomoRecord == null ? Optional.empty() : vomoRecord.filter(r -> !r.isNull() && !r.isMissingNode());
        fieldDiffs = fieldDiffs == null ? List.of() : List.copyOf(fieldDiffs);
        details = details == null ? Map.of() : Map.copyOf(details);
        resolvedAt = resolvedAt == null ? Optional.empty() : resolvedAt;
    }

    /** Whether the sink should act on it: OPEN, and for deletions and orphans only with an actionable verdict. */
    public boolean actionable() {
        if (status != FindingStatus.OPEN) {
            return false;
        }
        if (kind.family() == FindingKind.Family.DELETION) {
            // DELETION and ORPHAN_EXTERNAL: only a by-id verdict that says "gone" or "erased" is acted on.
            return verdict.map(Verdict::actionable).orElse(false);
        }
        return true;
    }
}
