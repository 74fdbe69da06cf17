package io.vomorecon.reconciler.state;

/** One customer's gaps and checked records on one UTC day, and whether the day's alert was raised. */
public record DailyGaps(long gaps, long keys, boolean alerted) {
    public DailyGaps plus(long g, long k) {
        return new DailyGaps(gaps + g, keys + k, alerted);
    }

    public double rate() {
        return keys == 0 ? 0 : (double) gaps / keys;
    }
}
