package io.vomorecon.reconciler.topology;

import static io.vomorecon.reconciler.topology.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Poison input goes to recon.dlq with its reason and the application keeps processing. */
class PoisonInputTest {

    @Test
    void undecodableAndMalformedRecordsGoToTheDlqAndTheRunGoesOn() {
        try (Harness h = new Harness()) {
            String run = h.nextRunId("users", RunKind.FULL);
            h.rawSnapshots.pipeInput("acme/users/1", "{not json".getBytes(StandardCharsets.UTF_8));
            h.rawSnapshots.pipeInput("acme/users/1", "{\"schemaVersion\":9,\"kind\":\"SNAPSHOT\"}".getBytes(StandardCharsets.UTF_8));
            h.rawSnapshots.pipeInput("acme/users/1", new byte[] {(byte) 0xff, 0x00, 0x13});
            Snapshot badKey = Harness.snap(run, "acme/users/2", 0, T0);
            h.snapshots.pipeInput("acme/nosuch/2", badKey);
            h.partner.pipeInput("acme/users/3", new PartnerState(1, "acme", "users", "acme/users/4", Optional.empty(),
                    Optional.empty(), false, Map.of(), Optional.empty(), T0, false, PartnerState.PartnerSource.PARTNER));

            // Undecodable bytes go to the DLQ through the Kafka 4.x handler response (DlqHandlersTest shows the records it
            // returns; TopologyTestDriver does not capture handler DLQ records, the IT on a real broker does). Here: the
            // protocol violations the processors catch themselves, and that processing goes on.
            List<DeadLetter> dead = h.dlq.readValuesToList();
            assertThat(dead).hasSize(2);
            assertThat(dead.get(0).reason()).contains("unknown resource");
            assertThat(dead.get(0).sourceTopic()).isEqualTo("vomo.snapshots");
            assertThat(dead.get(1).reason()).contains("differs from the record key");
            assertThat(dead.get(1).sourceTopic()).isEqualTo("partner.state");
            assertThat(dead).allSatisfy(d -> assertThat(d.component()).isEqualTo("streams-reconciler"));

            RunSummary s = h.run(run, "users", RunKind.FULL, List.of("acme/users/"),
                    List.of(Harness.snap(run, "acme/users/5", 0, T0)), T0.plus(Duration.ofHours(6)));
            assertThat(s.findings()).containsEntry(FindingKind.MISSED_CREATE, 1L);
        }
    }

    @Test
    void aKeyThatCannotBeClassifiedGoesToTheDlqAndTheSweepFinishes() {
        try (Harness h = new Harness()) {
            String run = h.nextRunId("projects", RunKind.FULL);
            Snapshot good = Harness.snap(run, "acme/projects/1", 0, T0);
            h.inSync("acme/projects/1", T0);
            // a record whose published_at cannot be normalised as a timestamp, with a live destination row to compare against
            var rec = ((com.fasterxml.jackson.databind.node.ObjectNode) good.record().deepCopy());
            rec.put("published_at", "the day after tomorrow");
            Snapshot bad = new Snapshot(1, run, "acme", "projects", "acme/projects/1", rec, good.updatedAt(),
                    good.contentHash(), good.observedAt());
            RunSummary s = h.run(run, "projects", RunKind.FULL, List.of("acme/projects/"),
                    List.of(bad, Harness.snap(run, "acme/projects/2", 0, T0)), T0.plus(Duration.ofHours(6)));
            assertThat(s.notes()).anyMatch(n -> n.contains("could not be classified"));
            DeadLetter dl = h.dlq.readValue();
            assertThat(dl.key()).contains("acme/projects/1");
            assertThat(dl.reason()).contains("published_at");
            assertThat(s.findings()).containsEntry(FindingKind.MISSED_CREATE, 1L);
        }
    }
}
