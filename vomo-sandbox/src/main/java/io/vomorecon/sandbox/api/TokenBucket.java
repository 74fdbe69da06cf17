package io.vomorecon.sandbox.api;

import io.vomorecon.sandbox.RateLimit;
import java.util.function.LongSupplier;

/**
 * The per-token rate limit: one bucket per sandbox token, shared by every client of that token
 * (the reference sync and vomo-recon compete for it, as in production). Runs on a monotonic
 * tick, never on the wall clock or the simulated clock: rate limits are about real requests.
 */
public final class TokenBucket {

    private final LongSupplier nanos;
    private RateLimit limit;
    private double tokens;
    private long lastRefill;

    public TokenBucket(RateLimit limit, LongSupplier nanos) {
        this.nanos = nanos;
        this.limit = limit;
        this.tokens = limit.burst();
        this.lastRefill = nanos.getAsLong();
    }

    public synchronized void setLimit(RateLimit newLimit) {
        this.limit = newLimit;
        this.tokens = Math.min(tokens, newLimit.burst());
    }

    public synchronized RateLimit limit() {
        return limit;
    }

    /** Takes one permit; returns 0 when granted, else the whole seconds to wait (at least 1). */
    public synchronized long tryAcquire() {
        if (!limit.enabled()) {
            return 0;
        }
        long now = nanos.getAsLong();
        tokens = Math.min(limit.burst(), tokens + (now - lastRefill) / 1e9 * limit.permitsPerSecond());
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        double seconds = (1 - tokens) / limit.permitsPerSecond();
        return Math.max(1, (long) Math.ceil(seconds));
    }
}
