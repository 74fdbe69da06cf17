package io.vomorecon.reconciler.classify;

import io.vomorecon.reconciler.state.VomoEntry;
import io.vomorecon.schemas.mapping.FieldMapping;
import io.vomorecon.schemas.mapping.MappedField;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.FieldDiff;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.PartnerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classification table of ARCHITECTURE.md section 4 as one pure function over V, P and E of
 * one key. Rows are tried in table order and the first that holds is the key's one finding, so
 * a gap always explains away the drift it causes. It never reads a store or a clock.
 */
public final class Classifier {

    private Classifier() {
    }

    public static Classification classify(KeyState s, Evaluation eval) {
        if (s.seenInRun() && s.vomo().isPresent()) {
            return classifyPresent(s, s.vomo().get(), eval);
        }
        if (!eval.deletionsAllowed()) {
            return Classification.NOT_EVALUATED;
        }
        boolean pLive = s.partnerLive();
        boolean eLive = s.externalLive();
        if (!pLive && eLive) {
            return found(s, FindingKind.ORPHAN_EXTERNAL, List.of());
        }
        if (pLive || eLive) {
            return found(s, FindingKind.DELETION, List.of());
        }
        return Classification.IN_SYNC;
    }

    private static Classification classifyPresent(KeyState s, VomoEntry v, Evaluation eval) {
        Instant horizon = eval.now().minus(eval.grace());
        if (v.changedAt().isAfter(horizon)) {
            return new Classification.InFlight("VOMO changed at " + v.changedAt() + ", within the grace period");
        }
        if (!s.partnerLive()) {
            return found(s, FindingKind.MISSED_CREATE, List.of());
        }
        PartnerState p = s.partner().get();
        switch (versionGap(v, p)) {
            case MISSED_UPDATE -> {
                return found(s, FindingKind.MISSED_UPDATE, List.of());
            }
            case SILENT_CHANGE -> {
                return found(s, FindingKind.SILENT_CHANGE, List.of());
            }
            case STALE_SNAPSHOT -> {
                return new Classification.InFlight("snapshot older than the partner's processed version");
            }
            case NONE -> {
                // the partner processed what VOMO holds: go on to the destination
            }
        }
        boolean fresh = s.external().map(e -> observedAfter(e, p)).orElse(false);
        if (p.pushed()) {
            List<FieldDiff> pushDiffs = s.externalLive() ? diff(s, p.pushedFields(), s.external().get()) : List.of();
            boolean landed = s.externalLive() && pushDiffs.isEmpty();
            if (!landed) {
                if (!fresh) {
                    return notReadSince(s, p);
                }
                return found(s, FindingKind.PUSH_FAILURE, pushDiffs);
            }
        } else if (s.externalLive() && !fresh) {
            // Nothing pushed now, but an earlier push may have changed the row after it was read: no proof of drift.
            return notReadSince(s, p);
        }
        if (s.externalLive()) {
            Map<String, String> mapped;
            try {
                mapped = v.mappedFields(s.resource());
            } catch (IllegalArgumentException e) {
                throw new UnclassifiableKey(s.key(), e.getMessage(), e);
            }
            List<FieldDiff> drift = diff(s, mapped, s.external().get());
            if (!drift.isEmpty()) {
                return found(s, FindingKind.DRIFT, drift);
            }
        }
        return Classification.IN_SYNC;
    }

    /**
     * Whether E was observed after the partner processed P, so it can prove what a push left in
     * the destination. E is refreshed only by destination reads (exhaustive runs) and by the sink,
     * so an older E says nothing about a later push. Strictly after: clocks with whole-second
     * resolution (the simulated one) give a push and a read running side by side the same
     * instant, and such a read cannot be ordered with the push. An E that agrees with what was
     * pushed needs no timing: its content shows the push landed.
     */
    static boolean observedAfter(ExternalRow e, PartnerState p) {
        return e.observedAt().isAfter(p.processedAt());
    }

    private static Classification notReadSince(KeyState s, PartnerState p) {
        String seen = s.external().map(e -> "last read at " + e.observedAt()).orElse("never read");
        return new Classification.InFlight("destination not read since the partner's " + (p.pushed() ? "push" : "processing")
                + " at " + p.processedAt() + " (" + seen + ")");
    }

    private enum VersionGap { NONE, MISSED_UPDATE, SILENT_CHANGE, STALE_SNAPSHOT }

    /** Whether the partner's processed version is behind V, level with it but with other content, or ahead of it. */
    private static VersionGap versionGap(VomoEntry v, PartnerState p) {
        boolean hashDiffers = !p.processedHash().map(h -> h.equals(v.contentHash())).orElse(false);
        if (v.updatedAt().isPresent() && p.processedVersion().isPresent()) {
            Instant vv = v.updatedAt().get();
            Instant pv = p.processedVersion().get();
            if (vv.isAfter(pv)) {
                return VersionGap.MISSED_UPDATE;
            }
            if (vv.isBefore(pv)) {
                return VersionGap.STALE_SNAPSHOT;
            }
            return hashDiffers ? VersionGap.SILENT_CHANGE : VersionGap.NONE;
        }
        // No version on one side (participations have no updated_at): only the content hash can tell.
        return hashDiffers ? VersionGap.MISSED_UPDATE : VersionGap.NONE;
    }

    /** Mapped columns whose normalised values differ; personal columns are ignored on an erased row. */
    static List<FieldDiff> diff(KeyState s, Map<String, String> vomoSide, ExternalRow e) {
        List<FieldDiff> out = new ArrayList<>();
        for (MappedField f : FieldMapping.fields(s.resource())) {
            if (e.erased() && f.personal()) {
                continue;
            }
            String rawA = vomoSide.get(f.column());
            String rawB = e.fields().get(f.column());
            // Normalising is a function of the text: equal texts (the common, in-sync case) cannot differ after it.
            if (java.util.Objects.equals(rawA, rawB)) {
                continue;
            }
            Optional<String> a = normalised(f, rawA);
            Optional<String> b = normalised(f, rawB);
            if (!a.equals(b)) {
                out.add(new FieldDiff(f.column(), a, b));
            }
        }
        return out;
    }

    /**
     * Both sides arrive normalised; normalising again is idempotent and absorbs a writer that was
     * sloppy. A value that does not normalise at all is compared as it is (it will differ, and
     * that difference is the finding), so a bad destination value never stops classification.
     */
    private static Optional<String> normalised(MappedField f, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return f.normalizer().fromText(raw);
        } catch (RuntimeException e) {
            String t = raw.trim();
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        }
    }

    private static Classification found(KeyState s, FindingKind kind, List<FieldDiff> diffs) {
        return new Classification.Found(kind, diffs, ResourceRules.details(s, kind, diffs));
    }

    /** A key whose data cannot be classified (a V value the mapping cannot normalise): goes to the DLQ. */
    public static final class UnclassifiableKey extends RuntimeException {
        private final String key;

        public UnclassifiableKey(String key, String reason, Throwable cause) {
            super("key " + key + " cannot be classified: " + reason, cause);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
