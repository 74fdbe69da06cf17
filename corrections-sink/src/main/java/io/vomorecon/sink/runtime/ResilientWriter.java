package io.vomorecon.sink.runtime;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vomorecon.sink.config.WritesConfig;
import io.vomorecon.sink.external.ApplyResult;
import io.vomorecon.sink.external.ExternalSystem;
import io.vomorecon.sink.external.ExternalWriteException;
import io.vomorecon.sink.plan.WriteAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a batch's write actions to the destination in the order they were polled, as few
 * statements as possible: actions are split into waves so that no statement touches a key
 * twice (the second action on a key runs after the first), each wave into chunks of at most
 * {@code batch-size}. Each chunk is throttled per customer, then retried with exponential
 * backoff while it fails transiently. A chunk that fails permanently is re-applied action by
 * action, so one bad correction fails alone and the rest go on. It never drops an action: each
 * one ends {@link WriteResult.Done} or {@link WriteResult.Failed}.
 */
public final class ResilientWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientWriter.class);

    private final ExternalSystem destination;
    private final boolean batching;
    private final int chunkSize;
    private final Throttle throttle;
    private final Retry retry;

    public ResilientWriter(ExternalSystem destination, WritesConfig writes, io.vomorecon.sink.config.RetryConfig retryConfig,
                           Throttle throttle) {
        this.destination = destination;
        this.batching = writes.batching();
        this.chunkSize = writes.batchSize();
        this.throttle = throttle;
        this.retry = Retry.of("destination", RetryConfig.custom()
                .maxAttempts(retryConfig.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(retryConfig.initialBackoff(), retryConfig.multiplier(),
                        retryConfig.maxBackoff()))
                .retryOnException(e -> e instanceof ExternalWriteException w && w.isTransient())
                .failAfterMaxAttempts(false)
                .build());
        this.retry.getEventPublisher().onRetry(e -> LOG.warn("destination write failed transiently ({}); attempt {} of {}, next in {} ms",
                e.getLastThrowable() instanceof ExternalWriteException w ? w.reason() : String.valueOf(e.getLastThrowable()),
                e.getNumberOfRetryAttempts(), retryConfig.maxAttempts(), e.getWaitInterval().toMillis()));
    }

    /** Applies the actions; the results are in the same order. */
    public List<WriteResult> write(List<WriteAction> actions) {
        WriteResult[] out = new WriteResult[actions.size()];
        for (List<Integer> wave : waves(actions)) {
            if (batching) {
                for (int from = 0; from < wave.size(); from += chunkSize) {
                    applyChunk(actions, wave.subList(from, Math.min(wave.size(), from + chunkSize)), out);
                }
            } else {
                for (int i : wave) {
                    throttle.acquire(actions.get(i).customer(), 1);
                    out[i] = applyOne(actions.get(i));
                }
            }
        }
        return List.of(out);
    }

    /** Wave n holds the n-th action on each key, so every key appears at most once per wave and in order. */
    static List<List<Integer>> waves(List<WriteAction> actions) {
        List<List<Integer>> waves = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            int w = seen.merge(actions.get(i).key(), 1, Integer::sum) - 1;
            while (waves.size() <= w) {
                waves.add(new ArrayList<>());
            }
            waves.get(w).add(i);
        }
        return waves;
    }

    private void applyChunk(List<WriteAction> actions, List<Integer> chunk, WriteResult[] out) {
        List<WriteAction> batch = chunk.stream().map(actions::get).toList();
        Map<String, Integer> perCustomer = new LinkedHashMap<>();
        batch.forEach(a -> perCustomer.merge(a.customer(), 1, Integer::sum));
        perCustomer.forEach(throttle::acquire);
        AtomicInteger attempts = new AtomicInteger();
        try {
            List<ApplyResult> results = retry.executeCallable(() -> {
                attempts.incrementAndGet();
                return destination.applyAll(batch);
            });
            for (int j = 0; j < chunk.size(); j++) {
                out[chunk.get(j)] = new WriteResult.Done(results.get(j), attempts.get());
            }
        } catch (ExternalWriteException e) {
            if (e.isTransient() || chunk.size() == 1) {
                chunk.forEach(i -> out[i] = new WriteResult.Failed(e, attempts.get()));
            } else {
                LOG.info("a batch of {} destination writes failed permanently ({}); applying them one by one to isolate the bad ones",
                        chunk.size(), e.reason());
                chunk.forEach(i -> out[i] = applyOne(actions.get(i)));
            }
        } catch (Exception e) {
            ExternalWriteException wrapped = unexpected(e);
            chunk.forEach(i -> out[i] = new WriteResult.Failed(wrapped, attempts.get()));
        }
    }

    private WriteResult applyOne(WriteAction action) {
        AtomicInteger attempts = new AtomicInteger();
        try {
            ApplyResult r = retry.executeCallable(() -> {
                attempts.incrementAndGet();
                return destination.apply(action);
            });
            return new WriteResult.Done(r, attempts.get());
        } catch (ExternalWriteException e) {
            return new WriteResult.Failed(e, attempts.get());
        } catch (Exception e) {
            return new WriteResult.Failed(unexpected(e), attempts.get());
        }
    }

    /** An error the destination did not classify: treated as permanent, described by its class only. */
    private static ExternalWriteException unexpected(Exception e) {
        LOG.error("unexpected error from the destination ({}); the affected corrections go to the DLQ", e.getClass().getName());
        return new ExternalWriteException(false, e.getClass().getName(), Optional.empty(), "unexpected " + e.getClass().getSimpleName());
    }
}
