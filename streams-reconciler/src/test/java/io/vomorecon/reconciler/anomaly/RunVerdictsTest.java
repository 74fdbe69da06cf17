package io.vomorecon.reconciler.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.reconciler.config.AnomalyThresholds;
import io.vomorecon.reconciler.state.PartResult;
import io.vomorecon.reconciler.state.RunInfo;
import io.vomorecon.reconciler.state.RunPart;
import io.vomorecon.schemas.values.DiagnosisCode;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.RunStatus;
import io.vomorecon.schemas.values.RunVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parts from several partitions make one summary; one incomplete partition makes the whole run incomplete. */
class RunVerdictsTest {

    static final Instant T = Instant.parse("2026-01-10T08:00:00Z");
    static final AnomalyThresholds TH = AnomalyThresholds.standard();

    static RunPart part(int p, RunStatus status, long announced, long received, Map<FindingKind, Long> findings, long seen) {
        RunInfo info = new RunInfo("r-1", "acme", "users", RunKind.FULL, RunSource.VOMO, List.of("acme/users/"), Optional.empty(),
                T, T.plusSeconds(60 + p), p, 3, announced, received, 40, status, Optional.empty());
        return new RunPart(info, new PartResult(seen, seen, findings, 0, Map.of(), Map.of(), 0, 0));
    }

    @Test
    void completePartsSumUpAndKeepDeletions() {
        var o = RunVerdicts.summarise(List.of(
                part(0, RunStatus.COMPLETED, 10, 10, Map.of(FindingKind.MISSED_CREATE, 1L), 10),
                part(1, RunStatus.COMPLETED, 12, 12, Map.of(FindingKind.DELETION, 2L), 12),
                part(2, RunStatus.COMPLETED, 8, 8, Map.of(), 8)), TH, List.of(), 0, T);
        assertThat(o.deletionsAllowed()).isTrue();
        assertThat(o.summary().recordsAnnounced()).isEqualTo(30);
        assertThat(o.summary().keysChecked()).isEqualTo(30);
        assertThat(o.summary().findings()).containsEntry(FindingKind.DELETION, 2L).containsEntry(FindingKind.MISSED_CREATE, 1L);
        assertThat(o.summary().completedAt()).isEqualTo(T.plusSeconds(62));
        assertThat(o.summary().apiCalls()).isEqualTo(40);
        assertThat(o.summary().verdict()).isEqualTo(RunVerdict.DEGRADED);
        assertThat(o.summary().gapRate()).isEqualTo(1.0 / 30);
    }

    @Test
    void oneMismatchedPartitionWithdrawsEveryPartitionsDeletions() {
        var o = RunVerdicts.summarise(List.of(
                part(0, RunStatus.COMPLETED, 10, 10, Map.of(FindingKind.DELETION, 3L), 10),
                part(1, RunStatus.COUNT_MISMATCH, 12, 11, Map.of(FindingKind.MISSED_CREATE, 1L), 11),
                part(2, RunStatus.COMPLETED, 8, 8, Map.of(FindingKind.ORPHAN_EXTERNAL, 1L), 8)), TH, List.of(), 0, T);
        assertThat(o.deletionsAllowed()).isFalse();
        assertThat(o.summary().status()).isEqualTo(RunStatus.COUNT_MISMATCH);
        assertThat(o.summary().findings()).containsOnlyKeys(FindingKind.MISSED_CREATE);
        assertThat(o.summary().verdict()).isEqualTo(RunVerdict.INCOMPLETE);
        assertThat(o.summary().notes()).anyMatch(n -> n.equals("partition 1: marker announced 12 records, 11 arrived"))
                .anyMatch(n -> n.startsWith("no deletions derived"));
    }

    @Test
    void rulesFireAtTheirThresholdsAndNotBelow() {
        var at = new AnomalyRules.Totals(RunKind.INCREMENTAL, 10, 5, 0, 0, Map.of(), false);
        var below = new AnomalyRules.Totals(RunKind.INCREMENTAL, 10, 4, 0, 0, Map.of(), false);
        var few = new AnomalyRules.Totals(RunKind.INCREMENTAL, 9, 9, 0, 0, Map.of(), false);
        assertThat(AnomalyRules.diagnose(at, TH, List.of())).extracting(d -> d.code()).containsExactly(DiagnosisCode.POLLING_BROKEN);
        assertThat(AnomalyRules.diagnose(below, TH, List.of())).isEmpty();
        assertThat(AnomalyRules.diagnose(few, TH, List.of())).as("too few records to judge").isEmpty();
        var full = new AnomalyRules.Totals(RunKind.FULL, 1000, 0, 101, 0, Map.of(), true);
        assertThat(AnomalyRules.diagnose(full, TH, List.of())).extracting(d -> d.code())
                .containsExactly(DiagnosisCode.MASS_DELETION_OR_MISSED_CREATES);
        var partial = new AnomalyRules.Totals(RunKind.FULL, 1000, 0, 101, 0, Map.of(), false);
        assertThat(AnomalyRules.diagnose(partial, TH, List.of())).isEmpty();
        var spread = new AnomalyRules.Totals(RunKind.FULL, 1000, 0, 0, 30, Map.of("a", 15L, "b", 15L), true);
        assertThat(AnomalyRules.diagnose(spread, TH, List.of())).as("drift spread over fields").isEmpty();
        var peers = List.of(0.01, 0.02, 0.01);
        var high = new AnomalyRules.Totals(RunKind.FULL, 100, 10, 0, 0, Map.of(), true);
        assertThat(AnomalyRules.diagnose(high, TH, peers)).extracting(d -> d.code()).containsExactly(DiagnosisCode.CUSTOMER_SPECIFIC);
        assertThat(AnomalyRules.diagnose(high, TH, List.of(0.01))).as("needs enough peers").isEmpty();
    }
}
