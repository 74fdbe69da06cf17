package io.vomorecon.reconciler.topology;

import static io.vomorecon.reconciler.topology.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunStatus;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.RunVerdict;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run protocol: counts, aborted runs, interleaved runs, sliced evaluation. A partial scan never deletes. */
class RunProtocolTest {

    static final Instant DONE = T0.plus(Duration.ofHours(6));

    @Test
    void countMismatchEvaluatesGapsButNeverDeletions() {
        try (Harness h = new Harness()) {
            h.inSync("acme/users/1", T0);
            String run = h.nextRunId("users", RunKind.FULL);
            Snapshot missed = Harness.snap(run, "acme/users/2", 0, T0);
            h.publish(missed);
            // the marker announces 2 records, 1 arrived: a page was lost between the reader and the topic
            RunSummary s = h.close(h.completed(run, "users", RunKind.FULL, List.of("acme/users/"), 2, DONE));
            assertThat(s.status()).isEqualTo(RunStatus.COUNT_MISMATCH);
            assertThat(s.verdict()).isEqualTo(RunVerdict.INCOMPLETE);
            assertThat(s.deletionsDerived()).isFalse();
            assertThat(s.recordsAnnounced()).isEqualTo(2);
            assertThat(s.recordsReceived()).isEqualTo(1);
            assertThat(s.notes()).anyMatch(n -> n.contains("no deletions derived"));
            assertThat(s.notes()).anyMatch(n -> n.contains("announced 2 records, 1 arrived"));
            assertThat(h.findings()).extracting(Finding::kind).containsExactly(FindingKind.MISSED_CREATE);
            assertThat(h.alerts.readValue().alertKind()).isEqualTo(io.vomorecon.schemas.values.Alert.AlertKind.RUN_INCOMPLETE);
        }
    }

    @Test
    void abortedRunEvaluatesWhatArrivedButNeverDeletes() {
        try (Harness h = new Harness()) {
            h.inSync("acme/users/1", T0);
            String run = h.nextRunId("users", RunKind.FULL);
            RunSummary s = h.abort(run, "users", RunKind.FULL, List.of("acme/users/"),
                    List.of(Harness.snap(run, "acme/users/2", 0, T0)), DONE);
            assertThat(s.status()).isEqualTo(RunStatus.ABORTED);
            assertThat(s.deletionsDerived()).isFalse();
            assertThat(s.notes()).anyMatch(n -> n.contains("HTTP 503")).anyMatch(n -> n.contains("no deletions derived"));
            assertThat(h.findings()).extracting(Finding::kind).containsExactly(FindingKind.MISSED_CREATE);
            assertThat(h.deletions.isEmpty()).isTrue();
        }
    }

    @Test
    void incrementalSnapshotBetweenAFullRunsRecordsAndItsMarkerDoesNotHideTheKeyFromTheFullRun() {
        try (Harness h = new Harness()) {
            h.inSync("acme/users/1", T0);
            String full = h.nextRunId("users", RunKind.FULL);
            h.publish(Harness.snap(full, "acme/users/1", 0, T0));
            // an incremental run reads the same key and completes before the full run's marker
            String inc = h.nextRunId("users", RunKind.INCREMENTAL);
            h.run(inc, "users", RunKind.INCREMENTAL, List.of("acme/users/"), List.of(Harness.snap(inc, "acme/users/1", 0, T0)),
                    DONE.minusSeconds(60));
            RunSummary s = h.close(h.completed(full, "users", RunKind.FULL, List.of("acme/users/"), 1, DONE));
            assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(s.findings()).isEmpty();
            assertThat(h.deletions.isEmpty()).as("the full run saw the key; the later overwrite must not lose that").isTrue();
        }
    }

    @Test
    void incrementalRunJudgesOnlyTheRecordsItRead() {
        try (Harness h = new Harness()) {
            h.inSync("acme/users/1", T0);
            String inc = h.nextRunId("users", RunKind.INCREMENTAL);
            RunSummary s = h.run(inc, "users", RunKind.INCREMENTAL, List.of("acme/users/"),
                    List.of(Harness.snap(inc, "acme/users/2", 0, T0)), DONE);
            assertThat(s.keysChecked()).isEqualTo(1);
            assertThat(s.deletionsDerived()).isFalse();
            assertThat(h.findings()).extracting(Finding::kind).containsExactly(FindingKind.MISSED_CREATE);
        }
    }

    @Test
    void evaluationInManySlicesFindsExactlyWhatOneSliceFinds() {
        ReconcilerConfig small = ReconcilerConfig.defaults().withSweep(new ReconcilerConfig.Sweep(null, 3, null));
        List<String> one;
        List<String> many;
        try (Harness h = new Harness()) {
            one = plantedRun(h);
        }
        try (Harness h = new Harness(small)) {
            many = plantedRun(h);
        }
        assertThat(many).hasSize(40).containsExactlyInAnyOrderElementsOf(one);
    }

    private static List<String> plantedRun(Harness h) {
        String run = h.nextRunId("users", RunKind.FULL);
        List<Snapshot> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String key = "acme/users/" + i;
            if (i % 3 == 0) {
                h.inSync(key, T0);
            } else if (i % 3 == 1) {
                records.add(Harness.snap(run, key, 0, T0));
            } else {
                h.inSync(key, T0);
                records.add(Harness.snap(run, key, 0, T0));
            }
        }
        RunSummary s = h.run(run, "users", RunKind.FULL, List.of("acme/users/"), records, DONE);
        assertThat(s.keysChecked()).isEqualTo(60);
        h.settle(60);
        List<String> out = new ArrayList<>();
        h.findings().forEach(f -> out.add(f.key() + ":" + f.kind() + ":" + f.status()));
        return out;
    }

    @Test
    void recordArrivingAfterItsRunsMarkerIsNotCountedForTheRun() {
        try (Harness h = new Harness()) {
            String run = h.nextRunId("users", RunKind.FULL);
            RunCompleted marker = h.completed(run, "users", RunKind.FULL, List.of("acme/users/"), 0, DONE);
            RunSummary s = h.close(marker);
            h.publish(Harness.snap(run, "acme/users/5", 0, T0));
            assertThat(s.recordsReceived()).isZero();
            assertThat(h.findings()).isEmpty();
        }
    }
}
