package io.vomorecon.poller.vomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ordering, failure and thread-lifetime contract of {@link ParallelReads}, without HTTP. */
public class ParallelReadsTest {

    private static List<Integer> parents(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static VomoCallFailed failed(int parent) {
        return new VomoCallFailed("parents/" + parent, "HTTP 500 after 3 tries", OptionalInt.of(500));
    }

    /** Waits at most 5 s; an interrupt (a cancelled read) ends the read as a real one would. */
    private static boolean await(CountDownLatch latch, int parent) throws VomoCallFailed {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new VomoCallFailed("parents/" + parent, "interrupted", OptionalInt.empty());
        }
    }

    /** Blocks until the read is cancelled (its thread interrupted), then ends as a cancelled read does. */
    private static int blockUntilCancelled(CountDownLatch neverOpened, Set<Integer> interrupted, int parent) throws VomoCallFailed {
        try {
            neverOpened.await();
        } catch (InterruptedException e) {
            interrupted.add(parent);
            throw new VomoCallFailed("parents/" + parent, "interrupted", OptionalInt.empty());
        }
        return parent;
    }

    public static List<Thread> liveScanThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("poller-scan-") && t.isAlive()).toList();
    }

    @Test
    void foldsInParentOrderAlthoughReadsFinishInReverse() throws Exception {
        int n = 8;
        List<CountDownLatch> finished = IntStream.range(0, n).mapToObj(i -> new CountDownLatch(1)).toList();
        List<Integer> finishOrder = new CopyOnWriteArrayList<>();
        List<Integer> folded = new ArrayList<>();
        try (ParallelReads reads = new ParallelReads(n, "r-test")) {
            reads.inOrder(parents(n), p -> "parents/" + p, p -> {
                // Each read waits for the one after it: the last parent finishes first.
                if (p + 1 < n && !await(finished.get(p + 1), p)) {
                    throw new IllegalStateException("read " + (p + 1) + " never finished: the reads did not overlap");
                }
                finishOrder.add(p);
                finished.get(p).countDown();
                return p * 10;
            }, (p, r) -> {
                assertThat(r).isEqualTo(p * 10);
                folded.add(p);
            });
        }
        assertThat(finishOrder).containsExactly(7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(folded).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void theFirstFailingParentInParentOrderWinsEvenWhenALaterOneFailedFirst() {
        CountDownLatch laterFailed = new CountDownLatch(1);
        List<Integer> folded = new ArrayList<>();
        ParallelReads reads = new ParallelReads(4, "r-test");
        try {
            assertThatThrownBy(() -> reads.inOrder(parents(6), p -> "parents/" + p, p -> {
                if (p == 3) {
                    laterFailed.countDown();
                    throw failed(3);
                }
                if (p == 1) {
                    if (!await(laterFailed, p)) {
                        throw new IllegalStateException("parent 3 was never read alongside parent 1");
                    }
                    throw failed(1);
                }
                return p;
            }, (p, r) -> folded.add(p))).isInstanceOf(VomoCallFailed.class).hasMessage("parents/1: HTTP 500 after 3 tries");
        } finally {
            reads.close();
        }
        assertThat(folded).containsExactly(0);
    }

    @Test
    void aFailureCancelsTheOutstandingReadsAndCloseWaitsUntilTheirThreadsEnded() {
        CountDownLatch neverOpened = new CountDownLatch(1);
        CountDownLatch othersStarted = new CountDownLatch(3);
        Set<Integer> started = ConcurrentHashMap.newKeySet();
        Set<Integer> interrupted = ConcurrentHashMap.newKeySet();
        ParallelReads reads = new ParallelReads(4, "r-test");
        assertThatThrownBy(() -> reads.inOrder(parents(20), p -> "parents/" + p, p -> {
            if (p == 0) {
                await(othersStarted, p);
                throw failed(0);
            }
            started.add(p);
            othersStarted.countDown();
            return blockUntilCancelled(neverOpened, interrupted, p);
        }, (p, r) -> {
            throw new AssertionError("nothing may be folded after parent 0 failed");
        })).hasMessage("parents/0: HTTP 500 after 3 tries");
        reads.close();
        // Parent 0's thread may take up a queued read before the cancellation: that one is cancelled as well.
        assertThat(started).contains(1, 2, 3);
        assertThat(interrupted).as("every read in flight was cancelled").isEqualTo(started);
        assertThat(liveScanThreads()).isEmpty();
    }

    @Test
    void aStepThatWantsNoMoreEndsTheFoldAndCancelsTheReadsOutstanding() throws Exception {
        List<Integer> taken = new ArrayList<>();
        Set<Integer> interrupted = ConcurrentHashMap.newKeySet();
        CountDownLatch neverOpened = new CountDownLatch(1);
        CountDownLatch laterStarted = new CountDownLatch(1);
        try (ParallelReads reads = new ParallelReads(4, "r-test")) {
            reads.inOrderWhile(parents(50), p -> "parents/" + p, p -> {
                if (p < 3) {
                    return p;
                }
                laterStarted.countDown();
                // A page nobody takes may fail: its failure must not surface.
                return blockUntilCancelled(neverOpened, interrupted, p);
            }, (p, r) -> {
                taken.add(r);
                if (p == 2) {
                    await(laterStarted, p); // a later read is in flight when the fold stops
                }
                return p < 2;
            });
        }
        assertThat(taken).containsExactly(0, 1, 2);
        assertThat(interrupted).as("reads still waiting were cancelled").isNotEmpty().allMatch(p -> p >= 3);
        assertThat(liveScanThreads()).isEmpty();
        List<Integer> serial = new ArrayList<>();
        try (ParallelReads reads = new ParallelReads(1, "r-test")) {
            reads.inOrderWhile(parents(50), p -> "parents/" + p, p -> p, (p, r) -> {
                serial.add(r);
                return p < 2;
            });
        }
        assertThat(serial).as("concurrency 1 stops at the same parent").containsExactly(0, 1, 2);
    }

    @Test
    void neverHasMoreThanConcurrencyReadsRunningAndHoldsABoundedWindowAhead() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        AtomicInteger foldedCount = new AtomicInteger();
        CountDownLatch fourTogether = new CountDownLatch(4);
        try (ParallelReads reads = new ParallelReads(4, "r-test")) {
            reads.inOrder(parents(200), p -> "parents/" + p, p -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                maxAhead.accumulateAndGet(started.incrementAndGet() - foldedCount.get(), Math::max);
                fourTogether.countDown();
                await(fourTogether, p);
                running.decrementAndGet();
                return p;
            }, (p, r) -> foldedCount.incrementAndGet());
        }
        assertThat(foldedCount.get()).isEqualTo(200);
        assertThat(maxRunning.get()).isEqualTo(4);
        assertThat(maxAhead.get()).isLessThanOrEqualTo(4 * ParallelReads.AHEAD_PER_THREAD);
        assertThat(liveScanThreads()).isEmpty();
    }

    @Test
    void concurrencyOneReadsOnTheCallersThreadOneAfterTheOther() throws Exception {
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        List<Integer> folded = new ArrayList<>();
        try (ParallelReads reads = new ParallelReads(1, "r-test")) {
            reads.inOrder(parents(5), p -> "parents/" + p, p -> {
                readers.add(Thread.currentThread());
                return p;
            }, (p, r) -> folded.add(r));
        }
        assertThat(readers).containsExactly(Thread.currentThread());
        assertThat(folded).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void anInterruptedCallerAbortsWithInterruptedAndKeepsItsInterrupt() throws Exception {
        CountDownLatch reading = new CountDownLatch(4);
        List<Object> outcome = new CopyOnWriteArrayList<>();
        Thread caller = new Thread(() -> {
            try (ParallelReads reads = new ParallelReads(4, "r-test")) {
                reads.inOrder(parents(10), p -> "parents/" + p, p -> {
                    reading.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        throw new VomoCallFailed("parents/" + p, "interrupted", OptionalInt.empty());
                    }
                    return p;
                }, (p, r) -> outcome.add("folded " + p));
            } catch (VomoCallFailed e) {
                outcome.add(e.getMessage());
            }
            outcome.add(Thread.currentThread().isInterrupted());
        }, "scan-caller");
        caller.start();
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(caller.isAlive()).isFalse();
        assertThat(outcome).containsExactly("parents/0: interrupted", true);
        assertThat(liveScanThreads()).isEmpty();
    }
}
