package io.vomorecon.reconciler.bench;

import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Partitioning;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One customer's users across the three sources with a known mix of findings planted (about 1 %
 * of keys per row of the table, drift spread over three fields so no mapping regression is
 * suspected), plus the FULL run's markers for every partition. The expected finding of every
 * key is recorded, so detection can be scored exactly.
 */
public record PlantedDataset(String customer, String runId, int partitions, List<Snapshot> snapshots,
                             List<PartnerState> partner, List<ExternalRow> external, List<RunCompleted> markers,
                             Map<String, FindingKind> expected) {

    public static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");
    public static final Instant COMPLETED_AT = T0.plus(Duration.ofHours(6));
    private static final String[] DRIFT_FIELDS = {"last_name", "membership_status", "membership_role"};

    public static PlantedDataset users(String customer, int n, int partitions) {
        String runId = runId(customer);
        List<Snapshot> snaps = new ArrayList<>(n);
        List<PartnerState> partner = new ArrayList<>(n);
        List<ExternalRow> external = new ArrayList<>(n);
        Map<String, FindingKind> expected = new HashMap<>();
        for (int i = 0; i < n; i++) {
            KeyRows rows = keyRows(customer, runId, i);
            rows.snapshot().ifPresent(snaps::add);
            rows.partner().ifPresent(partner::add);
            rows.external().ifPresent(external::add);
            rows.expected().ifPresent(k -> expected.put(rows.key(), k));
        }
        return new PlantedDataset(customer, runId, partitions, snaps, partner, external, markers(customer, runId, n, partitions),
                expected);
    }

    public static String runId(String customer) {
        return "r-" + customer + "-users-full-" + T0.getEpochSecond() + "-b3c4";
    }

    /** What the three sources hold for key number i, and the finding planted there (if any). */
    public record KeyRows(String key, Optional<Snapshot> snapshot, Optional<PartnerState> partner, Optional<ExternalRow> external,
                          Optional<FindingKind> expected) {
    }

    /**
     * The rows of key number i, a pure function of (customer, run, i): the benchmark can publish a
     * data set far larger than its heap by generating it key by key, and score it the same way.
     */
    public static KeyRows keyRows(String customer, String runId, int i) {
        String key = keyOf(customer, i);
        Instant observed = COMPLETED_AT.minusSeconds(120);
        Snapshot v0 = SyntheticRecords.snapshot(runId, key, 0, T0, observed);
        List<PartnerState> partner = new ArrayList<>(1);
        List<ExternalRow> external = new ArrayList<>(1);
        Snapshot snap = null;
        FindingKind expected = null;
        switch (i % 100) {
            case 0 -> {
                snap = v0;
                expected = FindingKind.MISSED_CREATE;
            }
            case 1 -> {
                inSync(v0, partner, external);
                snap = SyntheticRecords.snapshot(runId, key, 1, T0.plusSeconds(600), observed);
                expected = FindingKind.MISSED_UPDATE;
            }
            case 2 -> {
                inSync(v0, partner, external);
                snap = SyntheticRecords.snapshot(runId, key, 1, T0, observed);
                expected = FindingKind.SILENT_CHANGE;
            }
            case 3 -> {
                partner.add(SyntheticRecords.partnerFor(v0, T0));
                // a destination read after the push did not find the row: the evidence a push failure needs
                external.add(new ExternalRow(Topics.SCHEMA_VERSION, Optional.empty(), customer,
                        Resource.USERS.path(), key, ExternalRow.ExternalSource.READER, false, Map.of(), Optional.empty(), false,
                        false, Optional.empty(), T0.plus(Duration.ofHours(1))));
                snap = v0;
                expected = FindingKind.PUSH_FAILURE;
            }
            case 4 -> {
                PartnerState p = SyntheticRecords.partnerFor(v0, T0);
                Map<String, String> drifted = new HashMap<>(p.pushedFields());
                drifted.put(DRIFT_FIELDS[(i / 100) % DRIFT_FIELDS.length], "drifted-" + i);
                partner.add(new PartnerState(Topics.SCHEMA_VERSION, p.customer(), p.resource(), key, p.processedVersion(),
                        p.processedHash(), true, drifted, p.externalId(), T0, false, PartnerState.PartnerSource.PARTNER));
                ExternalRow e = SyntheticRecords.externalFor(v0, Optional.empty(), T0);
                external.add(new ExternalRow(Topics.SCHEMA_VERSION, Optional.empty(), e.customer(), e.resource(), key,
                        e.source(), true, drifted, e.vomoVersion(), false, false, e.externalId(), T0));
                snap = v0;
                expected = FindingKind.DRIFT;
            }
            case 5 -> {
                inSync(v0, partner, external);
                expected = FindingKind.DELETION;
            }
            case 6 -> {
                external.add(SyntheticRecords.externalFor(v0, Optional.empty(), T0));
                expected = FindingKind.ORPHAN_EXTERNAL;
            }
            default -> {
                inSync(v0, partner, external);
                snap = v0;
            }
        }
        return new KeyRows(key, Optional.ofNullable(snap), partner.stream().findFirst(), external.stream().findFirst(),
                Optional.ofNullable(expected));
    }

    static String keyOf(String customer, int i) {
        return RecordKey.of(customer, Resource.USERS, String.valueOf(100_000 + i)).encode();
    }

    /** Whether key number i has a snapshot in the run (every key but the planted deletions and orphans). */
    static boolean hasSnapshot(int i) {
        return i % 100 != 5 && i % 100 != 6;
    }

    /** The run's markers, one per partition, with the count of snapshots the partition gets. */
    public static List<RunCompleted> markers(String customer, String runId, int n, int partitions) {
        long[] counts = new long[partitions];
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (hasSnapshot(i)) {
                counts[Partitioning.partitionFor(keyOf(customer, i), partitions)]++;
                total++;
            }
        }
        List<RunCompleted> markers = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            markers.add(new RunCompleted(Topics.SCHEMA_VERSION, runId, customer, Resource.USERS.path(), RunKind.FULL, RunSource.VOMO,
                    List.of(RecordKey.prefix(customer, Resource.USERS)), Optional.empty(), p, partitions, counts[p], total,
                    (n + 14) / 15, T0.plus(Duration.ofHours(5)), COMPLETED_AT));
        }
        return markers;
    }

    private static void inSync(Snapshot v, List<PartnerState> partner, List<ExternalRow> external) {
        partner.add(SyntheticRecords.partnerFor(v, T0));
        external.add(SyntheticRecords.externalFor(v, Optional.empty(), T0));
    }

    /** The Kafka key of a run marker on partition p (CONTRACTS.md). */
    public static String markerKey(RunCompleted m) {
        return RecordKey.of(m.customer(), "_run", m.runId(), String.valueOf(m.partition())).encode();
    }

    public int inputRecords() {
        return snapshots.size() + partner.size() + external.size() + markers.size();
    }
}
