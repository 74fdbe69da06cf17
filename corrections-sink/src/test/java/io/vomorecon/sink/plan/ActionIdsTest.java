package io.vomorecon.sink.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.sink.Fixtures;
import io.vomorecon.sink.config.PolicySettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActionIdsTest {

    private final ActionPlanner planner = new ActionPlanner(new PolicyBook(PolicySettings.none(), Map.of()));

    @Test
    void theIdIsTheStableHashOfKeyTargetAndAction() {
        String id = ActionIds.reprocess("acme/users/1", Optional.of(Fixtures.T0), Optional.of("abc"));
        assertThat(id).isEqualTo(ContentHash.stableId("acme/users/1", "2025-03-01T10:00:00Z#abc", "RE_PROCESS"));
    }

    @Test
    void theSameFindingPlannedTwiceGetsTheSameActionIdWhateverItsKind() {
        var missed = Fixtures.gap("acme", "1", FindingKind.MISSED_UPDATE, Fixtures.user("1", "a@b.c", Fixtures.T0), Fixtures.T0);
        var push = Fixtures.gap("acme", "1", FindingKind.PUSH_FAILURE, Fixtures.user("1", "a@b.c", Fixtures.T0), Fixtures.T0);
        String a = ((Plan.Write) planner.plan(missed)).action().actionId();
        assertThat(((Plan.Write) planner.plan(missed)).action().actionId()).isEqualTo(a);
        assertThat(((Plan.Write) planner.plan(push)).action().actionId()).as("same key, target and action").isEqualTo(a);
    }

    @Test
    void aDifferentVersionContentKeyOrActionGivesADifferentId() {
        String base = ActionIds.reprocess("acme/users/1", Optional.of(Fixtures.T0), Optional.of("h1"));
        assertThat(ActionIds.reprocess("acme/users/1", Optional.of(Fixtures.T0.plusSeconds(1)), Optional.of("h1"))).isNotEqualTo(base);
        assertThat(ActionIds.reprocess("acme/users/1", Optional.of(Fixtures.T0), Optional.of("h2")))
                .as("a silent change keeps updated_at but is another correction").isNotEqualTo(base);
        assertThat(ActionIds.reprocess("acme/users/2", Optional.of(Fixtures.T0), Optional.of("h1"))).isNotEqualTo(base);
        assertThat(ActionIds.of("acme/users/1", ActionIds.target(Optional.of(Fixtures.T0), Optional.of("h1")), ActionKind.ALERT_ONLY))
                .isNotEqualTo(base);
    }

    @Test
    void versionlessRecordsAreTellApartByTheirContent() {
        assertThat(ActionIds.reprocess("acme/participations/7/1", Optional.empty(), Optional.of("h1")))
                .isNotEqualTo(ActionIds.reprocess("acme/participations/7/1", Optional.empty(), Optional.of("h2")));
    }

    @Test
    void everyDeliveryOfADeletionIsTheSameAction() {
        var a = Fixtures.deletion("acme", "1", FindingKind.DELETION, FindingStatus.OPEN, Optional.of(Verdict.DELETED));
        var b = Fixtures.deletion("acme", "1", FindingKind.ORPHAN_EXTERNAL, FindingStatus.OPEN, Optional.of(Verdict.DELETED));
        assertThat(((Plan.Write) planner.plan(a)).action().actionId()).isEqualTo(((Plan.Write) planner.plan(b)).action().actionId())
                .isEqualTo(ActionIds.deletion("acme/users/1"));
    }
}
