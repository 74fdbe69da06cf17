package io.vomorecon.poller.config;

import io.vomorecon.platform.config.ConfigException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * The scheduler's knobs: whether this instance schedules at all (exactly one should), how often
 * it looks at the clock, the overlap of incremental windows, how far ahead participation runs
 * look, the size from which a customer's users are read fully every day, and the daily window
 * (UTC) across which customers' start minutes are spread.
 */
public record SchedulerSettings(
        Boolean enabled,
        Duration tick,
        Duration incrementalOverlap,
        Duration participationsLookahead,
        Long largeCustomerUsers,
        String staggerWindowStart,
        Duration staggerWindow) {

    public SchedulerSettings {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        tick = tick == null ? Duration.ofSeconds(30) : tick;
        incrementalOverlap = incrementalOverlap == null ? Duration.ofHours(2) : incrementalOverlap;
        participationsLookahead = participationsLookahead == null ? Duration.ofDays(7) : participationsLookahead;
        largeCustomerUsers = largeCustomerUsers == null ? 50_000L : largeCustomerUsers;
        staggerWindowStart = staggerWindowStart == null ? "00:00" : staggerWindowStart;
        staggerWindow = staggerWindow == null ? Duration.ofDays(1) : staggerWindow;
    }

    public static SchedulerSettings defaults() {
        return new SchedulerSettings(null, null, null, null, null, null, null);
    }

    public LocalTime windowStart() {
        return LocalTime.parse(staggerWindowStart);
    }

    void validate() {
        try {
            LocalTime.parse(staggerWindowStart);
        } catch (DateTimeParseException e) {
            throw new ConfigException("scheduler.stagger-window-start", "'" + staggerWindowStart + "' is not a time of day",
                    "write HH:mm in UTC, e.g. 01:00");
        }
        ConfigException.check(staggerWindow.toMinutes() >= 1 && staggerWindow.compareTo(Duration.ofDays(1)) <= 0,
                "scheduler.stagger-window", "must be between 1 minute and 1 day", "write e.g. 6h");
        ConfigException.check(!tick.isNegative() && !tick.isZero() && tick.compareTo(Duration.ofMinutes(1)) <= 0,
                "scheduler.tick", "must be between 1ms and 1 minute (starts are planned to the minute)", "write e.g. 30s");
        ConfigException.check(!incrementalOverlap.isNegative(), "scheduler.incremental-overlap", "is negative", "write e.g. 2h");
        ConfigException.check(largeCustomerUsers > 0, "scheduler.large-customer-users", "must be positive", "write e.g. 50000");
    }
}
