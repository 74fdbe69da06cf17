package io.vomorecon.schemas.values;

import java.time.Instant;
import java.util.Objects;

/** An inclusive time window [from, to] of an INCREMENTAL or PARTICIPATIONS run. */
public record TimeWindow(Instant from, Instant to) {
    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window ends before it starts");
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && !t.isAfter(to);
    }
}
