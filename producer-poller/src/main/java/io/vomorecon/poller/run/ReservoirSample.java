package io.vomorecon.poller.run;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A uniform sample of at most {@code size} items from a stream of unknown length (Vitter's
 * algorithm R): after n offers, every offered item is in the sample with probability size/n.
 * A FULL run feeds it the ids it reads; the AUDIT_SAMPLE run re-reads the sample by id.
 */
public final class ReservoirSample<T> {

    private final int size;
    private final RandomGenerator random;
    private final List<T> sample;
    private long seen;

    public ReservoirSample(int size, RandomGenerator random) {
        if (size <= 0) {
            throw new IllegalArgumentException("a sample needs a positive size");
        }
        this.size = size;
        this.random = random;
        this.sample = new ArrayList<>(size);
    }

    public void offer(T item) {
        seen++;
        if (sample.size() < size) {
            sample.add(item);
            return;
        }
        long j = random.nextLong(seen);
        if (j < size) {
            sample.set((int) j, item);
        }
    }

    public long seen() {
        return seen;
    }

    public List<T> sample() {
        return List.copyOf(sample);
    }
}
