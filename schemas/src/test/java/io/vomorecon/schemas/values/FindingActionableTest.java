package io.vomorecon.schemas.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FindingActionableTest {

    private static Finding finding(FindingKind kind, FindingStatus status, Optional<Verdict> verdict) {
        return new Finding(1, "f1", kind, status, verdict, "acme", "users", "acme/users/1", "r-1", RunKind.FULL,
                Instant.parse("2025-06-02T06:00:00Z"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Map.of(), Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(value = FindingKind.class, names = {"DELETION", "ORPHAN_EXTERNAL"})
    void deletionFamilyIsActionableOnlyWhenOpenWithAGoneOrErasedVerdict(FindingKind kind) {
        assertThat(finding(kind, FindingStatus.CANDIDATE, Optional.empty()).actionable()).isFalse();
        assertThat(finding(kind, FindingStatus.OPEN, Optional.empty()).actionable()).isFalse();
        for (Verdict v : Verdict.values()) {
            assertThat(finding(kind, FindingStatus.OPEN, Optional.of(v)).actionable()).as("%s %s", kind, v)
                    .isEqualTo(v == Verdict.DELETED || v == Verdict.ANONYMIZED);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FindingKind.class, names = {"MISSED_CREATE", "MISSED_UPDATE", "SILENT_CHANGE", "PUSH_FAILURE", "DRIFT"})
    void gapsAndDriftAreActionableWhileOpen(FindingKind kind) {
        assertThat(finding(kind, FindingStatus.OPEN, Optional.empty()).actionable()).isTrue();
        assertThat(finding(kind, FindingStatus.RESOLVED, Optional.empty()).actionable()).isFalse();
    }

    @Test
    void aNullRecordNodeIsNoRecord() {
        Finding f = new Finding(1, "f1", FindingKind.MISSED_CREATE, FindingStatus.OPEN, null, "acme", "users", "acme/users/1",
                "r-1", RunKind.FULL, Instant.EPOCH, null, null, null, null,
                Optional.of(com.fasterxml.jackson.databind.node.NullNode.getInstance()), null, null, null);
        assertThat(f.vomoRecord()).isEmpty();
    }
}
