package io.vomorecon.poller.vomo;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-parent reads of one scan (a date's participants, a group's members, ...) and the pages
 * of its long lists ({@link VomoClient#scan(String, RequestCounter, VomoClient.PageHandler, ParallelReads)}),
 * up to {@code concurrency} at once, their results handed to the scan in parent order on the scan's
 * own thread. Round-trip latency, not the CPU or the throttle, bounds a scan of thousands of
 * small resources; overlapping the reads hides it, and folding in parent order keeps the run's
 * records, scope, rejects and abort reason exactly those of a serial scan. A read's failure
 * surfaces when its parent's turn comes, so the first failing parent in parent order wins; the
 * reads still outstanding are then cancelled. With concurrency 1 every read runs on the
 * caller's thread, one after the other, and no thread is started.
 *
 * <p>Owned by one scan, which must {@link #close()} it before returning: close stops the read
 * threads and waits until they have ended, so no read of a scan outlives it. Reads must never
 * touch the scan's state (the buffer, scope, rejects): only the fold does, on the caller's thread.
 * At most {@link #AHEAD_PER_THREAD} results per thread are held ahead of the fold. Several callers
 * may use one instance at once (the verifier's candidates share one for their list pages): each
 * call's window and fold are its own, only the read threads are shared.
 */
public final class ParallelReads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelReads.class);
    private static final AtomicInteger THREAD_NUMBERS = new AtomicInteger();
    /** Reads submitted ahead of the fold, per thread: keeps the threads busy past one slow parent, bounds held results. */
    static final int AHEAD_PER_THREAD = 4;
    /** How long close waits for interrupted reads to end; every blocking point of a read answers an interrupt well within it. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final int concurrency;
    private final String runId;
    /** Every thread the pool started (a thread factory may run on a pool thread, hence a concurrent list). */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile ThreadPoolExecutor pool;
    private boolean closed;

    /** Reads one parent (from a read thread); may throw, the failure is the parent's result. */
    @FunctionalInterface
    public interface Read<P, R> {
        R read(P parent) throws VomoCallFailed;
    }

    /** Takes one parent's result (on the caller's thread, in parent order). */
    @FunctionalInterface
    public interface Fold<P, R> {
        void fold(P parent, R result) throws VomoCallFailed;
    }

    /** Takes one parent's result and says whether the parents after it are still wanted. */
    @FunctionalInterface
    public interface Step<P, R> {
        boolean take(P parent, R result) throws VomoCallFailed;
    }

    public ParallelReads(int concurrency, String runId) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.concurrency = concurrency;
        this.runId = runId;
    }

    /**
     * Reads every parent and folds the results in the order of {@code parents}. Throws the first
     * failure in parent order (a read's, or the fold's), after folding every parent before it;
     * {@code path} names a parent in the abort reason when the caller's thread is interrupted.
     */
    public <P, R> void inOrder(List<P> parents, Function<P, String> path, Read<P, R> read, Fold<P, R> fold) throws VomoCallFailed {
        inOrderWhile(parents, path, read, (p, r) -> {
            fold.fold(p, r);
            return true;
        });
    }

    /**
     * The same, ending early when {@code step} answers false: the parents after that one are not
     * taken, and their reads still outstanding are cancelled (a read already sent may still reach
     * the server). {@code parents} is only asked for its size and elements by index, so it may
     * be a view computed on demand.
     */
    public <P, R> void inOrderWhile(List<P> parents, Function<P, String> path, Read<P, R> read, Step<P, R> step)
            throws VomoCallFailed {
        if (concurrency == 1 || parents.size() <= 1) {
            for (P p : parents) {
                if (!step.take(p, read.read(p))) {
                    return;
                }
            }
            return;
        }
        ThreadPoolExecutor exec = pool();
        int ahead = concurrency * AHEAD_PER_THREAD;
        ArrayDeque<Future<R>> window = new ArrayDeque<>(ahead);
        int submitted = 0;
        try {
            for (int i = 0; i < parents.size(); i++) {
                while (submitted < parents.size() && submitted - i < ahead) {
                    P next = parents.get(submitted++);
                    window.add(exec.submit(() -> read.read(next)));
                }
                P p = parents.get(i);
                // A serial scan notices an interrupt at its next request; this one at the next parent's turn.
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted(path.apply(p));
                }
                if (!step.take(p, await(window.poll(), path.apply(p)))) {
                    return;
                }
            }
        } finally {
            // Not empty only after a failure, an interrupt or a step that wanted no more: those reads are of no use.
            window.forEach(f -> f.cancel(true));
        }
    }

    private static <R> R await(Future<R> f, String path) throws VomoCallFailed {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(path);
        } catch (ExecutionException e) {
            throw VomoCallFailed.rethrow(e);
        }
    }

    private static VomoCallFailed interrupted(String path) {
        return new VomoCallFailed(path, "interrupted", OptionalInt.empty());
    }

    private synchronized ThreadPoolExecutor pool() {
        if (closed) {
            // Only a read that outlived its owner (a cancelled verification) gets here: it has no use for threads.
            throw new IllegalStateException("the parallel reads of run " + runId + " are closed");
        }
        if (pool == null) {
            pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "poller-scan-" + THREAD_NUMBERS.incrementAndGet());
                t.setDaemon(true);
                threads.add(t);
                return t;
            });
        }
        return pool;
    }

    /**
     * Interrupts the reads still running and waits until every read thread has ended. A caller
     * that is itself interrupted (a shutdown) still waits; its interrupt is restored afterwards.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            for (Thread t : threads) {
                while (t.isAlive()) {
                    long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (leftMillis <= 0) {
                        LOG.warn("run {}: scan thread {} still busy {} s after the scan ended; left to end on its own", runId,
                                t.getName(), STOP_WAIT.toSeconds());
                        return;
                    }
                    try {
                        t.join(leftMillis);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
