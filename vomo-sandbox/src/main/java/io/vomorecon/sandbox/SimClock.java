package io.vomorecon.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated clock the sandbox owns and hands to every component of a demo or test: a
 * {@link Clock} that only moves when told, so days of cadences pass in milliseconds. It never
 * moves backwards and has whole-second resolution, like VOMO's timestamps.
 */
public final class SimClock extends Clock {

    private final AtomicLong epochSecond;

    public SimClock(Instant start) {
        this.epochSecond = new AtomicLong(start.getEpochSecond());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("the simulated clock runs in UTC only");
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochSecond(epochSecond.get());
    }

    @Override
    public long millis() {
        return epochSecond.get() * 1000L;
    }

    /** Current simulated time in epoch seconds. */
    public long epochSecond() {
        return epochSecond.get();
    }

    /** Moves the clock forward; a negative duration is refused. */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the simulated clock never moves backwards");
        }
        return Instant.ofEpochSecond(epochSecond.addAndGet(by.getSeconds()));
    }

    /** Moves the clock to a later instant (no-op if it is already there or past it). */
    public void moveTo(long targetEpochSecond) {
        epochSecond.accumulateAndGet(targetEpochSecond, Math::max);
    }
}
