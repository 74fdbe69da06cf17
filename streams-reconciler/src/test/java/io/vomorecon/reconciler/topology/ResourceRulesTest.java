package io.vomorecon.reconciler.topology;

import static io.vomorecon.reconciler.topology.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.reconciler.bench.SyntheticRecords;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each resource adds to the table: schedules per project, members per group, parent moves, form structure, participations by date and user. */
class ResourceRulesTest {

    static final Instant DONE = T0.plus(Duration.ofHours(6));
    final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    static String date(String project, String date) {
        return RecordKey.of(Harness.C, Resource.PROJECT_DATES, project, date).encode();
    }

    @Test
    void scheduleDriftPerProjectCarriesAddedAndRemovedDatesAndResolvesWhenTheyAgree() {
        String run = h.nextRunId("project-dates", RunKind.SCHEDULE);
        // the partner knows dates 2, 3, 4 of project 903; VOMO lists 1, 2, 3
        for (String d : List.of("2", "3", "4")) {
            ResourceConformanceTest.seeded(h, run, date("903", d), 0, T0);
        }
        List<Snapshot> listed = List.of("1", "2", "3").stream().map(d -> Harness.snap(run, date("903", d), 0, T0)).toList();
        String scope = RecordKey.prefix(Harness.C, Resource.PROJECT_DATES, "903");
        RunSummary s = h.run(run, "project-dates", RunKind.SCHEDULE, List.of(scope), listed, DONE);
        assertThat(s.findings()).containsEntry(FindingKind.SCHEDULE_DRIFT, 1L);
        List<Finding> drift = h.drift.readValuesToList();
        assertThat(drift).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.SCHEDULE_DRIFT);
            assertThat(f.key()).isEqualTo("acme/projects/903");
            assertThat(f.details()).containsEntry("addedDates", "1").containsEntry("removedDates", "4");
        });
        assertThat(h.findings()).extracting(Finding::key, Finding::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(date("903", "1"), FindingKind.MISSED_CREATE),
                org.assertj.core.groups.Tuple.tuple(date("903", "4"), FindingKind.DELETION));

        // the partner catches up: date 1 known, date 4 forgotten
        Snapshot d1 = Harness.snap(run, date("903", "1"), 0, T0);
        h.publish(SyntheticRecords.partnerFor(d1, DONE));
        h.publish(SyntheticRecords.externalFor(d1, Optional.empty(), DONE));
        h.partner.pipeInput(date("903", "4"), (PartnerState) null);
        String run2 = h.nextRunId("project-dates", RunKind.SCHEDULE);
        h.run(run2, "project-dates", RunKind.SCHEDULE, List.of(scope),
                List.of("1", "2", "3").stream().map(d -> Harness.snap(run2, date("903", d), 0, T0)).toList(), DONE.plusSeconds(3600));
        assertThat(h.drift.readValuesToList()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.SCHEDULE_DRIFT);
            assertThat(f.status()).isEqualTo(FindingStatus.RESOLVED);
        });
    }

    @Test
    void membershipRunJudgesOnlyItsGroupsMembers() {
        String run = h.nextRunId("group-members", RunKind.MEMBERSHIP);
        String member = RecordKey.of(Harness.C, Resource.GROUP_MEMBERS, "31", "8205").encode();
        String otherGroup = RecordKey.of(Harness.C, Resource.GROUP_MEMBERS, "32", "8205").encode();
        ResourceConformanceTest.seeded(h, run, member, 0, T0);
        ResourceConformanceTest.seeded(h, run, otherGroup, 0, T0);
        Snapshot inactive = Harness.snap(run, member, 1, T0.plusSeconds(60));
        h.run(run, "group-members", RunKind.MEMBERSHIP, List.of(RecordKey.prefix(Harness.C, Resource.GROUP_MEMBERS, "31")),
                List.of(inactive), DONE);
        assertThat(h.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo(member);
            assertThat(f.kind()).isEqualTo(FindingKind.MISSED_UPDATE);
            assertThat(f.details()).containsEntry("groupId", "31").containsEntry("userId", "8205").containsEntry("memberStatus", "inactive");
        });
    }

    @Test
    void groupParentMoveIsReportedAsParentChange() {
        String run = h.nextRunId("groups", RunKind.FULL);
        String g = RecordKey.of(Harness.C, Resource.GROUPS, "31").encode();
        Snapshot before = ResourceConformanceTest.seeded(h, run, g, 0, T0);
        Snapshot moved = Harness.snap(run, g, 2, T0);
        // the partner processed the move (ledger up to date) but the destination still has the old parent
        h.publish(SyntheticRecords.partnerFor(moved, T0));
        PartnerState p = SyntheticRecords.partnerFor(moved, T0);
        h.publish(new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(), p.processedHash(), false,
                java.util.Map.of(), p.externalId(), T0, false, p.source()));
        h.publish(SyntheticRecords.externalFor(before, Optional.empty(), T0.plusSeconds(600))); // read after the partner processed it
        h.run(run, "groups", RunKind.FULL, List.of("acme/groups/"), List.of(moved), DONE);
        Finding f = h.drift.readValue();
        assertThat(f.kind()).isEqualTo(FindingKind.DRIFT);
        assertThat(f.details()).containsEntry("parentChange", "(top level) -> 42");
        assertThat(before.key()).isEqualTo(g);
    }

    @Test
    void formStructureChangeIsFlagged() {
        String run = h.nextRunId("forms", RunKind.FULL);
        String form = RecordKey.of(Harness.C, Resource.FORMS, "12").encode();
        Snapshot original = ResourceConformanceTest.seeded(h, run, form, 0, T0);
        Snapshot restructured = Harness.snap(run, form, 1, T0);
        PartnerState p = SyntheticRecords.partnerFor(restructured, T0);
        h.publish(new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(), p.processedHash(), false,
                java.util.Map.of(), p.externalId(), T0, false, p.source()));
        h.publish(SyntheticRecords.externalFor(original, Optional.empty(), T0.plusSeconds(600))); // read after the partner processed it
        h.run(run, "forms", RunKind.FULL, List.of("acme/forms/"), List.of(restructured), DONE);
        Finding f = h.drift.readValue();
        assertThat(f.fieldDiffs()).extracting(d -> d.field()).containsExactly("fields");
        assertThat(f.details()).containsEntry("formStructureChanged", "true");
    }

    @Test
    void participationsAreKeyedByProjectDateAndUserAndJudgedPerDate() {
        String run = h.nextRunId("participations", RunKind.PARTICIPATIONS);
        String p1 = RecordKey.of(Harness.C, Resource.PARTICIPATIONS, "77120", "8205").encode();
        String p2 = RecordKey.of(Harness.C, Resource.PARTICIPATIONS, "77121", "8205").encode();
        ResourceConformanceTest.seeded(h, run, p2, 0, T0);
        h.run(run, "participations", RunKind.PARTICIPATIONS, List.of(RecordKey.prefix(Harness.C, Resource.PARTICIPATIONS, "77120")),
                List.of(Harness.snap(run, p1, 0, T0)), DONE);
        assertThat(h.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo(p1);
            assertThat(f.kind()).isEqualTo(FindingKind.MISSED_CREATE);
            assertThat(f.details()).containsEntry("projectDateId", "77120").containsEntry("userId", "8205");
        });
    }

    @Test
    void auditSampleJudgesExactlyTheListedKeys() {
        String run = h.nextRunId("users", RunKind.AUDIT_SAMPLE);
        String kept = "acme/users/1";
        String gone = "acme/users/2";
        String unlisted = "acme/users/3";
        ResourceConformanceTest.seeded(h, run, kept, 0, T0);
        ResourceConformanceTest.seeded(h, run, gone, 0, T0);
        ResourceConformanceTest.seeded(h, run, unlisted, 0, T0);
        RunSummary s = h.run(run, "users", RunKind.AUDIT_SAMPLE, List.of(kept, gone),
                List.of(Harness.snap(run, kept, 0, T0)), DONE);
        assertThat(s.keysChecked()).isEqualTo(2);
        assertThat(h.findings()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo(gone);
            assertThat(f.kind()).isEqualTo(FindingKind.DELETION);
        });
    }
}
