package io.vomorecon.reconciler.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.reconciler.bench.SyntheticRecords;
import io.vomorecon.reconciler.state.VomoEntry;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The classification table, row by row, as a pure function (the topology tests repeat it end to end). */
class ClassifierTest {

    static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");
    static final Instant NOW = T0.plus(Duration.ofHours(6));
    static final Evaluation COMPLETE = new Evaluation(NOW, Duration.ofMinutes(30), true);
    static final Evaluation PARTIAL = new Evaluation(NOW, Duration.ofMinutes(30), false);
    static final String KEY = "acme/users/8205";

    final Snapshot v = SyntheticRecords.snapshot("r1", KEY, 0, T0, NOW);
    final PartnerState p = SyntheticRecords.partnerFor(v, T0);
    final ExternalRow e = SyntheticRecords.externalFor(v, Optional.empty(), T0);

    static KeyState state(Snapshot v, boolean seen, PartnerState p, ExternalRow e) {
        return KeyState.of(v.key(), Optional.ofNullable(v).map(s -> VomoEntry.next(Optional.empty(), s)), seen,
                Optional.ofNullable(p), Optional.ofNullable(e));
    }

    static FindingKind kindOf(Classification c) {
        assertThat(c).isInstanceOf(Classification.Found.class);
        return ((Classification.Found) c).kind();
    }

    @Test
    void threeSidesAgreeIsInSync() {
        assertThat(Classifier.classify(state(v, true, p, e), COMPLETE)).isInstanceOf(Classification.InSync.class);
    }

    @Test
    void vomoWithoutPartnerIsMissedCreate() {
        assertThat(kindOf(Classifier.classify(state(v, true, null, null), COMPLETE))).isEqualTo(FindingKind.MISSED_CREATE);
    }

    @Test
    void newerVomoVersionIsMissedUpdate() {
        Snapshot newer = SyntheticRecords.snapshot("r2", KEY, 1, T0.plusSeconds(60), NOW);
        assertThat(kindOf(Classifier.classify(state(newer, true, p, e), COMPLETE))).isEqualTo(FindingKind.MISSED_UPDATE);
    }

    @Test
    void sameVersionOtherContentIsSilentChange() {
        Snapshot silent = SyntheticRecords.snapshot("r2", KEY, 1, T0, NOW);
        assertThat(kindOf(Classifier.classify(state(silent, true, p, e), COMPLETE))).isEqualTo(FindingKind.SILENT_CHANGE);
    }

    @Test
    void pushedButAbsentOrDifferentInADestinationReadAfterThePushIsPushFailure() {
        Instant readAfterPush = p.processedAt().plusSeconds(60);
        ExternalRow absent = new ExternalRow(1, Optional.of("r-ext"), e.customer(), e.resource(), e.key(), e.source(), false,
                Map.of(), Optional.empty(), false, false, Optional.empty(), readAfterPush);
        assertThat(kindOf(Classifier.classify(state(v, true, p, absent), COMPLETE))).isEqualTo(FindingKind.PUSH_FAILURE);
        Map<String, String> other = new HashMap<>(e.fields());
        other.put("last_name", "Someone Else");
        ExternalRow wrong = observedAt(withFields(e, other), readAfterPush);
        Classification c = Classifier.classify(state(v, true, p, wrong), COMPLETE);
        assertThat(kindOf(c)).isEqualTo(FindingKind.PUSH_FAILURE);
        assertThat(((Classification.Found) c).diffs()).extracting(d -> d.field()).containsExactly("last_name");
    }

    @Test
    void destinationReadBeforeThePushDifferingFromItIsInFlightNotPushFailure() {
        Map<String, String> older = new HashMap<>(e.fields());
        older.put("last_name", "Before The Push");
        ExternalRow stale = observedAt(withFields(e, older), p.processedAt().minusSeconds(600));
        Classification c = Classifier.classify(state(v, true, p, stale), COMPLETE);
        assertThat(c).isInstanceOf(Classification.InFlight.class);
        assertThat(((Classification.InFlight) c).reason()).contains("destination not read since the partner's push at "
                + p.processedAt());
        ExternalRow staleAbsent = new ExternalRow(1, Optional.of("r-ext"), e.customer(), e.resource(), e.key(), e.source(), false,
                Map.of(), Optional.empty(), false, false, Optional.empty(), p.processedAt().minusSeconds(600));
        assertThat(Classifier.classify(state(v, true, p, staleAbsent), COMPLETE)).isInstanceOf(Classification.InFlight.class);
    }

    @Test
    void destinationReadInTheSameInstantAsThePushCannotBeOrderedWithItAndProvesNothing() {
        Map<String, String> older = new HashMap<>(e.fields());
        older.put("last_name", "Before The Push");
        ExternalRow sameInstant = observedAt(withFields(e, older), p.processedAt());
        assertThat(Classifier.classify(state(v, true, p, sameInstant), COMPLETE)).isInstanceOf(Classification.InFlight.class);
    }

    @Test
    void pushedKeyWhoseDestinationRowWasNeverReadIsInFlight() {
        Classification c = Classifier.classify(state(v, true, p, null), COMPLETE);
        assertThat(c).isInstanceOf(Classification.InFlight.class);
        assertThat(((Classification.InFlight) c).reason()).contains("never read");
    }

    @Test
    void destinationReadBeforeThePushThatAlreadyHoldsWhatWasPushedIsInSyncOrDrift() {
        ExternalRow stale = observedAt(e, p.processedAt().minusSeconds(600));
        assertThat(Classifier.classify(state(v, true, p, stale), COMPLETE)).isInstanceOf(Classification.InSync.class);
        Map<String, String> pushed = new HashMap<>(p.pushedFields());
        pushed.put("membership_role", "admin");
        PartnerState buggyPartner = new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(),
                p.processedHash(), true, pushed, p.externalId(), p.processedAt(), false, p.source());
        ExternalRow staleButPushed = observedAt(withFields(e, pushed), p.processedAt().minusSeconds(600));
        assertThat(kindOf(Classifier.classify(state(v, true, buggyPartner, staleButPushed), COMPLETE))).isEqualTo(FindingKind.DRIFT);
    }

    @Test
    void sinkWriteWithLedgerAndRowAtTheSameInstantIsInSync() {
        Instant at = NOW.minusSeconds(60);
        PartnerState sinkP = new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(), p.processedHash(), true,
                p.pushedFields(), p.externalId(), at, false, PartnerState.PartnerSource.SINK);
        ExternalRow sinkE = new ExternalRow(1, Optional.empty(), e.customer(), e.resource(), e.key(), ExternalRow.ExternalSource.SINK,
                true, e.fields(), e.vomoVersion(), false, false, e.externalId(), at);
        assertThat(Classifier.classify(state(v, true, sinkP, sinkE), COMPLETE)).isInstanceOf(Classification.InSync.class);
    }

    @Test
    void notPushedKeyIsDriftOnlyAgainstADestinationReadAfterThePartnerProcessedIt() {
        PartnerState notPushed = new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(),
                p.processedHash(), false, Map.of(), p.externalId(), T0.plusSeconds(600), false, p.source());
        Map<String, String> other = new HashMap<>(e.fields());
        other.put("membership_status", "inactive");
        ExternalRow before = observedAt(withFields(e, other), T0);
        assertThat(Classifier.classify(state(v, true, notPushed, before), COMPLETE))
                .as("an earlier push may have changed the row since it was read").isInstanceOf(Classification.InFlight.class);
        ExternalRow after = observedAt(withFields(e, other), T0.plusSeconds(900));
        Classification c = Classifier.classify(state(v, true, notPushed, after), COMPLETE);
        assertThat(kindOf(c)).isEqualTo(FindingKind.DRIFT);
        assertThat(((Classification.Found) c).diffs()).extracting(d -> d.field()).containsExactly("membership_status");
        assertThat(Classifier.classify(state(v, true, notPushed, null), COMPLETE))
                .as("no row and nothing pushed: the partner chose not to push").isInstanceOf(Classification.InSync.class);
    }

    @Test
    void destinationDifferingFromVomoButMatchingWhatWasPushedIsDriftWithBothValues() {
        Map<String, String> pushed = new HashMap<>(p.pushedFields());
        pushed.put("membership_role", "admin");
        PartnerState buggyPartner = new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(),
                p.processedHash(), true, pushed, p.externalId(), p.processedAt(), false, p.source());
        ExternalRow row = withFields(e, pushed);
        Classification c = Classifier.classify(state(v, true, buggyPartner, row), COMPLETE);
        assertThat(kindOf(c)).isEqualTo(FindingKind.DRIFT);
        var diff = ((Classification.Found) c).diffs().get(0);
        assertThat(diff.field()).isEqualTo("membership_role");
        assertThat(diff.vomoValue()).contains("volunteer");
        assertThat(diff.externalValue()).contains("admin");
    }

    @Test
    void normalisedValuesAreNotDrift() {
        Map<String, String> raw = new HashMap<>(e.fields());
        raw.put("email", "  USER8205@example.TEST ");
        raw.put("first_name", "Fn8205 ");
        assertThat(Classifier.classify(state(v, true, p, withFields(e, raw)), COMPLETE))
                .isInstanceOf(Classification.InSync.class);
    }

    @Test
    void erasedRowIgnoresPersonalFields() {
        Map<String, String> scrubbed = new HashMap<>(e.fields());
        scrubbed.remove("email");
        scrubbed.remove("first_name");
        ExternalRow erased = new ExternalRow(1, Optional.empty(), e.customer(), e.resource(), e.key(), e.source(), true,
                scrubbed, e.vomoVersion(), false, true, e.externalId(), p.processedAt().plusSeconds(60));
        PartnerState notPushed = new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(),
                p.processedHash(), false, Map.of(), p.externalId(), p.processedAt(), false, p.source());
        assertThat(Classifier.classify(state(v, true, notPushed, erased), COMPLETE)).isInstanceOf(Classification.InSync.class);
    }

    @Test
    void notSeenInCompleteRunWithPartnerOrDestinationIsDeletionCandidate() {
        assertThat(kindOf(Classifier.classify(state(v, false, p, e), COMPLETE))).isEqualTo(FindingKind.DELETION);
        assertThat(kindOf(Classifier.classify(state(v, false, p, null), COMPLETE))).isEqualTo(FindingKind.DELETION);
    }

    @Test
    void destinationRowWithoutVomoAndPartnerIsOrphan() {
        assertThat(kindOf(Classifier.classify(state(v, false, null, e), COMPLETE))).isEqualTo(FindingKind.ORPHAN_EXTERNAL);
    }

    @Test
    void incompleteRunNeverDerivesDeletions() {
        assertThat(Classifier.classify(state(v, false, p, e), PARTIAL)).isInstanceOf(Classification.NotEvaluated.class);
        assertThat(Classifier.classify(state(v, false, null, e), PARTIAL)).isInstanceOf(Classification.NotEvaluated.class);
    }

    @Test
    void changeYoungerThanGraceIsInFlightAndOlderIsAGap() {
        Snapshot fresh = SyntheticRecords.snapshot("r2", KEY, 0, NOW.minus(Duration.ofMinutes(10)), NOW);
        assertThat(Classifier.classify(state(fresh, true, null, null), COMPLETE)).isInstanceOf(Classification.InFlight.class);
        Snapshot old = SyntheticRecords.snapshot("r2", KEY, 0, NOW.minus(Duration.ofMinutes(31)), NOW);
        assertThat(kindOf(Classifier.classify(state(old, true, null, null), COMPLETE))).isEqualTo(FindingKind.MISSED_CREATE);
    }

    @Test
    void snapshotOlderThanThePartnersVersionIsNotAGap() {
        Snapshot stale = SyntheticRecords.snapshot("r2", KEY, 1, T0.minusSeconds(3600), NOW);
        assertThat(Classifier.classify(state(stale, true, p, e), COMPLETE)).isInstanceOf(Classification.InFlight.class);
    }

    @Test
    void participationsWithoutUpdatedAtUseTheContentHashAndFirstSightingForGrace() {
        String key = "acme/participations/77120/8205";
        Snapshot first = SyntheticRecords.snapshot("r1", key, 0, T0, T0);
        PartnerState lp = SyntheticRecords.partnerFor(first, T0);
        ExternalRow le = SyntheticRecords.externalFor(first, Optional.empty(), T0);
        Snapshot changed = SyntheticRecords.snapshot("r2", key, 1, T0, NOW.minus(Duration.ofHours(2)));
        VomoEntry prev = VomoEntry.next(Optional.empty(), first);
        VomoEntry next = VomoEntry.next(Optional.of(prev), changed);
        assertThat(next.changedAt()).isEqualTo(changed.observedAt());
        KeyState s = new KeyState(key, Resource.PARTICIPATIONS, Optional.of(next), true, Optional.of(lp), Optional.of(le));
        Classification c = Classifier.classify(s, COMPLETE);
        assertThat(kindOf(c)).isEqualTo(FindingKind.MISSED_UPDATE);
        assertThat(((Classification.Found) c).details()).containsEntry("projectDateId", "77120").containsEntry("userId", "8205");
        VomoEntry again = VomoEntry.next(Optional.of(next), SyntheticRecords.snapshot("r3", key, 1, T0, NOW));
        assertThat(again.changedAt()).as("same content keeps its first sighting").isEqualTo(changed.observedAt());
    }

    static ExternalRow observedAt(ExternalRow e, Instant at) {
        return new ExternalRow(1, e.runId(), e.customer(), e.resource(), e.key(), e.source(), e.present(), e.fields(),
                e.vomoVersion(), e.deleted(), e.erased(), e.externalId(), at);
    }

    static ExternalRow withFields(ExternalRow e, Map<String, String> fields) {
        return new ExternalRow(1, e.runId(), e.customer(), e.resource(), e.key(), e.source(), true, fields,
                e.vomoVersion(), false, false, e.externalId(), e.observedAt());
    }
}
