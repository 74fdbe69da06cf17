package io.vomorecon.sandbox;

import io.vomorecon.platform.config.ConfigException;
import java.time.Instant;
import java.util.List;

/**
 * Everything a sandbox starts from. The same config (and seed) gives the same world and
 * byte-identical API answers. {@code port} 0 picks a free port.
 *
 * @param start           simulated time at start-up (whole seconds)
 * @param serverThreads   HTTP worker threads (bounded pool)
 */
public record SandboxConfig(List<CustomerSpec> customers, long seed, int port, Instant start, FaultSettings faults,
                            Quirks quirks, RateLimit rateLimit, MutationRates rates, int serverThreads) {

    public static final Instant DEFAULT_START = Instant.parse("2025-06-02T06:00:00Z");

    public SandboxConfig {
        customers = List.copyOf(customers);
        ConfigException.check(!customers.isEmpty(), "customers", "no customer configured", "give at least one customer");
        ConfigException.check(port >= 0 && port <= 65535, "port", "port " + port + " is out of range", "use 0 (free port) or 1-65535");
        ConfigException.check(serverThreads >= 1, "server-threads", "must be at least 1", "use e.g. 8");
        start = Instant.ofEpochSecond(start.getEpochSecond());
    }

    /** Customers named {@code <prefix>-1..n} with the given sizes, no faults, every quirk, no rate limit. */
    public static SandboxConfig of(long seed, CustomerSpec... customers) {
        return new SandboxConfig(List.of(customers), seed, 0, DEFAULT_START, FaultSettings.none(), Quirks.all(),
                RateLimit.off(), MutationRates.defaults(), 8);
    }

    public SandboxConfig withPort(int p) {
        return new SandboxConfig(customers, seed, p, start, faults, quirks, rateLimit, rates, serverThreads);
    }

    public SandboxConfig withFaults(FaultSettings f) {
        return new SandboxConfig(customers, seed, port, start, f, quirks, rateLimit, rates, serverThreads);
    }

    public SandboxConfig withQuirks(Quirks q) {
        return new SandboxConfig(customers, seed, port, start, faults, q, rateLimit, rates, serverThreads);
    }

    public SandboxConfig withRateLimit(RateLimit r) {
        return new SandboxConfig(customers, seed, port, start, faults, quirks, r, rates, serverThreads);
    }

    public SandboxConfig withRates(MutationRates r) {
        return new SandboxConfig(customers, seed, port, start, faults, quirks, rateLimit, r, serverThreads);
    }

    public SandboxConfig withStart(Instant s) {
        return new SandboxConfig(customers, seed, port, s, faults, quirks, rateLimit, rates, serverThreads);
    }

    public SandboxConfig withServerThreads(int n) {
        return new SandboxConfig(customers, seed, port, start, faults, quirks, rateLimit, rates, n);
    }
}
