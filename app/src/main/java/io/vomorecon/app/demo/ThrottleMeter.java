package io.vomorecon.app.demo;

import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.sandbox.Sandbox;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures, from the sandbox's per-token, per-User-Agent counters, the highest request rate
 * vomo-recon's poller reached on each customer's token over any 5-second window of real time
 * (the sandbox's rate limit runs on real time), and how many requests of the partner and of the
 * poller the sandbox refused with 429. Sampling only: it never touches a request.
 */
public final class ThrottleMeter implements AutoCloseable {

    static final int WINDOW_SECONDS = 5;

    private final Sandbox sandbox;
    private final List<String> customers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "e2e-throttle-meter");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Deque<Long>> samples = new HashMap<>();
    private final Map<String, Double> peak = new HashMap<>();

    ThrottleMeter(Sandbox sandbox, List<String> customers) {
        this.sandbox = sandbox;
        this.customers = List.copyOf(customers);
    }

    void start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        for (String c : customers) {
            long served = sandbox.controls(c).stats().servedByAgent().getOrDefault(VomoClient.USER_AGENT, 0L);
            Deque<Long> d = samples.computeIfAbsent(c, k -> new ArrayDeque<>());
            d.addLast(served);
            if (d.size() > WINDOW_SECONDS + 1) {
                d.removeFirst();
            }
            if (d.size() == WINDOW_SECONDS + 1) {
                double rate = (d.getLast() - d.getFirst()) / (double) WINDOW_SECONDS;
                peak.merge(c, rate, Math::max);
            }
        }
    }

    /** The highest 5-second average request rate of the poller on this customer's token. */
    public synchronized double peakPollerRate(String customer) {
        return peak.getOrDefault(customer, 0.0);
    }

    /** Requests served to one User-Agent, over all customers. */
    public long served(String agent) {
        return customers.stream().mapToLong(c -> sandbox.controls(c).stats().servedByAgent().getOrDefault(agent, 0L)).sum();
    }

    /** Requests refused with 429 (rate limit or storm) to one User-Agent, over all customers. */
    public long throttled(String agent) {
        return customers.stream().mapToLong(c -> sandbox.controls(c).stats().throttledByAgent().getOrDefault(agent, 0L)).sum();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
