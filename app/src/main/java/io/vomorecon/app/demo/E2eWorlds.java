package io.vomorecon.app.demo;

import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.partner.SyncBug;
import io.vomorecon.schemas.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two worlds the project plays: the demo's (customers of very different sizes, one of
 * 50,000 users, two weeks of cadences) and the end-to-end proof's scaled-down one (five small
 * customers, changes ten times as frequent, every reference-sync bug several times). docs/demo.md
 * explains each number.
 */
public final class E2eWorlds {

    /** The customer whose reference sync gets its users checkpoint stuck (the anomaly hold). */
    public static final String STUCK = "delta";

    private E2eWorlds() {
    }

    /** The demo's 50,000-user customer. */
    public static final String LARGE = "mega";

    /**
     * The demo: 14 days in 4-hour steps, a rate limit of 2,000 req/s per token, and the large
     * customer on the cadences an operator on a budget would give it (weekly full users scan and
     * membership run, daily incremental) instead of its size's daily defaults; docs/demo.md.
     */
    public static E2eSettings demo() {
        List<CustomerSpec> customers = List.of(new CustomerSpec("alpha", 400), new CustomerSpec("bravo", 2_000),
                new CustomerSpec("charlie", 8_000), new CustomerSpec(STUCK, 1_500), new CustomerSpec(LARGE, 50_000));
        Map<String, Map<String, Map<String, String>>> cadences = new java.util.HashMap<>(cadences());
        cadences.put(LARGE, Map.of("users", Map.of("full", "weekly", "incremental", "daily"),
                "group-members", Map.of("membership", "weekly")));
        return new E2eSettings(customers, 7, "realistic", 2, 1.0, Duration.ofDays(14), Duration.ofHours(4), 2_000, 0.5,
                bugs(List.of("alpha", "bravo", "charlie"), Duration.ofDays(1), Duration.ofDays(3)), Optional.of(STUCK), 2,
                cadences, Duration.ofMinutes(3), 4, true);
    }

    public static E2eSettings it() {
        List<CustomerSpec> customers = List.of(new CustomerSpec("alpha", 300), new CustomerSpec("bravo", 500),
                new CustomerSpec("charlie", 700), new CustomerSpec(STUCK, 1_000), new CustomerSpec("echo", 400));
        return new E2eSettings(customers, 11, "realistic", 5, 8.0, Duration.ofDays(2), Duration.ofHours(1), 300, 0.5,
                bugs(List.of("alpha", "bravo", "charlie", "echo"), Duration.ofHours(6), Duration.ofHours(20)), Optional.of(STUCK), 3,
                cadences(), Duration.ofMinutes(2), 3, false);
    }

    /**
     * Every bug on several customers, each for a few runs: the list bugs on users, the push and
     * mapping bugs on users and projects; the stuck checkpoint on the hold customer from day 1.
     */
    private static List<E2eSettings.BugPlan> bugs(List<String> who, Duration first, Duration second) {
        List<E2eSettings.BugPlan> out = new ArrayList<>();
        for (int i = 0; i < who.size(); i++) {
            String c = who.get(i);
            Duration at = i % 2 == 0 ? first : second;
            out.add(new E2eSettings.BugPlan(c, SyncBug.CRASH_MID_BATCH, Resource.USERS, 2, 2, at));
            out.add(new E2eSettings.BugPlan(c, SyncBug.FAILURE_ADVANCES_CHECKPOINT, Resource.USERS, 2, 3, at.plusHours(1)));
            out.add(new E2eSettings.BugPlan(c, SyncBug.NETWORK_ERROR_MID_PAGINATION, Resource.USERS, 2, 3, at.plusHours(5)));
            out.add(new E2eSettings.BugPlan(c, SyncBug.PUSH_LOST, i % 2 == 0 ? Resource.USERS : Resource.PROJECTS, 3, 4, at));
            out.add(new E2eSettings.BugPlan(c, SyncBug.PUSH_STALE, i % 2 == 0 ? Resource.PROJECTS : Resource.USERS, 3, 4, at.plusHours(2)));
            out.add(new E2eSettings.BugPlan(c, SyncBug.MAPPING_BUG, Resource.CAMPAIGNS, 1, 2, at));
        }
        out.add(new E2eSettings.BugPlan(STUCK, SyncBug.CHECKPOINT_STUCK, Resource.USERS, 1, Integer.MAX_VALUE, Duration.ofHours(3)));
        return out;
    }

    /**
     * Cadence overrides: the hold customer's users are audited by the daily incremental only
     * (no weekly full or sample audit), so the held incremental run is the one path its user gaps
     * take until the final reconciliation, and the hold is measured cleanly.
     */
    private static Map<String, Map<String, Map<String, String>>> cadences() {
        return Map.of(STUCK, Map.of("users", Map.of("full", "off", "audit-sample", "off", "incremental", "daily")));
    }
}
