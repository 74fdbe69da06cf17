package io.vomorecon.poller.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReservoirSampleTest {

    @Test
    void keepsEverythingWhileTheStreamIsShorterThanTheSample() {
        ReservoirSample<Integer> s = new ReservoirSample<>(10, new SplittableRandom(1));
        for (int i = 0; i < 7; i++) {
            s.offer(i);
        }
        assertThat(s.sample()).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void everyItemIsEquallyLikelyToBeSampled() {
        int n = 100;
        int k = 10;
        int trials = 20_000;
        int[] hits = new int[n];
        SplittableRandom random = new SplittableRandom(42);
        for (int t = 0; t < trials; t++) {
            ReservoirSample<Integer> s = new ReservoirSample<>(k, random);
            for (int i = 0; i < n; i++) {
                s.offer(i);
            }
            assertThat(s.sample()).hasSize(k).doesNotHaveDuplicates();
            s.sample().forEach(i -> hits[i]++);
        }
        double expected = trials * (double) k / n;
        // 2000 expected hits each; the standard deviation is about 42, so 20 % is over 9 sigma.
        for (int i = 0; i < n; i++) {
            assertThat((double) hits[i]).as("item " + i).isBetween(expected * 0.8, expected * 1.2);
        }
    }
}
