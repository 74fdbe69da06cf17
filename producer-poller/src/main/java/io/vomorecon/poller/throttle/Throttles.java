package io.vomorecon.poller.throttle;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link AdaptiveThrottle} per customer token, shared by every run and the verifier of this instance. */
public final class Throttles {

    private final Map<String, AdaptiveThrottle> byCustomer = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration maxWait;

    public Throttles(Clock clock, Duration maxWait) {
        this.clock = clock;
        this.maxWait = maxWait;
    }

    public AdaptiveThrottle forCustomer(String customer, double ratePerSecond) {
        return byCustomer.computeIfAbsent(customer, c -> new AdaptiveThrottle(c, ratePerSecond, maxWait, clock));
    }
}
