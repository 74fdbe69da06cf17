package io.vomorecon.reconciler.topology;

import static io.vomorecon.reconciler.topology.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.reconciler.bench.SyntheticRecords;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An exhaustive job publishes its destination read, then its VOMO run, whose markers name the
 * read. Kafka Streams may still take the VOMO run's marker first (it orders a task's partitions
 * by timestamp only for records it knows are on the broker); the VOMO run is then evaluated only
 * once the read is in, so a push made since the previous read is judged by this job's read
 * instead of being left in flight. Found by the demo: a campaign the partner had pushed with a
 * wrong mapping stayed "in flight" through one full reconciliation and was only found by the next.
 */
class PairedReadTest {

    static final List<String> USERS = List.of("acme/users/");
    static final String KEY = "acme/users/11";
    final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    /** V and P at a version the partner pushed after the destination was last read; that push did not land. */
    Snapshot pushedSinceTheLastRead(String runId, Instant pushedAt) {
        h.inSync(KEY, T0);
        Snapshot next = Harness.snap(runId, KEY, 1, pushedAt.minusSeconds(600));
        h.publish(SyntheticRecords.partnerFor(next, pushedAt));
        return next;
    }

    /** The destination as this job read it: the row still has the values from before the push. */
    List<ExternalRow> rowsWithoutThePush() {
        return List.of(SyntheticRecords.externalFor(Harness.snap("x", KEY, 0, T0), Optional.empty(), T0));
    }

    @Test
    void aVomoRunWhoseMarkerComesFirstWaitsForItsJobsDestinationReadAndJudgesThePushByIt() {
        Instant pushed = T0.plus(Duration.ofHours(2));
        String vomoRun = h.nextRunId("users", RunKind.FULL);
        String readRun = h.nextRunId("users", RunKind.FULL);
        Snapshot v = pushedSinceTheLastRead(vomoRun, pushed);
        Instant readAt = pushed.plus(Duration.ofHours(1));

        h.runPairedWith(readRun, vomoRun, "users", RunKind.FULL, USERS, List.of(v), readAt.plusSeconds(90));
        assertThat(h.summariesSoFar()).as("no evaluation before the job's destination read is in")
                .noneMatch(s -> s.runId().equals(vomoRun));

        h.externalRun(readRun, "users", USERS, rowsWithoutThePush(), readAt, readAt.plusSeconds(30));
        RunSummary full = h.awaitSummary(vomoRun);
        assertThat(full.findings()).containsOnly(Map.entry(FindingKind.PUSH_FAILURE, 1L));
        assertThat(full.inFlight()).isZero();
        Finding f = h.gaps.readValue();
        assertThat(f.key()).isEqualTo(KEY);
        assertThat(f.kind()).isEqualTo(FindingKind.PUSH_FAILURE);
    }

    @Test
    void withoutTheHeaderTheSameOrderLeavesThePushInFlight() {
        Instant pushed = T0.plus(Duration.ofHours(2));
        String vomoRun = h.nextRunId("users", RunKind.FULL);
        Snapshot v = pushedSinceTheLastRead(vomoRun, pushed);
        Instant readAt = pushed.plus(Duration.ofHours(1));

        RunSummary full = h.run(vomoRun, "users", RunKind.FULL, USERS, List.of(v), readAt.plusSeconds(90));
        assertThat(full.findings()).isEmpty();
        assertThat(full.inFlight()).as("compared with the destination as the read before the push saw it").isEqualTo(1);
        h.externalRun("users", USERS, rowsWithoutThePush(), readAt, readAt.plusSeconds(30));
        assertThat(h.gaps.isEmpty()).as("a destination read alone opens no finding").isTrue();
    }

    @Test
    void aReadThatNeverArrivesStopsTheWaitAfterTheBound() {
        Instant pushed = T0.plus(Duration.ofHours(2));
        String vomoRun = h.nextRunId("users", RunKind.FULL);
        Snapshot v = pushedSinceTheLastRead(vomoRun, pushed);

        h.runPairedWith("r-acme-users-full-9999-lost", vomoRun, "users", RunKind.FULL, USERS, List.of(v),
                pushed.plus(Duration.ofHours(1)));
        assertThat(h.summariesSoFar()).noneMatch(s -> s.runId().equals(vomoRun));
        h.driver.advanceWallClockTime(Sweeper.PAIRED_READ_MAX_WAIT);
        RunSummary full = h.awaitSummary(vomoRun);
        assertThat(full.inFlight()).isEqualTo(1);
        assertThat(full.findings()).isEmpty();
    }

    @Test
    void aReadAlreadyInWhenTheVomoRunClosesDoesNotDelayIt() {
        Instant pushed = T0.plus(Duration.ofHours(2));
        String vomoRun = h.nextRunId("users", RunKind.FULL);
        String readRun = h.nextRunId("users", RunKind.FULL);
        Snapshot v = pushedSinceTheLastRead(vomoRun, pushed);
        Instant readAt = pushed.plus(Duration.ofHours(1));

        h.externalRun(readRun, "users", USERS, rowsWithoutThePush(), readAt, readAt.plusSeconds(30));
        h.runPairedWith(readRun, vomoRun, "users", RunKind.FULL, USERS, List.of(v), readAt.plusSeconds(90));
        assertThat(h.summariesSoFar()).filteredOn(s -> s.runId().equals(vomoRun)).singleElement()
                .satisfies(s -> assertThat(s.findings()).containsOnly(Map.entry(FindingKind.PUSH_FAILURE, 1L)));
    }
}
