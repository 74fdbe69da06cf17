package io.vomorecon.reconciler.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Samples one thread's stack in this JVM at a fixed interval and reports where it was, by state
 * and by its topmost frames outside the JDK: how the benchmark tells what the stream thread
 * waits on during an evaluation that is neither on a CPU nor queued for one (schedstat says how
 * long, this says where). A benchmark tool, not part of the reconciler.
 */
final class StackSampler {

    private final Map<String, Integer> counts = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private int samples;

    private StackSampler(String nameSuffix, Duration every) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        sampler = new Thread(() -> {
            while (running.get()) {
                for (ThreadInfo info : mx.dumpAllThreads(false, false, 40)) {
                    if (info != null && info.getThreadName().endsWith(nameSuffix)) {
                        record(info);
                    }
                }
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-stack-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static StackSampler start(String threadNameSuffix, Duration every) {
        return new StackSampler(threadNameSuffix, every);
    }

    private synchronized void record(ThreadInfo info) {
        samples++;
        String where = Arrays.stream(info.getStackTrace()).limit(12)
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .collect(Collectors.joining(" < "));
        counts.merge(info.getThreadState() + " " + where, 1, Integer::sum);
    }

    /** Stops sampling; the {@code top} most frequent stacks with their share of the samples. */
    synchronized String stopAndReport(int top) {
        running.set(false);
        sampler.interrupt();
        StringBuilder out = new StringBuilder("stream thread stacks during the evaluation (" + samples + " samples):");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format("%n  %3d  %s", e.getValue(), e.getKey())));
        return out.toString();
    }
}
