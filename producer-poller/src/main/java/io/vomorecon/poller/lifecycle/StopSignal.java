package io.vomorecon.poller.lifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The stop request of one long-running loop: whether it should keep going, and a pause that
 * {@link #stop()} ends at once (so a loop waiting before a retry stops without being interrupted
 * while it closes its Kafka clients). It never interrupts a thread itself.
 */
public final class StopSignal {

    private volatile boolean running = true;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public boolean running() {
        return running;
    }

    /** Asks the loop to stop and ends any pause in progress. */
    public void stop() {
        running = false;
        stopRequested.countDown();
    }

    /** Waits up to {@code delay}, or until {@link #stop()}; an interrupt counts as a stop request. */
    public void pause(Duration delay) {
        try {
            stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
