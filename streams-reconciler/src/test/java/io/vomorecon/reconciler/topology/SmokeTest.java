package io.vomorecon.reconciler.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunVerdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void missedCreateFlowsThrough() {
        try (Harness h = new Harness()) {
            String run = h.nextRunId("users", RunKind.FULL);
            var s = h.run(run, "users", RunKind.FULL, List.of("acme/users/"),
                    List.of(Harness.snap(run, "acme/users/1", 0, Harness.T0)), Harness.T0.plus(Duration.ofHours(2)));
            assertThat(s.verdict()).isEqualTo(RunVerdict.DEGRADED);
            assertThat(s.findings()).containsEntry(FindingKind.MISSED_CREATE, 1L);
            assertThat(h.findings()).extracting(f -> f.kind()).containsExactly(FindingKind.MISSED_CREATE);
        }
    }
}
