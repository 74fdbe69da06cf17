package io.vomorecon.sandbox.truth;

import java.time.Instant;

/**
 * One injected change or fault: when (simulated time), for which customer, on which key (an
 * encoded {@code RecordKey}, or a prefix ending in '/' for a fault on a whole list), its class,
 * and a short detail without personal data.
 */
public record TruthEntry(long seq, Instant at, String customer, String key, TruthClass kind, String detail) {

    public TruthClass.Family family() {
        return kind.family();
    }
}
