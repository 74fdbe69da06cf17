package io.vomorecon.reconciler.topology;

import static io.vomorecon.reconciler.topology.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.reconciler.bench.SyntheticRecords;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.Snapshot;
import io.vomorecon.schemas.values.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Findings have a life: OPEN, then RESOLVED on the same topic under the same id when the three sides agree; emitted on change only. */
class FindingLifeCycleTest {

    static final Instant DONE = T0.plus(Duration.ofHours(6));
    final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void gapIsEmittedOnceAndResolvedWhenTheSinkCatchesUp() {
        String run = h.nextRunId("users", RunKind.FULL);
        Snapshot v = Harness.snap(run, "acme/users/1", 0, T0);
        h.run(run, "users", RunKind.FULL, List.of("acme/users/"), List.of(v), DONE);
        Finding open = h.gaps.readValue();
        assertThat(open.kind()).isEqualTo(FindingKind.MISSED_CREATE);

        String run2 = h.nextRunId("users", RunKind.FULL);
        h.run(run2, "users", RunKind.FULL, List.of("acme/users/"), List.of(Harness.snap(run2, "acme/users/1", 0, T0)),
                DONE.plusSeconds(3600));
        assertThat(h.findings()).as("the same gap found again is not emitted again").isEmpty();

        // the sink re-processes: first P, then E (the finding resolves only when all three agree)
        PartnerState p = SyntheticRecords.partnerFor(v, DONE.plusSeconds(4000));
        h.publish(new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(), p.processedHash(), true,
                p.pushedFields(), p.externalId(), p.processedAt(), false, PartnerState.PartnerSource.SINK));
        assertThat(h.gaps.isEmpty()).isTrue();
        ExternalRow e = SyntheticRecords.externalFor(v, Optional.empty(), DONE.plusSeconds(4001));
        h.publish(new ExternalRow(1, Optional.empty(), e.customer(), e.resource(), e.key(), ExternalRow.ExternalSource.SINK, true,
                e.fields(), e.vomoVersion(), false, false, e.externalId(), e.observedAt()));
        Finding resolved = h.gaps.readValue();
        assertThat(resolved.findingId()).isEqualTo(open.findingId());
        assertThat(resolved.status()).isEqualTo(FindingStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).contains(DONE.plusSeconds(4001));
        h.publish(new ExternalRow(1, Optional.empty(), e.customer(), e.resource(), e.key(), ExternalRow.ExternalSource.SINK, true,
                e.fields(), e.vomoVersion(), false, false, e.externalId(), e.observedAt()));
        assertThat(h.gaps.isEmpty()).as("resolved once").isTrue();
    }

    @Test
    void changedEvidenceReEmitsTheSameFinding() {
        String run = h.nextRunId("users", RunKind.FULL);
        h.run(run, "users", RunKind.FULL, List.of("acme/users/"), List.of(Harness.snap(run, "acme/users/1", 0, T0)), DONE);
        Finding first = h.gaps.readValue();
        String run2 = h.nextRunId("users", RunKind.FULL);
        h.run(run2, "users", RunKind.FULL, List.of("acme/users/"), List.of(Harness.snap(run2, "acme/users/1", 1, T0.plusSeconds(9))),
                DONE.plusSeconds(3600));
        Finding second = h.gaps.readValue();
        assertThat(second.findingId()).isEqualTo(first.findingId());
        assertThat(second.vomoVersion()).contains(T0.plusSeconds(9));
        assertThat(second.runId()).isEqualTo(run2);
    }

    @Test
    void verifiedDeletionResolvesWhenPartnerAndDestinationAreDeleted() {
        Snapshot v = h.inSync("acme/users/2", T0);
        String run = h.nextRunId("users", RunKind.FULL);
        h.run(run, "users", RunKind.FULL, List.of("acme/users/"), List.of(), DONE);
        Finding candidate = h.deletions.readValue();
        h.verify(candidate, Verdict.DELETED);
        assertThat(h.deletions.readValue().status()).isEqualTo(FindingStatus.OPEN);
        PartnerState p = SyntheticRecords.partnerFor(v, DONE);
        h.publish(new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(), p.processedHash(), true,
                p.pushedFields(), p.externalId(), DONE.plusSeconds(10), true, PartnerState.PartnerSource.SINK));
        assertThat(h.deletions.isEmpty()).isTrue();
        ExternalRow e = SyntheticRecords.externalFor(v, Optional.empty(), DONE);
        h.publish(new ExternalRow(1, Optional.empty(), e.customer(), e.resource(), e.key(), ExternalRow.ExternalSource.SINK, true,
                e.fields(), e.vomoVersion(), true, false, e.externalId(), DONE.plusSeconds(11)));
        Finding resolved = h.deletions.readValue();
        assertThat(resolved.status()).isEqualTo(FindingStatus.RESOLVED);
        assertThat(resolved.verdict()).contains(Verdict.DELETED);
    }

    @Test
    void keyListedAgainResolvesItsDeletionCandidate() {
        Snapshot v = h.inSync("acme/users/3", T0);
        String run = h.nextRunId("users", RunKind.FULL);
        h.run(run, "users", RunKind.FULL, List.of("acme/users/"), List.of(), DONE);
        Finding candidate = h.deletions.readValue();
        String run2 = h.nextRunId("users", RunKind.FULL);
        h.run(run2, "users", RunKind.FULL, List.of("acme/users/"), List.of(Harness.snap(run2, v.key(), 0, T0)), DONE.plusSeconds(60));
        Finding resolved = h.deletions.readValue();
        assertThat(resolved.findingId()).isEqualTo(candidate.findingId());
        assertThat(resolved.status()).isEqualTo(FindingStatus.RESOLVED);
        assertThat(h.gaps.isEmpty()).isTrue();
    }

    @Test
    void completeExternalRunMakesUnlistedRowsAbsentAndThatResolvesAnOrphan() {
        Snapshot ghost = Harness.snap("x", "acme/users/4", 0, T0);
        h.publish(SyntheticRecords.externalFor(ghost, Optional.of("r-ext-0"), T0));
        String run = h.nextRunId("users", RunKind.FULL);
        h.run(run, "users", RunKind.FULL, List.of("acme/users/"), List.of(), DONE);
        Finding orphan = h.deletions.readValue();
        assertThat(orphan.kind()).isEqualTo(FindingKind.ORPHAN_EXTERNAL);
        // the external reader re-reads the destination: the row is gone (a complete run that did not list it)
        String ext = h.nextRunId("users", RunKind.FULL);
        h.external.pipeInput("acme/_run/" + ext + "/0", new RunCompleted(1, ext, "acme", "users", RunKind.FULL, RunSource.EXTERNAL,
                List.of("acme/users/"), Optional.empty(), 0, 1, 0, 0, 1, DONE.plusSeconds(100), DONE.plusSeconds(200)));
        var summary = h.awaitSummary(ext);
        assertThat(summary.notes()).anyMatch(n -> n.contains("1 destination row(s)"));
        Finding resolved = h.deletions.readValue();
        assertThat(resolved.findingId()).isEqualTo(orphan.findingId());
        assertThat(resolved.status()).isEqualTo(FindingStatus.RESOLVED);
        assertThat(resolved.details()).containsKey("resolvedBy");
    }
}
