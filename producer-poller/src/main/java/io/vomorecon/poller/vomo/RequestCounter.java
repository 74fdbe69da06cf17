package io.vomorecon.poller.vomo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts every HTTP request one run (or one verification) sent, retries and 429s included: the run's
 * API cost. Atomic counters: the parallel reads of one scan count on the same instance.
 */
public final class RequestCounter {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    void sent() {
        requests.incrementAndGet();
    }

    void rateLimited() {
        rateLimited.incrementAndGet();
    }

    void retried() {
        retried.incrementAndGet();
    }

    /** Every request sent. */
    public long requests() {
        return requests.get();
    }

    /** Requests answered 429. */
    public long rateLimitedAnswers() {
        return rateLimited.get();
    }

    /** Requests that failed with 5xx, I/O errors or a malformed body and were sent again. */
    public long retries() {
        return retried.get();
    }
}
