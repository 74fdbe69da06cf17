package io.vomorecon.reconciler.topology;

import static io.vomorecon.reconciler.topology.Harness.T0;
import static io.vomorecon.reconciler.topology.Harness.snap;
import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.reconciler.bench.SyntheticRecords;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunStatus;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.RunVerdict;
import io.vomorecon.schemas.values.Snapshot;
import io.vomorecon.schemas.values.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The classification table end to end through the topology: one test per row, per verdict, and the grace period. */
class ClassificationTableTest {

    static final Instant DONE = T0.plus(Duration.ofHours(6));
    static final List<String> USERS = List.of("acme/users/");
    final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    RunSummary fullRun(Snapshot... records) {
        String run = h.nextRunId("users", RunKind.FULL);
        List<Snapshot> tagged = java.util.Arrays.stream(records)
                .map(s -> new Snapshot(1, run, s.customer(), s.resource(), s.key(), s.record(), s.updatedAt(), s.contentHash(),
                        s.observedAt())).toList();
        return h.run(run, "users", RunKind.FULL, USERS, tagged, DONE);
    }

    @Test
    void inSyncKeysGiveAHealthyRunAndNoFindings() {
        Snapshot v = h.inSync("acme/users/1", T0);
        RunSummary s = fullRun(v);
        assertThat(s.verdict()).isEqualTo(RunVerdict.HEALTHY);
        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(s.keysChecked()).isEqualTo(1);
        assertThat(s.recordsAnnounced()).isEqualTo(1);
        assertThat(s.deletionsDerived()).isTrue();
        assertThat(h.findings()).isEmpty();
    }

    @Test
    void vomoWithoutPartnerIsMissedCreateOnGaps() {
        RunSummary s = fullRun(snap("x", "acme/users/2", 0, T0));
        assertThat(s.findings()).containsEntry(FindingKind.MISSED_CREATE, 1L);
        assertThat(s.verdict()).isEqualTo(RunVerdict.DEGRADED);
        assertThat(s.gapRate()).isEqualTo(1.0);
        Finding f = h.gaps.readValue();
        assertThat(f.kind()).isEqualTo(FindingKind.MISSED_CREATE);
        assertThat(f.status()).isEqualTo(FindingStatus.OPEN);
        assertThat(f.vomoRecord()).isPresent();
        assertThat(f.vomoHash()).isPresent();
        assertThat(f.detectedAt()).as("now is the marker's completedAt").isEqualTo(DONE);
        assertThat(f.actionable()).isTrue();
    }

    @Test
    void newerVomoVersionIsMissedUpdate() {
        h.inSync("acme/users/3", T0);
        fullRun(snap("x", "acme/users/3", 1, T0.plusSeconds(600)));
        Finding f = h.gaps.readValue();
        assertThat(f.kind()).isEqualTo(FindingKind.MISSED_UPDATE);
        assertThat(f.vomoVersion()).contains(T0.plusSeconds(600));
        assertThat(f.partnerVersion()).contains(T0);
    }

    @Test
    void changedContentWithSameUpdatedAtIsSilentChange() {
        h.inSync("acme/users/4", T0);
        fullRun(snap("x", "acme/users/4", 1, T0));
        assertThat(h.gaps.readValue().kind()).isEqualTo(FindingKind.SILENT_CHANGE);
    }

    @Test
    void pushedButMissingInTheDestinationIsPushFailure() {
        Snapshot v = snap("x", "acme/users/5", 0, T0);
        h.publish(SyntheticRecords.partnerFor(v, T0));
        // the evidence: a complete destination read after the push that did not list the row
        h.externalRun("users", USERS, List.of(), T0.plusSeconds(600), T0.plusSeconds(660));
        fullRun(v);
        Finding f = h.gaps.readValue();
        assertThat(f.kind()).isEqualTo(FindingKind.PUSH_FAILURE);
        assertThat(h.drift.isEmpty()).isTrue();
    }

    @Test
    void destinationDifferentFromVomoIsDriftWithFieldNamesAndBothValues() {
        Snapshot v = snap("x", "acme/users/6", 0, T0);
        PartnerState p = SyntheticRecords.partnerFor(v, T0);
        Map<String, String> fields = new HashMap<>(p.pushedFields());
        fields.put("membership_status", "inactive");
        h.publish(new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(), p.processedHash(), true, fields,
                p.externalId(), p.processedAt(), false, p.source()));
        ExternalRow e = SyntheticRecords.externalFor(v, Optional.empty(), T0);
        h.publish(new ExternalRow(1, e.runId(), e.customer(), e.resource(), e.key(), e.source(), true, fields, e.vomoVersion(),
                false, false, e.externalId(), e.observedAt()));
        RunSummary s = fullRun(v);
        assertThat(s.findings()).containsOnlyKeys(FindingKind.DRIFT);
        Finding f = h.drift.readValue();
        assertThat(f.kind()).isEqualTo(FindingKind.DRIFT);
        assertThat(f.fieldDiffs()).singleElement().satisfies(d -> {
            assertThat(d.field()).isEqualTo("membership_status");
            assertThat(d.vomoValue()).contains("active");
            assertThat(d.externalValue()).contains("inactive");
        });
    }

    @Test
    void keyNotListedByACompleteFullRunIsADeletionCandidate() {
        h.inSync("acme/users/7", T0);
        RunSummary s = fullRun();
        assertThat(s.findings()).containsEntry(FindingKind.DELETION, 1L);
        Finding f = h.deletions.readValue();
        assertThat(f.kind()).isEqualTo(FindingKind.DELETION);
        assertThat(f.status()).isEqualTo(FindingStatus.CANDIDATE);
        assertThat(f.actionable()).isFalse();
    }

    @Test
    void destinationRowWithoutVomoOrPartnerIsAnOrphan() {
        Snapshot ghost = snap("x", "acme/users/8", 0, T0);
        h.publish(SyntheticRecords.externalFor(ghost, Optional.empty(), T0));
        fullRun();
        Finding f = h.deletions.readValue();
        assertThat(f.kind()).isEqualTo(FindingKind.ORPHAN_EXTERNAL);
        assertThat(f.status()).isEqualTo(FindingStatus.CANDIDATE);
    }

    @ParameterizedTest
    @EnumSource(Verdict.class)
    void verifierVerdictOpensTheCandidateAndOnlyDeletedAndAnonymizedAreActionable(Verdict verdict) {
        h.inSync("acme/users/9", T0);
        fullRun();
        Finding candidate = h.deletions.readValue();
        h.verify(candidate, verdict);
        Finding open = h.deletions.readValue();
        assertThat(open.findingId()).isEqualTo(candidate.findingId());
        assertThat(open.status()).isEqualTo(FindingStatus.OPEN);
        assertThat(open.verdict()).contains(verdict);
        assertThat(open.actionable()).isEqualTo(verdict == Verdict.DELETED || verdict == Verdict.ANONYMIZED);
        h.verify(candidate, verdict);
        assertThat(h.deletions.isEmpty()).as("a repeated verdict emits nothing").isTrue();
    }

    @Test
    void changeYoungerThanTheGracePeriodIsInFlightNotAGap() {
        // default grace: 2 x 15 min partner polling interval
        RunSummary s = fullRun(snap("x", "acme/users/10", 0, DONE.minus(Duration.ofMinutes(29))),
                snap("x", "acme/users/11", 0, DONE.minus(Duration.ofMinutes(31))));
        assertThat(s.inFlight()).isEqualTo(1);
        assertThat(s.findings()).containsOnly(Map.entry(FindingKind.MISSED_CREATE, 1L));
        assertThat(h.gaps.readValuesToList()).extracting(Finding::key).containsExactly("acme/users/11");
    }
}
