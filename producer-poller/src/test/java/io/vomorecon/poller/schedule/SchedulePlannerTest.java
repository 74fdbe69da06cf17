package io.vomorecon.poller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.poller.config.Cadence;
import io.vomorecon.poller.config.CadenceTable;
import io.vomorecon.poller.config.CustomerConfig;
import io.vomorecon.poller.config.SchedulerSettings;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.Job;
import io.vomorecon.schemas.values.RunKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scheduler's plan on a simulated clock: 200 customers of mixed sizes over 30 days, one tick a minute. */
class SchedulePlannerTest {

    private static final Instant T0 = Instant.parse("2025-03-03T00:00:00Z");
    private static final Duration DAYS_30 = Duration.ofDays(30);
    private final SchedulerSettings settings = SchedulerSettings.defaults();

    /** One issued run and the tick that issued it. */
    record Issued(SchedulePlanner.PlannedRun run, Instant at) {
    }

    static List<CustomerConfig> customers(int n) {
        long[] sizes = {300, 800, 4_000, 20_000, 50_000, 120_000};
        List<CustomerConfig> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Map<String, String>> overrides = i % 10 == 3
                    ? Map.of("certificates", Map.of("full", "off"), "projects", Map.of("full", "3d", "incremental", "daily"))
                    : Map.of();
            out.add(new CustomerConfig(String.format("c%03d", (i * 7919) % n), "http://vomo.test/v1", "1", Optional.of("T"),
                    Optional.empty(), sizes[i % sizes.length], 10.0, 0.5, "UTC", true, overrides));
        }
        return out;
    }

    private List<Issued> simulate(SchedulePlanner planner, Instant from, Instant to) {
        List<Issued> out = new ArrayList<>();
        for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(60)) {
            for (SchedulePlanner.PlannedRun r : planner.due(t)) {
                out.add(new Issued(r, t));
            }
        }
        return out;
    }

    @Test
    void everyCustomerGetsExactlyItsCadencesAndNoMinuteHoldsTwoCustomers() {
        List<CustomerConfig> customers = customers(200);
        SchedulePlanner planner = new SchedulePlanner(customers, settings, Map.of(), T0);
        Instant end = T0.plus(DAYS_30);
        List<Issued> issued = simulate(planner, T0, end);

        Map<String, List<Issued>> byEntry = issued.stream().collect(Collectors.groupingBy(i -> i.run().stateKey()));
        for (CustomerConfig c : customers) {
            List<CadenceTable.Entry> expected = CadenceTable.resolve(c.size(), settings.largeCustomerUsers(), c.cadences());
            Set<String> keys = issued.stream().filter(i -> i.run().customer().equals(c.id())).map(i -> i.run().stateKey())
                    .collect(Collectors.toSet());
            assertThat(keys).as(c.id()).containsExactlyInAnyOrderElementsOf(
                    expected.stream().map(e -> SchedulePlanner.stateKey(c.id(), e.resource(), e.kind())).toList());
            for (CadenceTable.Entry e : expected) {
                List<Instant> slots = byEntry.get(SchedulePlanner.stateKey(c.id(), e.resource(), e.kind())).stream()
                        .map(i -> i.run().slot()).toList();
                Duration period = e.cadence().period();
                assertThat(slots.get(0)).as("first slot of " + c.id() + " " + e).isAfter(T0).isBeforeOrEqualTo(T0.plus(period));
                for (int k = 1; k < slots.size(); k++) {
                    assertThat(Duration.between(slots.get(k - 1), slots.get(k))).isEqualTo(period);
                }
                assertThat(slots.get(slots.size() - 1)).isAfter(end.minus(period));
            }
            Cadence usersFull = expected.stream().filter(e -> e.resource() == Resource.USERS && e.kind() == RunKind.FULL)
                    .findFirst().orElseThrow().cadence();
            assertThat(usersFull).isEqualTo(c.size() >= 50_000 ? Cadence.DAILY : Cadence.WEEKLY);
        }

        Map<Long, Set<String>> customersPerMinute = new TreeMap<>();
        for (Issued i : issued) {
            assertThat(i.run().slot()).isBeforeOrEqualTo(i.at());
            assertThat(Duration.between(i.run().slot(), i.at())).as("issued in the slot's minute").isLessThan(Duration.ofMinutes(1));
            customersPerMinute.computeIfAbsent(i.run().slot().getEpochSecond() / 60, m -> new HashSet<>()).add(i.run().customer());
        }
        assertThat(customersPerMinute.values()).allMatch(s -> s.size() == 1);
        Set<Integer> minutes = new HashSet<>();
        customers.forEach(c -> minutes.add(planner.startMinute(c.id()).orElseThrow()));
        assertThat(minutes).hasSize(200);
        // 1440 minutes over 200 customers: starts are at least 7 minutes apart.
        List<Integer> sorted = minutes.stream().sorted().toList();
        for (int k = 1; k < sorted.size(); k++) {
            assertThat(sorted.get(k) - sorted.get(k - 1)).isGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void aRestartInTheMiddleChangesNothing() {
        List<CustomerConfig> customers = customers(200);
        Instant end = T0.plus(DAYS_30);
        List<SchedulePlanner.PlannedRun> uninterrupted = simulate(new SchedulePlanner(customers, settings, Map.of(), T0), T0, end)
                .stream().map(Issued::run).toList();

        Instant crash = T0.plus(Duration.ofDays(13)).plusSeconds(17 * 3600 + 23 * 60);
        SchedulePlanner before = new SchedulePlanner(customers, settings, Map.of(), T0);
        List<SchedulePlanner.PlannedRun> first = simulate(before, T0, crash).stream().map(Issued::run).toList();
        Map<String, Instant> persisted = new HashMap<>(before.lastSlots());
        SchedulePlanner after = new SchedulePlanner(customers, settings, persisted, crash.plusSeconds(60));
        List<SchedulePlanner.PlannedRun> second = simulate(after, crash.plusSeconds(60), end).stream().map(Issued::run).toList();

        List<SchedulePlanner.PlannedRun> restarted = new ArrayList<>(first);
        restarted.addAll(second);
        assertThat(restarted).containsExactlyElementsOf(uninterrupted);
    }

    @Test
    void slotsMissedWhileDownAreIssuedOnceWhenBackAndWindowsHaveNoHole() {
        List<CustomerConfig> customers = customers(50);
        Instant end = T0.plus(Duration.ofDays(10));
        Set<String> uninterrupted = simulate(new SchedulePlanner(customers, settings, Map.of(), T0), T0, end).stream()
                .map(i -> i.run().stateKey() + "@" + i.run().slot()).collect(Collectors.toSet());

        Instant crash = T0.plus(Duration.ofDays(4));
        SchedulePlanner before = new SchedulePlanner(customers, settings, Map.of(), T0);
        List<Issued> first = simulate(before, T0, crash);
        Instant back = crash.plus(Duration.ofHours(6));
        SchedulePlanner after = new SchedulePlanner(customers, settings, before.lastSlots(), back);
        List<Issued> second = simulate(after, back, end);
        List<String> restarted = new ArrayList<>();
        first.forEach(i -> restarted.add(i.run().stateKey() + "@" + i.run().slot()));
        second.forEach(i -> restarted.add(i.run().stateKey() + "@" + i.run().slot()));
        assertThat(restarted).doesNotHaveDuplicates();
        assertThat(new HashSet<>(restarted)).isEqualTo(uninterrupted);
        assertThat(second).anyMatch(i -> i.at().equals(back) && i.run().slot().isBefore(back));

        Map<String, Instant> lastSlot = new HashMap<>();
        for (Issued i : first) {
            lastSlot.put(i.run().stateKey(), i.run().slot());
        }
        for (Issued i : second) {
            if (i.run().kind() != RunKind.INCREMENTAL) {
                continue;
            }
            Job job = after.toJob(i.run(), i.at());
            Instant previous = lastSlot.get(i.run().stateKey());
            assertThat(job.window()).isPresent();
            if (previous != null) {
                assertThat(job.window().get().from()).as("window reaches back past the previous slot")
                        .isBeforeOrEqualTo(previous);
            }
            assertThat(job.window().get().to()).isEqualTo(i.run().slot());
            lastSlot.put(i.run().stateKey(), i.run().slot());
        }
    }

    @Test
    void jobsHaveDeterministicIdsAndWindows() {
        SchedulePlanner planner = new SchedulePlanner(customers(3), settings, Map.of(), T0);
        List<Issued> issued = simulate(planner, T0, T0.plus(Duration.ofDays(2)));
        Issued incremental = issued.stream().filter(i -> i.run().kind() == RunKind.INCREMENTAL).findFirst().orElseThrow();
        Job a = planner.toJob(incremental.run(), incremental.at());
        Job b = planner.toJob(incremental.run(), incremental.at().plusSeconds(5));
        assertThat(a.jobId()).isEqualTo(b.jobId()).startsWith("j-");
        assertThat(a.window().orElseThrow().from()).isEqualTo(incremental.run().slot().minus(Duration.ofDays(1))
                .minus(settings.incrementalOverlap()));
        Issued full = issued.stream().filter(i -> i.run().kind() == RunKind.FULL).findFirst().orElseThrow();
        assertThat(planner.toJob(full.run(), full.at()).window()).isEmpty();
        Issued participations = issued.stream().filter(i -> i.run().kind() == RunKind.PARTICIPATIONS).findFirst().orElseThrow();
        assertThat(planner.toJob(participations.run(), participations.at()).window().orElseThrow().to())
                .isEqualTo(participations.run().slot().plus(settings.participationsLookahead()));
    }
}
