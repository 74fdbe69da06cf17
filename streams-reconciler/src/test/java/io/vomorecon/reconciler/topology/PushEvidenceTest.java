package io.vomorecon.reconciler.topology;

import static io.vomorecon.reconciler.topology.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.reconciler.bench.SyntheticRecords;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.RunVerdict;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A push failure needs a destination read made after the push: E is refreshed only by
 * exhaustive runs' destination reads and by the sink, so an older E (or none) proves nothing
 * about a later push. Found by the demo, where an incremental run after ordinary partner pushes
 * called every key a push failure and was held as POLLING_BROKEN.
 */
class PushEvidenceTest {

    static final List<String> USERS = List.of("acme/users/");
    static final Instant PUSHED = T0.plus(Duration.ofHours(2));
    final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    static String key(int i) {
        return "acme/users/" + i;
    }

    /** The partner's ledger after it processed and pushed this version. */
    static PartnerState pushed(Snapshot v, Instant at) {
        return SyntheticRecords.partnerFor(v, at);
    }

    List<Snapshot> tagged(String runId, List<Snapshot> records) {
        return records.stream().map(s -> new Snapshot(1, runId, s.customer(), s.resource(), s.key(), s.record(), s.updatedAt(),
                s.contentHash(), s.observedAt())).toList();
    }

    RunSummary run(RunKind kind, List<Snapshot> records, Instant completedAt) {
        String id = h.nextRunId("users", kind);
        return h.run(id, "users", kind, USERS, tagged(id, records), completedAt);
    }

    @Test
    void incrementalRunAfterPartnerPushesWithoutADestinationReadFindsNothingAndTheNextFullFindsOnlyRealFailures() {
        List<Snapshot> v1 = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            h.inSync(key(i), T0);
            Snapshot next = Harness.snap("x", key(i), 1, PUSHED.minusSeconds(600));
            h.publish(pushed(next, PUSHED));
            v1.add(next);
        }
        RunSummary incremental = run(RunKind.INCREMENTAL, v1, PUSHED.plus(Duration.ofHours(1)));
        assertThat(incremental.findings()).as("the destination was last read before the pushes").isEmpty();
        assertThat(incremental.inFlight()).isEqualTo(12);
        assertThat(incremental.verdict()).isEqualTo(RunVerdict.HEALTHY);
        assertThat(h.findings()).isEmpty();

        // The FULL run reads the destination first: ten pushes landed, key 11 kept the old values, key 12 is gone.
        List<ExternalRow> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(SyntheticRecords.externalFor(v1.get(i), Optional.empty(), T0));
        }
        rows.add(SyntheticRecords.externalFor(Harness.snap("x", key(11), 0, T0), Optional.empty(), T0));
        Instant readAt = PUSHED.plus(Duration.ofHours(2));
        h.externalRun("users", USERS, rows, readAt, readAt.plusSeconds(30));
        RunSummary full = run(RunKind.FULL, v1, readAt.plusSeconds(120));
        assertThat(full.findings()).containsOnly(Map.entry(FindingKind.PUSH_FAILURE, 2L));
        assertThat(full.inFlight()).isZero();
        List<Finding> found = h.gaps.readValuesToList();
        assertThat(found).extracting(Finding::key).containsExactlyInAnyOrder(key(11), key(12));
        assertThat(found).filteredOn(f -> f.key().equals(key(11))).singleElement()
                .satisfies(f -> assertThat(f.fieldDiffs()).isNotEmpty());
        assertThat(h.drift.isEmpty()).isTrue();
    }

    @Test
    void pushedKeyTheDestinationNeverHeldIsInFlightUntilACompleteReadAfterThePushDidNotListIt() {
        Snapshot v = Harness.snap("x", key(5), 0, T0);
        h.publish(pushed(v, T0));
        RunSummary before = run(RunKind.FULL, List.of(v), T0.plus(Duration.ofHours(6)));
        assertThat(before.findings()).isEmpty();
        assertThat(before.inFlight()).isEqualTo(1);

        Instant readAt = T0.plus(Duration.ofHours(7));
        RunSummary read = h.externalRun("users", USERS, List.of(), readAt, readAt.plusSeconds(30));
        assertThat(read.notes()).anyMatch(n -> n.contains("1 destination row(s)"));
        RunSummary after = run(RunKind.FULL, List.of(v), readAt.plus(Duration.ofHours(1)));
        assertThat(after.findings()).containsOnly(Map.entry(FindingKind.PUSH_FAILURE, 1L));
        Finding open = h.gaps.readValue();
        assertThat(open.kind()).isEqualTo(FindingKind.PUSH_FAILURE);

        // The sink writes the row and publishes its ledger entry and the row it wrote, at the same instant.
        Instant sinkAt = readAt.plus(Duration.ofHours(2));
        PartnerState p = pushed(v, sinkAt);
        h.publish(new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(), p.processedHash(), true,
                p.pushedFields(), p.externalId(), sinkAt, false, PartnerState.PartnerSource.SINK));
        ExternalRow e = SyntheticRecords.externalFor(v, Optional.empty(), sinkAt);
        h.publish(new ExternalRow(1, Optional.empty(), e.customer(), e.resource(), e.key(), ExternalRow.ExternalSource.SINK, true,
                e.fields(), e.vomoVersion(), false, false, e.externalId(), sinkAt));
        Finding resolved = h.gaps.readValue();
        assertThat(resolved.findingId()).isEqualTo(open.findingId());
        assertThat(resolved.status()).isEqualTo(FindingStatus.RESOLVED);
        RunSummary later = run(RunKind.INCREMENTAL, List.of(v), sinkAt.plus(Duration.ofHours(1)));
        assertThat(later.findings()).isEmpty();
        assertThat(later.inFlight()).isZero();
        assertThat(later.verdict()).isEqualTo(RunVerdict.HEALTHY);
    }

    @Test
    void pushMadeWhileTheReaderWasScanningIsNotJudgedByThatRead() {
        Snapshot v = Harness.snap("x", key(6), 0, T0);
        Instant readStart = T0.plus(Duration.ofHours(3));
        // the read's snapshot of the destination was taken before the push landed; its marker comes after it
        h.publish(pushed(v, readStart.plusSeconds(20)));
        h.externalRun("users", USERS, List.of(), readStart, readStart.plusSeconds(60));
        RunSummary s = run(RunKind.FULL, List.of(v), readStart.plus(Duration.ofHours(1)));
        assertThat(s.findings()).isEmpty();
        assertThat(s.inFlight()).isEqualTo(1);
        assertThat(h.gaps.isEmpty()).isTrue();
    }

    @Test
    void anAbsenceDatedBeforeANewPushIsRenewedByTheNextCompleteRead() {
        Snapshot v = Harness.snap("x", key(7), 0, T0);
        h.publish(pushed(v, T0));
        Instant read1 = T0.plus(Duration.ofHours(1));
        h.externalRun("users", USERS, List.of(), read1, read1.plusSeconds(30));
        Snapshot v2 = Harness.snap("x", key(7), 1, T0.plus(Duration.ofHours(2)));
        h.publish(pushed(v2, T0.plus(Duration.ofHours(3))));
        RunSummary stale = run(RunKind.FULL, List.of(v2), T0.plus(Duration.ofHours(4)));
        assertThat(stale.findings()).as("the absence predates the new push").isEmpty();
        assertThat(stale.inFlight()).isEqualTo(1);

        Instant read2 = T0.plus(Duration.ofHours(5));
        RunSummary read = h.externalRun("users", USERS, List.of(), read2, read2.plusSeconds(30));
        assertThat(read.notes()).as("renewing an absence is not a newly absent row").noneMatch(n -> n.contains("destination row(s)"));
        RunSummary fresh = run(RunKind.FULL, List.of(v2), T0.plus(Duration.ofHours(6)));
        assertThat(fresh.findings()).containsOnly(Map.entry(FindingKind.PUSH_FAILURE, 1L));
    }
}
