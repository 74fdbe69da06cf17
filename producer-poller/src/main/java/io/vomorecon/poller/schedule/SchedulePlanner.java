package io.vomorecon.poller.schedule;

import io.vomorecon.poller.config.Cadence;
import io.vomorecon.poller.config.CadenceTable;
import io.vomorecon.poller.config.CustomerConfig;
import io.vomorecon.poller.config.SchedulerSettings;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Job;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The schedule as a pure function of the customer list, the settings and the clock: which runs
 * are due at an instant, given the last slot issued per customer, resource and kind.
 *
 * <p>Slots are fixed points in time, so the plan does not depend on when the scheduler started:
 * slot k of an entry is {@code ANCHOR + k * period + offset}. A customer's offset is its start
 * minute (customers sorted by id, spread evenly across the stagger window, so no two customers
 * share a minute unless there are more customers than minutes) plus, for cadences of several
 * days, a day ({@code index mod days}) so weekly and monthly runs spread over the week too.
 *
 * <p>A run is issued once per slot: the newest slot at or before now that is after the last one
 * issued (slots missed while the scheduler was down are caught up with one run, whose window
 * reaches back to the last issued slot, so incremental coverage has no hole). An entry never
 * issued starts at its first slot after the planner first sees it (see {@link #baselines()}), so a
 * first start does not fire every past slot at once. Never reads a clock itself.
 */
public final class SchedulePlanner {

    /** Monday 1970-01-05T00:00Z: weekly slots with day offset 0 fall on Mondays (UTC). */
    public static final Instant ANCHOR = Instant.parse("1970-01-05T00:00:00Z");

    /** One run to issue: its entry, its slot, and the slot issued before it (if any). */
    public record PlannedRun(String customer, Resource resource, RunKind kind, Cadence cadence, Instant slot,
                             Optional<Instant> previousSlot) {
        public String stateKey() {
            return SchedulePlanner.stateKey(customer, resource, kind);
        }
    }

    private static final class Entry {
        final String customer;
        final CadenceTable.Entry run;
        final Duration offset;
        Optional<Instant> lastSlot;
        Instant nextDue;

        Entry(String customer, CadenceTable.Entry run, Duration offset) {
            this.customer = customer;
            this.run = run;
            this.offset = offset;
        }
    }

    private final SchedulerSettings settings;
    private final Map<String, Integer> startMinute = new HashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Instant> baselines = new HashMap<>();
    /** Ties broken by customer, resource and kind, so the order of runs within a minute is part of the plan too. */
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(Comparator.comparing((Entry e) -> e.nextDue)
            .thenComparing(e -> e.customer).thenComparing(e -> e.run.resource()).thenComparing(e -> e.run.kind()));

    /**
     * @param lastSlots the last slot issued per {@link #stateKey}, as the compacted schedule topic holds them
     * @param now       the instant the planner starts at (entries never issued start after it)
     */
    public SchedulePlanner(List<CustomerConfig> customers, SchedulerSettings settings, Map<String, Instant> lastSlots, Instant now) {
        this.settings = settings;
        List<CustomerConfig> sorted = customers.stream().sorted(Comparator.comparing(CustomerConfig::id)).toList();
        long windowMinutes = settings.staggerWindow().toMinutes();
        int windowStart = settings.windowStart().getHour() * 60 + settings.windowStart().getMinute();
        for (int i = 0; i < sorted.size(); i++) {
            CustomerConfig c = sorted.get(i);
            // Every configured customer keeps its place (enabled or not), so toggling one does not move the others.
            int minute = (int) ((windowStart + (long) i * windowMinutes / sorted.size()) % 1440);
            startMinute.put(c.id(), minute);
            if (!c.enabled()) {
                continue;
            }
            for (CadenceTable.Entry run : CadenceTable.resolve(c.size(), settings.largeCustomerUsers(), c.cadences())) {
                int days = run.cadence().days();
                Duration offset = Duration.ofDays(i % days).plusMinutes(minute);
                Entry e = new Entry(c.id(), run, offset);
                String key = stateKey(c.id(), run.resource(), run.kind());
                Instant last = lastSlots.get(key);
                if (last == null) {
                    // Never seen: the newest past slot counts as done (a first start must not fire every past slot),
                    // and is persisted as a baseline so a restart before the first run catches up instead of skipping it.
                    last = latestSlotAtOrBefore(e, now);
                    baselines.put(key, last);
                }
                e.lastSlot = Optional.of(last);
                e.nextDue = last.plus(run.cadence().period());
                entries.add(e);
                queue.add(e);
            }
        }
    }

    /** The key of one customer's resource and kind on recon.jobs and recon.schedule: {@code acme/users/FULL}. */
    public static String stateKey(String customer, Resource resource, RunKind kind) {
        return RecordKey.of(customer, resource, kind.name()).encode();
    }

    /** The minute of the day (UTC) at which a customer's runs start. */
    public Optional<Integer> startMinute(String customer) {
        return Optional.ofNullable(startMinute.get(customer));
    }

    /** How many scheduled entries (customer, resource, kind) there are. */
    public int size() {
        return entries.size();
    }

    /**
     * Entries the planner saw for the first time, with the slot it counts as their last: persist
     * them before issuing anything, so that a restart plans from the same point.
     */
    public Map<String, Instant> baselines() {
        return Map.copyOf(baselines);
    }

    /** The runs due at {@code now}, each marked as issued (if issuing them fails, build a new planner from the persisted state). */
    public List<PlannedRun> due(Instant now) {
        List<PlannedRun> out = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().nextDue.isAfter(now)) {
            Entry e = queue.poll();
            Instant slot = latestSlotAtOrBefore(e, now);
            out.add(new PlannedRun(e.customer, e.run.resource(), e.run.kind(), e.run.cadence(), slot, e.lastSlot));
            e.lastSlot = Optional.of(slot);
            e.nextDue = slot.plus(e.run.cadence().period());
            queue.add(e);
        }
        return out;
    }

    /** The last slot issued per state key (what must be persisted). */
    public Map<String, Instant> lastSlots() {
        Map<String, Instant> out = new HashMap<>();
        for (Entry e : entries) {
            e.lastSlot.ifPresent(s -> out.put(stateKey(e.customer, e.run.resource(), e.run.kind()), s));
        }
        return out;
    }

    /** The job for a planned run: deterministic id, and the window of kinds that have one. */
    public Job toJob(PlannedRun run, Instant requestedAt) {
        Duration period = run.cadence().period();
        Instant from = run.previousSlot().orElse(run.slot().minus(period)).minus(settings.incrementalOverlap());
        Optional<TimeWindow> window = switch (run.kind()) {
            case INCREMENTAL -> Optional.of(new TimeWindow(from, run.slot()));
            case PARTICIPATIONS -> Optional.of(new TimeWindow(from, run.slot().plus(settings.participationsLookahead())));
            default -> Optional.empty();
        };
        String jobId = "j-" + ContentHash.stableId(run.customer(), run.resource().path(), run.kind().name(), run.slot().toString());
        return new Job(Topics.SCHEMA_VERSION, jobId, run.customer(), run.resource().path(), run.kind(), window, run.slot(),
                "scheduler", requestedAt);
    }

    private static Instant latestSlotAtOrBefore(Entry e, Instant now) {
        long periodSeconds = e.run.cadence().period().toSeconds();
        long sinceFirst = Duration.between(ANCHOR.plus(e.offset), now).toSeconds();
        long k = Math.floorDiv(sinceFirst, periodSeconds);
        return ANCHOR.plus(e.offset).plusSeconds(k * periodSeconds);
    }
}
