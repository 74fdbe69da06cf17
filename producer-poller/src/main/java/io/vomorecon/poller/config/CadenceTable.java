package io.vomorecon.poller.config;

import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.RunKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cadence of every run of one customer: the seed's defaults (deletion scans: users and
 * projects weekly, groups daily, campaigns weekly, forms and certificates monthly; incremental
 * daily; participations, membership and form completions daily; schedule and the sample audit
 * weekly; users fully every day from {@code largeCustomerUsers} users on), then the customer's
 * overrides. A daily INCREMENTAL is dropped by default where a FULL of the same resource runs at
 * least as often (it would read a subset of what the FULL reads); an explicit override keeps it.
 */
public final class CadenceTable {

    /** One scheduled run: resource, kind and how often. */
    public record Entry(Resource resource, RunKind kind, Cadence cadence) {
    }

    private CadenceTable() {
    }

    /** The defaults for a customer of {@code users} users. */
    public static Map<Resource, Map<RunKind, Cadence>> defaults(long users, long largeCustomerUsers) {
        Map<Resource, Map<RunKind, Cadence>> t = new LinkedHashMap<>();
        put(t, Resource.USERS, RunKind.FULL, users >= largeCustomerUsers ? Cadence.DAILY : Cadence.WEEKLY);
        put(t, Resource.PROJECTS, RunKind.FULL, Cadence.WEEKLY);
        put(t, Resource.GROUPS, RunKind.FULL, Cadence.DAILY);
        put(t, Resource.CAMPAIGNS, RunKind.FULL, Cadence.WEEKLY);
        put(t, Resource.FORMS, RunKind.FULL, Cadence.MONTHLY);
        put(t, Resource.CERTIFICATES, RunKind.FULL, Cadence.MONTHLY);
        for (Resource r : RunPlan.LISTABLE) {
            Cadence full = t.get(r).get(RunKind.FULL);
            put(t, r, RunKind.INCREMENTAL, full.days() <= 1 ? Cadence.OFF : Cadence.DAILY);
        }
        put(t, Resource.PARTICIPATIONS, RunKind.PARTICIPATIONS, Cadence.DAILY);
        put(t, Resource.PROJECT_DATES, RunKind.SCHEDULE, Cadence.WEEKLY);
        put(t, Resource.GROUP_MEMBERS, RunKind.MEMBERSHIP, Cadence.DAILY);
        put(t, Resource.FORM_COMPLETIONS, RunKind.FORM_COMPLETIONS, Cadence.DAILY);
        put(t, Resource.USERS, RunKind.AUDIT_SAMPLE, Cadence.WEEKLY);
        return t;
    }

    /**
     * The customer's entries (cadence not off), defaults overridden by {@code overrides}
     * (resource path to kind config name to cadence text, already validated).
     */
    public static List<Entry> resolve(long users, long largeCustomerUsers, Map<String, Map<String, String>> overrides) {
        Map<Resource, Map<RunKind, Cadence>> t = defaults(users, largeCustomerUsers);
        overrides.forEach((resource, kinds) -> kinds.forEach((kind, cadence) ->
                put(t, Resource.require(resource), RunPlan.kindFromConfigName(kind).orElseThrow(),
                        Cadence.parse(cadence).orElseThrow())));
        List<Entry> out = new ArrayList<>();
        t.forEach((r, kinds) -> kinds.forEach((k, c) -> {
            if (!c.isOff()) {
                out.add(new Entry(r, k, c));
            }
        }));
        return out;
    }

    private static void put(Map<Resource, Map<RunKind, Cadence>> t, Resource r, RunKind k, Cadence c) {
        t.computeIfAbsent(r, x -> new LinkedHashMap<>()).put(k, c);
    }
}
