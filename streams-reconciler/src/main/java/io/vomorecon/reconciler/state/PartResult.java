package io.vomorecon.reconciler.state;

import io.vomorecon.schemas.values.FindingKind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one partition's evaluation of a run found, accumulated slice by slice and stored with the
 * sweep cursor (so a restart resumes the counts with the cursor). Immutable; each step returns a copy.
 */
public record PartResult(
        long keysChecked,
        long keysSeen,
        Map<FindingKind, Long> findings,
        long inFlight,
        Map<String, Long> driftFields,
        Map<String, ScheduleDiff> scheduleDiffs,
        long errors,
        long absentRows) {

    public PartResult {
        findings = findings == null ? Map.of() : Map.copyOf(findings);
        driftFields = driftFields == null ? Map.of() : Map.copyOf(driftFields);
        scheduleDiffs = scheduleDiffs == null ? Map.of() : Map.copyOf(scheduleDiffs);
    }

    public static PartResult empty() {
        return new PartResult(0, 0, Map.of(), 0, Map.of(), Map.of(), 0, 0);
    }

    /** A project's dates VOMO lists that the partner does not know (added), and the reverse (removed). */
    public record ScheduleDiff(List<String> added, List<String> removed) {
        public ScheduleDiff {
            added = added == null ? List.of() : List.copyOf(new TreeSet<>(added));
            removed = removed == null ? List.of() : List.copyOf(new TreeSet<>(removed));
        }

        public ScheduleDiff plus(ScheduleDiff o) {
            java.util.ArrayList<String> a = new java.util.ArrayList<>(added);
            a.addAll(o.added);
            java.util.ArrayList<String> r = new java.util.ArrayList<>(removed);
            r.addAll(o.removed);
            return new ScheduleDiff(a, r);
        }

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    /** A mutable builder for one slice; {@link #build} gives the next immutable value. */
    public static final class Builder {
        private long keysChecked;
        private long keysSeen;
        private final Map<FindingKind, Long> findings = new EnumMap<>(FindingKind.class);
        private long inFlight;
        private final Map<String, Long> driftFields = new TreeMap<>();
        private final Map<String, ScheduleDiff> scheduleDiffs = new LinkedHashMap<>();
        private long errors;
        private long absentRows;

        public Builder(PartResult from) {
            keysChecked = from.keysChecked;
            keysSeen = from.keysSeen;
            findings.putAll(from.findings);
            inFlight = from.inFlight;
            driftFields.putAll(from.driftFields);
            scheduleDiffs.putAll(from.scheduleDiffs);
            errors = from.errors;
            absentRows = from.absentRows;
        }

        public Builder checked(boolean seen) {
            keysChecked++;
            if (seen) {
                keysSeen++;
            }
            return this;
        }

        public Builder found(FindingKind kind, List<String> driftedFields) {
            findings.merge(kind, 1L, Long::sum);
            driftedFields.forEach(f -> driftFields.merge(f, 1L, Long::sum));
            return this;
        }

        public Builder inFlight() {
            inFlight++;
            return this;
        }

        public Builder error() {
            errors++;
            return this;
        }

        public Builder absentRow() {
            absentRows++;
            return this;
        }

        public Builder schedule(String projectId, ScheduleDiff d) {
            scheduleDiffs.merge(projectId, d, ScheduleDiff::plus);
            return this;
        }

        public PartResult build() {
            return new PartResult(keysChecked, keysSeen, findings, inFlight, driftFields, scheduleDiffs, errors, absentRows);
        }
    }
}
