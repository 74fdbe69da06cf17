package io.vomorecon.poller.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AdaptiveThrottleTest {

    /** A clock tests move by hand. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void halvesOnA429AtMostOncePerPeriodAndNeverGoesBelowOnePermit() {
        TestClock clock = new TestClock();
        AdaptiveThrottle t = new AdaptiveThrottle("acme", 40, Duration.ofSeconds(1), clock);
        assertThat(t.currentRate()).isEqualTo(40.0);
        t.onRateLimited();
        assertThat(t.currentRate()).isEqualTo(20.0);
        for (int i = 0; i < 10; i++) {
            clock.now = clock.now.plusSeconds(1);
            t.onRateLimited();
        }
        assertThat(t.currentRate()).isEqualTo(1.0);
        assertThat(t.rateLimitedCount()).isEqualTo(11);
    }

    @Test
    void aBurstOf429sWithinOnePeriodHalvesOnce() {
        TestClock clock = new TestClock();
        AdaptiveThrottle t = new AdaptiveThrottle("acme", 1000, Duration.ofSeconds(1), clock);
        for (int i = 0; i < 5; i++) {
            t.onRateLimited();
            clock.now = clock.now.plusMillis(150);
        }
        assertThat(t.currentRate()).as("five refusals in 750 ms are one overload").isEqualTo(500.0);
        assertThat(t.rateLimitedCount()).isEqualTo(5);
        clock.now = clock.now.plusMillis(250);
        t.onRateLimited();
        assertThat(t.currentRate()).as("a refusal a period after the last halving halves again").isEqualTo(250.0);
    }

    @Test
    void recoversByTenPercentPerCleanMinuteUpToTheConfiguredShare() {
        TestClock clock = new TestClock();
        AdaptiveThrottle t = new AdaptiveThrottle("acme", 40, Duration.ofSeconds(1), clock);
        t.onRateLimited();
        clock.now = clock.now.plusSeconds(1);
        t.onRateLimited();
        assertThat(t.currentRate()).isEqualTo(10.0);
        clock.now = clock.now.plusSeconds(59);
        t.acquire();
        assertThat(t.currentRate()).as("less than a clean minute").isEqualTo(10.0);
        clock.now = clock.now.plusSeconds(1);
        t.acquire();
        assertThat(t.currentRate()).isEqualTo(11.0);
        clock.now = clock.now.plusSeconds(30);
        t.onRateLimited();
        assertThat(t.currentRate()).isEqualTo(5.0);
        clock.now = clock.now.plusSeconds(60 * 60);
        t.acquire();
        assertThat(t.currentRate()).as("capped at the configured share").isEqualTo(40.0);
    }

    @Test
    void ratesBelowOneASecondUseLongerPeriods() {
        AdaptiveThrottle t = new AdaptiveThrottle("acme", 0.5, Duration.ofSeconds(1), new TestClock());
        assertThat(t.ceilingRate()).isEqualTo(0.5);
    }

    @Test
    void neverLetsMoreThanTheRateThroughInAPeriod() {
        AdaptiveThrottle t = new AdaptiveThrottle("acme", 5, Duration.ZERO, new TestClock());
        int granted = 0;
        for (int i = 0; i < 50; i++) {
            if (t.acquire()) {
                granted++;
            }
        }
        // Without waiting, one period's permits at most (plus the next period's, if the loop straddles a boundary).
        assertThat(granted).isBetween(1, 10);
    }
}
