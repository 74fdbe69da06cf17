package io.vomorecon.reconciler.topology;

import static io.vomorecon.reconciler.topology.Harness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.reconciler.bench.SyntheticRecords;
import io.vomorecon.reconciler.classify.ResourceRules;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One conformance suite run against every resource (not copies per resource): a run over the
 * resource's scope with one key per row of the table planted, and the exact finding per key.
 * Nested resources are keyed parent first and evaluated in a per-parent run, as CONTRACTS.md says.
 */
class ResourceConformanceTest {

    static final Instant DONE = T0.plus(Duration.ofHours(6));

    static RunKind kindFor(Resource r) {
        return switch (r) {
            case PARTICIPATIONS -> RunKind.PARTICIPATIONS;
            case PROJECT_DATES -> RunKind.SCHEDULE;
            case GROUP_MEMBERS -> RunKind.MEMBERSHIP;
            case FORM_COMPLETIONS -> RunKind.FORM_COMPLETIONS;
            default -> RunKind.FULL;
        };
    }

    static String scopeFor(Resource r) {
        return r.isNested() ? RecordKey.prefix(Harness.C, r, "1000") : RecordKey.prefix(Harness.C, r);
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void everyRowOfTheTableHoldsForTheResource(Resource r) {
        try (Harness h = new Harness()) {
            String run = h.nextRunId(r.path(), kindFor(r));
            Map<String, FindingKind> expected = new HashMap<>();
            List<Snapshot> records = new ArrayList<>();
            String inSync = SyntheticRecords.key(Harness.C, r, 1);
            records.add(seeded(h, run, inSync, 0, T0));

            String missedCreate = SyntheticRecords.key(Harness.C, r, 2);
            records.add(Harness.snap(run, missedCreate, 0, T0));
            expected.put(missedCreate, FindingKind.MISSED_CREATE);

            String changed = SyntheticRecords.key(Harness.C, r, 3);
            seeded(h, run, changed, 0, T0);
            boolean versioned = ResourceRules.versioned(r);
            records.add(Harness.snap(run, changed, 1, versioned ? T0.plusSeconds(60) : T0));
            expected.put(changed, FindingKind.MISSED_UPDATE);

            if (versioned) {
                String silent = SyntheticRecords.key(Harness.C, r, 4);
                seeded(h, run, silent, 0, T0);
                records.add(Harness.snap(run, silent, 1, T0));
                expected.put(silent, FindingKind.SILENT_CHANGE);
            }

            String pushFailure = SyntheticRecords.key(Harness.C, r, 5);
            Snapshot pf = Harness.snap(run, pushFailure, 0, T0);
            h.publish(SyntheticRecords.partnerFor(pf, T0));
            // a destination read after the push did not find the row: the evidence a push failure needs
            h.publish(new ExternalRow(1, Optional.empty(), Harness.C, r.path(), pushFailure, ExternalRow.ExternalSource.READER, false,
                    Map.of(), Optional.empty(), false, false, Optional.empty(), T0.plusSeconds(600)));
            records.add(pf);
            expected.put(pushFailure, FindingKind.PUSH_FAILURE);

            String drift = SyntheticRecords.key(Harness.C, r, 6);
            Snapshot dv = Harness.snap(run, drift, 0, T0);
            String column = SyntheticRecords.textualColumn(r);
            PartnerState p = SyntheticRecords.partnerFor(dv, T0);
            Map<String, String> drifted = new HashMap<>(p.pushedFields());
            drifted.put(column, "zz-drifted");
            h.publish(new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(), p.processedHash(), true, drifted,
                    p.externalId(), T0, false, p.source()));
            ExternalRow e = SyntheticRecords.externalFor(dv, Optional.empty(), T0);
            h.publish(new ExternalRow(1, Optional.empty(), e.customer(), e.resource(), e.key(), e.source(), true, drifted,
                    e.vomoVersion(), false, false, e.externalId(), T0));
            records.add(dv);
            expected.put(drift, FindingKind.DRIFT);

            String deleted = SyntheticRecords.key(Harness.C, r, 7);
            seeded(h, run, deleted, 0, T0);
            expected.put(deleted, FindingKind.DELETION);

            String orphan = SyntheticRecords.key(Harness.C, r, 8);
            h.publish(SyntheticRecords.externalFor(Harness.snap(run, orphan, 0, T0), Optional.empty(), T0));
            expected.put(orphan, FindingKind.ORPHAN_EXTERNAL);

            String outOfScope = r.isNested() ? RecordKey.of(Harness.C, r, "2000", "9").encode() : RecordKey.of("globex", r, "9").encode();
            seeded(h, run, outOfScope, 0, T0);

            RunSummary s = h.run(run, r.path(), kindFor(r), List.of(scopeFor(r)), records, DONE);
            List<Finding> found = h.findings();
            Map<String, FindingKind> actual = found.stream().filter(f -> f.kind() != FindingKind.SCHEDULE_DRIFT)
                    .collect(Collectors.toMap(Finding::key, Finding::kind));
            assertThat(actual).isEqualTo(expected);
            assertThat(found).filteredOn(f -> f.kind() == FindingKind.DRIFT).singleElement()
                    .satisfies(f -> assertThat(f.fieldDiffs()).extracting(d -> d.field()).containsExactly(column));
            assertThat(found).filteredOn(f -> f.kind().family() != FindingKind.Family.DELETION)
                    .allSatisfy(f -> assertThat(f.status()).isEqualTo(FindingStatus.OPEN));
            assertThat(found).filteredOn(f -> f.kind().family() == FindingKind.Family.DELETION)
                    .allSatisfy(f -> assertThat(f.status()).isEqualTo(FindingStatus.CANDIDATE));
            assertThat(found).allSatisfy(f -> assertThat(f.resource()).isIn(r.path(), Resource.PROJECTS.path()));
            assertThat(s.keysChecked()).as("keys in scope only").isEqualTo(expected.size() + 1);
        }
    }

    /** Publishes P and E that are in sync with variant {@code v} of the key. */
    static Snapshot seeded(Harness h, String run, String key, int v, Instant at) {
        Snapshot s = Harness.snap(run, key, v, at);
        h.publish(SyntheticRecords.partnerFor(s, at));
        h.publish(SyntheticRecords.externalFor(s, Optional.empty(), at));
        return s;
    }
}
