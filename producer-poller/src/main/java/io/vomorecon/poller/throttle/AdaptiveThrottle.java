package io.vomorecon.poller.throttle;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request budget reconciliation may spend with one customer's token: a token bucket (a
 * resilience4j {@link RateLimiter}) at the configured share of the token's budget, so that
 * reconciliation never starves the partner's own polling, which shares the token. Adaptive:
 * a 429 halves the rate (never below one request per period), at most once per period: a burst
 * of refusals answers the same overload, and halving on each of them would throttle a 1,000 req/s
 * share to 62 after five refusals in one second; each full minute without a 429 raises it by
 * 10 % (at least one permit), never above the configured share.
 *
 * <p>Shared by every run, every parallel read of a run, and the verifier for that customer, so
 * thread-safe: the rate state is guarded by this object's monitor, and a caller waits for its
 * permit in the (lock-free) rate limiter outside that monitor. It must never let a caller
 * through above the current rate, and never raise the rate above the configured share.
 */
public final class AdaptiveThrottle {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveThrottle.class);
    private static final Duration RECOVERY_STEP = Duration.ofMinutes(1);

    private final String customer;
    private final Clock clock;
    private final Duration period;
    private final int ceiling;
    private final RateLimiter limiter;
    private int current;
    private Instant lastChange;
    private Instant lastHalving;
    private long rateLimitedCount;

    /**
     * @param ratePerSecond the configured share of the budget, in requests per second
     * @param maxWait       how long a caller may wait for a permit before the call fails
     */
    public AdaptiveThrottle(String customer, double ratePerSecond, Duration maxWait, Clock clock) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("a throttle needs a positive rate");
        }
        this.customer = customer;
        this.clock = clock;
        // One-second periods for rates of one a second and more; slower rates get longer periods of one permit.
        long periodMillis = ratePerSecond >= 1 ? 1000 : (long) Math.ceil(1000 / ratePerSecond);
        this.period = Duration.ofMillis(periodMillis);
        this.ceiling = Math.max(1, (int) Math.floor(ratePerSecond * periodMillis / 1000.0 + 1e-9));
        this.current = ceiling;
        this.lastChange = clock.instant();
        this.limiter = RateLimiter.of("vomo-" + customer, RateLimiterConfig.custom()
                .limitRefreshPeriod(period)
                .limitForPeriod(ceiling)
                .timeoutDuration(maxWait)
                .build());
    }

    /** Blocks until a request may be sent; false when none could be had within the configured wait. */
    public boolean acquire() {
        maybeRecover();
        return limiter.acquirePermission();
    }

    /** VOMO answered 429: halve the rate. */
    public synchronized void onRateLimited() {
        rateLimitedCount++;
        Instant now = clock.instant();
        lastChange = now;
        if (lastHalving != null && now.isBefore(lastHalving.plus(period))) {
            LOG.debug("throttle for {}: another 429 within the period of the last halving; rate kept at {}", customer, current);
            return;
        }
        lastHalving = now;
        int halved = Math.max(1, current / 2);
        if (halved != current) {
            LOG.info("throttle for {} halved after a 429: {} -> {} requests per {} ms", customer, current, halved, period.toMillis());
            current = halved;
            limiter.changeLimitForPeriod(halved);
        }
    }

    private synchronized void maybeRecover() {
        if (current >= ceiling) {
            return;
        }
        Instant now = clock.instant();
        long steps = Duration.between(lastChange, now).dividedBy(RECOVERY_STEP);
        if (steps <= 0) {
            return;
        }
        int raised = current;
        for (long i = 0; i < steps && raised < ceiling; i++) {
            raised = Math.min(ceiling, Math.max(raised + 1, (int) Math.ceil(raised * 1.1)));
        }
        lastChange = lastChange.plus(RECOVERY_STEP.multipliedBy(steps));
        LOG.info("throttle for {} recovering after {} clean minute(s): {} -> {} requests per {} ms (ceiling {})",
                customer, steps, current, raised, period.toMillis(), ceiling);
        current = raised;
        limiter.changeLimitForPeriod(raised);
    }

    /** The current rate in requests per second. */
    public synchronized double currentRate() {
        return current * 1000.0 / period.toMillis();
    }

    /** The configured ceiling in requests per second (the share of the budget, rounded down to whole permits). */
    public double ceilingRate() {
        return ceiling * 1000.0 / period.toMillis();
    }

    public synchronized long rateLimitedCount() {
        return rateLimitedCount;
    }

    public String customer() {
        return customer;
    }
}
