package io.vomorecon.poller.vomo;

import java.time.Duration;

/** Waits a duration (a 429's Retry-After); replaceable in unit tests so they need not wait. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));

    void sleep(Duration d) throws InterruptedException;
}
