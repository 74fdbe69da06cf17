package io.vomorecon.sandbox.api;

import io.vomorecon.sandbox.FaultSettings;
import io.vomorecon.sandbox.RateLimit;
import java.util.function.LongSupplier;

/** One customer token's rate limit, fault injector and request counters. */
public final class CustomerControls {

    private final TokenBucket bucket;
    private final FaultInjector faults;
    private final ApiStats stats = new ApiStats();

    public CustomerControls(RateLimit limit, FaultSettings faultSettings, long seed, LongSupplier nanos) {
        this.bucket = new TokenBucket(limit, nanos);
        this.faults = new FaultInjector(faultSettings, seed);
    }

    public TokenBucket bucket() {
        return bucket;
    }

    public FaultInjector faults() {
        return faults;
    }

    public ApiStats stats() {
        return stats;
    }
}
