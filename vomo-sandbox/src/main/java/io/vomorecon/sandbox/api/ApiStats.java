package io.vomorecon.sandbox.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters of one customer's token, by client (User-Agent), so a test can check that
 * vomo-recon's share of the token stayed within its budget while the partner kept polling.
 */
public final class ApiStats {

    private static final int MAX_AGENTS = 32;

    private final Map<String, LongAdder> served = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();

    void served(String agent) {
        count(served, agent);
    }

    void throttled(String agent) {
        count(throttled, agent);
    }

    private static void count(Map<String, LongAdder> m, String agent) {
        String a = agent == null || agent.isBlank() ? "-" : agent;
        if (!m.containsKey(a) && m.size() >= MAX_AGENTS) {
            a = "other";
        }
        m.computeIfAbsent(a, k -> new LongAdder()).increment();
    }

    /** Requests answered (any status but 429 from the rate limit), by User-Agent, sorted. */
    public Map<String, Long> servedByAgent() {
        return snapshot(served);
    }

    /** Requests refused with 429 by the rate limit or a storm, by User-Agent, sorted. */
    public Map<String, Long> throttledByAgent() {
        return snapshot(throttled);
    }

    public long servedTotal() {
        return served.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long throttledTotal() {
        return throttled.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
