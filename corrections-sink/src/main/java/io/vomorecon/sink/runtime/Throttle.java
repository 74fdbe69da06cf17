package io.vomorecon.sink.runtime;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;

/**
 * The per-customer write budget: at most {@code perSecond} destination writes per customer per
 * second (resilience4j rate limiters, one per customer), so one customer's large correction
 * batch neither swamps the destination nor starves other customers' corrections for long.
 * It measures real elapsed time on purpose: it protects a real database, whatever clock the
 * findings are stamped with. {@code perSecond = 0} disables it.
 */
public final class Throttle {

    private final int perSecond;
    private final RateLimiterRegistry registry;

    public Throttle(int perSecond) {
        this.perSecond = perSecond;
        this.registry = perSecond <= 0 ? null : RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofSeconds(2))
                .build());
    }

    public static Throttle unlimited() {
        return new Throttle(0);
    }

    /** Blocks until the customer may make {@code writes} more writes. */
    public void acquire(String customer, int writes) {
        if (registry == null || writes <= 0) {
            return;
        }
        RateLimiter limiter = registry.rateLimiter(customer);
        int remaining = writes;
        while (remaining > 0) {
            int take = Math.min(remaining, perSecond);
            if (limiter.acquirePermission(take)) {
                remaining -= take;
            }
        }
    }

    public boolean enabled() {
        return registry != null;
    }
}
