package io.vomorecon.sink.runtime;

import io.vomorecon.schemas.values.CorrectionOutcome.Outcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Running totals of committed batches, for logs, health and tests. Only committed work counts. */
public final class SinkStats {

    private final Map<Outcome, AtomicLong> outcomes = new EnumMap<>(Outcome.class);
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong aborted = new AtomicLong();

    public SinkStats() {
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, new AtomicLong());
        }
    }

    void committed(int recordCount, BatchResult r) {
        batches.incrementAndGet();
        records.addAndGet(recordCount);
        deadLetters.addAndGet(r.deadLetters());
        r.outcomes().forEach((o, n) -> outcomes.get(o).addAndGet(n));
    }

    void abortedBatch() {
        aborted.incrementAndGet();
    }

    public long outcomes(Outcome o) {
        return outcomes.get(o).get();
    }

    public long batches() {
        return batches.get();
    }

    public long records() {
        return records.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    public long abortedBatches() {
        return aborted.get();
    }
}
