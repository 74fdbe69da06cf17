package io.vomorecon.reconciler.topology;

import static io.vomorecon.reconciler.topology.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.reconciler.bench.SyntheticRecords;
import io.vomorecon.reconciler.config.AnomalyThresholds;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.schemas.values.Alert;
import io.vomorecon.schemas.values.DiagnosisCode;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.ReviewDecision;
import io.vomorecon.schemas.values.ReviewItem;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.RunVerdict;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each diagnosis holds the run's findings on recon.review; review decisions release once or discard; the daily gap-rate alert. */
class AnomalyHoldTest {

    static final Instant DONE = T0.plus(Duration.ofHours(6));

    /** An incremental run over {@code n} records of which {@code gaps} are missed creates (the rest in sync). */
    static RunSummary incremental(Harness h, String customer, int n, int gaps, Instant done) {
        String run = h.nextRunId(customer, "users", RunKind.INCREMENTAL);
        List<Snapshot> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = customer + "/users/" + (done.getEpochSecond() % 100000) + "x" + i;
            Snapshot s = Harness.snap(run, key, 0, T0);
            if (i >= gaps) {
                h.publish(SyntheticRecords.partnerFor(s, T0));
                h.publish(SyntheticRecords.externalFor(s, Optional.empty(), T0));
            }
            records.add(s);
        }
        return h.run(run, "users", RunKind.INCREMENTAL, List.of(customer + "/users/"), records, done);
    }

    @Test
    void incrementalRunWithHalfItsRecordsAsGapsIsPollingBrokenAndHeld() {
        try (Harness h = new Harness()) {
            RunSummary s = incremental(h, "acme", 20, 10, DONE);
            assertThat(s.verdict()).isEqualTo(RunVerdict.ANOMALOUS);
            assertThat(s.diagnosis()).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo(DiagnosisCode.POLLING_BROKEN));
            assertThat(s.actionsRequested()).isZero();
            assertThat(h.findings()).as("held: nothing on the action topics").isEmpty();
            List<ReviewItem> held = h.review.readValuesToList();
            assertThat(held).hasSize(10).allSatisfy(i -> {
                assertThat(i.runId()).isEqualTo(s.runId());
                assertThat(i.diagnosis().code()).isEqualTo(DiagnosisCode.POLLING_BROKEN);
                assertThat(i.finding().kind()).isEqualTo(FindingKind.MISSED_CREATE);
            });
            assertThat(h.alerts.readValue().alertKind()).isEqualTo(Alert.AlertKind.RUN_HELD);
        }
    }

    @Test
    void fullRunWithMoreDeletionsThanTheThresholdIsMassDeletion() {
        ReconcilerConfig cfg = ReconcilerConfig.defaults().withAnomaly(new ReconcilerConfig.Anomaly(
                null, Map.of("acme", new AnomalyThresholds(null, 5L, null, null, null, null, null, null)), null));
        try (Harness h = new Harness(cfg)) {
            for (int i = 0; i < 6; i++) {
                h.inSync("acme/users/" + i, T0);
            }
            String run = h.nextRunId("users", RunKind.FULL);
            RunSummary s = h.run(run, "users", RunKind.FULL, List.of("acme/users/"), List.of(), DONE);
            assertThat(s.diagnosis()).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo(DiagnosisCode.MASS_DELETION_OR_MISSED_CREATES));
            assertThat(h.deletions.isEmpty()).isTrue();
            assertThat(h.review.readValuesToList()).hasSize(6);
        }
    }

    @Test
    void driftConcentratedOnOneFieldIsMappingRegressionNamingTheField() {
        try (Harness h = new Harness()) {
            String run = h.nextRunId("users", RunKind.FULL);
            List<Snapshot> records = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                Snapshot v = Harness.snap(run, "acme/users/" + i, 0, T0);
                PartnerState p = SyntheticRecords.partnerFor(v, T0);
                Map<String, String> buggy = new HashMap<>(p.pushedFields());
                buggy.put("membership_role", "member");
                h.publish(new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(), p.processedHash(), true,
                        buggy, p.externalId(), T0, false, p.source()));
                ExternalRow e = SyntheticRecords.externalFor(v, Optional.empty(), T0);
                h.publish(new ExternalRow(1, Optional.empty(), e.customer(), e.resource(), e.key(), e.source(), true, buggy,
                        e.vomoVersion(), false, false, e.externalId(), T0));
                records.add(v);
            }
            RunSummary s = h.run(run, "users", RunKind.FULL, List.of("acme/users/"), records, DONE);
            assertThat(s.diagnosis()).hasValueSatisfying(d -> {
                assertThat(d.code()).isEqualTo(DiagnosisCode.MAPPING_REGRESSION);
                assertThat(d.field()).contains("membership_role");
            });
            assertThat(h.drift.isEmpty()).isTrue();
        }
    }

    @Test
    void customerFarAboveTheOthersIsCustomerSpecific() {
        try (Harness h = new Harness()) {
            assertThat(incremental(h, "globex", 50, 0, DONE).verdict()).isEqualTo(RunVerdict.HEALTHY);
            assertThat(incremental(h, "initech", 50, 1, DONE.plusSeconds(1)).verdict()).isEqualTo(RunVerdict.DEGRADED);
            RunSummary s = incremental(h, "acme", 50, 10, DONE.plusSeconds(2));
            assertThat(s.verdict()).isEqualTo(RunVerdict.ANOMALOUS);
            assertThat(s.diagnosis()).hasValueSatisfying(d -> assertThat(d.code()).isEqualTo(DiagnosisCode.CUSTOMER_SPECIFIC));
        }
    }

    @Test
    void dailyGapRateAboveOnePercentRaisesOneAlertPerDay() {
        try (Harness h = new Harness()) {
            incremental(h, "acme", 50, 0, DONE);
            assertThat(h.alerts.isEmpty()).isTrue();
            incremental(h, "acme", 50, 2, DONE.plusSeconds(60));
            Alert a = h.alerts.readValue();
            assertThat(a.alertKind()).isEqualTo(Alert.AlertKind.GAP_RATE_HIGH);
            assertThat(a.value()).hasValueSatisfying(v -> assertThat(v).isEqualTo(0.02));
            assertThat(a.threshold()).contains(0.01);
            incremental(h, "acme", 50, 2, DONE.plusSeconds(120));
            assertThat(h.alerts.isEmpty()).as("once per customer and day").isTrue();
        }
    }

    @Test
    void approvalReleasesTheHeldFindingsExactlyOnceAndIsRecordedOnTheRun() {
        try (Harness h = new Harness()) {
            RunSummary held = incremental(h, "acme", 20, 12, DONE);
            h.review.readValuesToList();
            h.decide(h.decision(held.runId(), ReviewDecision.Decision.APPROVE, "alice", "checkpoint was reset on purpose"));
            RunSummary updated = h.runs.readValue();
            assertThat(updated.runId()).isEqualTo(held.runId());
            assertThat(updated.notes()).anyMatch(n -> n.startsWith("review: APPROVED by alice") && n.endsWith("checkpoint was reset on purpose"));
            assertThat(updated.actionsRequested()).isEqualTo(12);
            assertThat(h.gaps.readValuesToList()).hasSize(12);

            h.decide(h.decision(held.runId(), ReviewDecision.Decision.APPROVE, "bob", "again"));
            h.decide(h.decision(held.runId(), ReviewDecision.Decision.REJECT, "bob", "changed my mind"));
            assertThat(h.runs.isEmpty()).isTrue();
            assertThat(h.findings()).as("a second decision is a no-op").isEmpty();
        }
    }

    @Test
    void rejectionDiscardsTheHeldFindings() {
        try (Harness h = new Harness()) {
            RunSummary held = incremental(h, "acme", 20, 12, DONE);
            h.decide(h.decision(held.runId(), ReviewDecision.Decision.REJECT, "carol", "the sandbox was misconfigured"));
            assertThat(h.runs.readValue().notes()).anyMatch(n -> n.startsWith("review: REJECTED by carol"));
            h.decide(h.decision(held.runId(), ReviewDecision.Decision.APPROVE, "dave", "too late"));
            assertThat(h.findings()).isEmpty();
        }
    }

    @Test
    void decisionWithoutTheAdminSecretIsRefused() {
        try (Harness h = new Harness()) {
            RunSummary held = incremental(h, "acme", 20, 12, DONE);
            ReviewDecision forged = new ReviewDecision(1, "hmac-sha256:00", held.runId(), ReviewDecision.Decision.APPROVE,
                    "mallory", "let me through", h.clock.instant());
            h.decide(forged);
            assertThat(h.findings()).isEmpty();
            assertThat(h.dlq.readValue().reason()).contains("not signed with the admin secret");
            h.decide(h.decision(held.runId(), ReviewDecision.Decision.APPROVE, "alice", "ok"));
            assertThat(h.gaps.readValuesToList()).hasSize(12);
        }
    }
}
