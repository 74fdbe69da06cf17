package io.vomorecon.app.demo;

import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.partner.SyncBug;
import io.vomorecon.schemas.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one end-to-end run plays: the customers and their sizes, the seed, the fault profile (and
 * the length of its 429 storms: 0 keeps the profile's),
 * how much faster than the defaults VOMO's data changes, how long and in which steps simulated
 * time runs, the per-token rate limit and vomo-recon's share of it, which reference-sync bugs
 * fire when, which customer's sync gets its checkpoint stuck (the anomaly hold), how many extra
 * changes of every mutation kind are injected, per-customer cadence overrides, how long a
 * barrier may wait (real time) before the run fails, and whether the reference partner sync asks
 * the sandbox API's handler in process instead of over its socket (the poller always uses HTTP).
 */
public record E2eSettings(
        List<CustomerSpec> customers,
        long seed,
        String faultProfile,
        int stormRequests,
        double mutationFactor,
        Duration simulated,
        Duration step,
        double rateLimit,
        double throttleShare,
        List<BugPlan> bugs,
        Optional<String> stuckCustomer,
        int injectionsPerKind,
        Map<String, Map<String, Map<String, String>>> cadences,
        Duration barrierTimeout,
        int inputPartitions,
        boolean partnerInProcess) {

    public E2eSettings {
        customers = List.copyOf(customers);
        bugs = List.copyOf(bugs);
        cadences = Map.copyOf(cadences);
    }

    /** The same world played for another length of simulated time. */
    public E2eSettings withSimulated(Duration length) {
        return new E2eSettings(customers, seed, faultProfile, stormRequests, mutationFactor, length, step, rateLimit, throttleShare, bugs,
                stuckCustomer, injectionsPerKind, cadences, barrierTimeout, inputPartitions, partnerInProcess);
    }

    /** The same world played in other steps (the partner polls once a step; jobs due in a step start at its end). */
    public E2eSettings withStep(Duration length) {
        return new E2eSettings(customers, seed, faultProfile, stormRequests, mutationFactor, simulated, length, rateLimit, throttleShare,
                bugs, stuckCustomer, injectionsPerKind, cadences, barrierTimeout, inputPartitions, partnerInProcess);
    }

    /** The same world with another per-token rate limit (requests/s; 0 = none). */
    public E2eSettings withRateLimit(double perSecond) {
        return new E2eSettings(customers, seed, faultProfile, stormRequests, mutationFactor, simulated, step, perSecond, throttleShare,
                bugs, stuckCustomer, injectionsPerKind, cadences, barrierTimeout, inputPartitions, partnerInProcess);
    }

    /** The fault settings every customer gets after the partner's initial load. */
    public io.vomorecon.sandbox.FaultSettings faults() {
        io.vomorecon.sandbox.FaultSettings p = io.vomorecon.sandbox.FaultSettings.profile(faultProfile);
        return new io.vomorecon.sandbox.FaultSettings(p.p500(), p.pSlow(), p.slowMillis(), p.pTimeout(), p.timeoutMillis(),
                p.pCutShort(), p.stormsPerDay(), stormRequests > 0 ? stormRequests : p.stormRequests());
    }

    /** One reference-sync bug: switched on for a customer's stream at a simulated offset from the start, for some runs. */
    public record BugPlan(String customer, SyncBug bug, Resource resource, int param, int runs, Duration at) {
    }
}
