package io.vomorecon.sandbox.api;

import io.vomorecon.sandbox.FaultSettings;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Decides, request by request, whether one customer's API answer misbehaves: by the customer's
 * fault settings (seeded random draws), or because a test forced the next N faults of a kind.
 * Never touches the world; the server applies the decision and records it in the ground truth.
 */
public final class FaultInjector {

    private final Random random;
    private volatile FaultSettings settings;
    private final Map<ApiFault, Integer> forced = new EnumMap<>(ApiFault.class);
    private int stormRemaining;

    public FaultInjector(FaultSettings settings, long seed) {
        this.settings = settings;
        this.random = new Random(seed);
    }

    public FaultSettings settings() {
        return settings;
    }

    public void settings(FaultSettings s) {
        this.settings = s;
    }

    /** Forces the next {@code times} applicable requests to get this fault. */
    public synchronized void force(ApiFault kind, int times) {
        if (kind == ApiFault.STORM) {
            stormRemaining += times;
        } else {
            forced.merge(kind, times, Integer::sum);
        }
    }

    /** Starts a 429 storm refusing the next {@code requests} requests of the token. */
    public synchronized void startStorm(int requests) {
        stormRemaining += requests;
    }

    public synchronized void clearForced() {
        forced.clear();
        stormRemaining = 0;
    }

    /** The fault for a request before it is served (never CUT_SHORT), or null. */
    public synchronized ApiFault early() {
        if (stormRemaining > 0) {
            stormRemaining--;
            return ApiFault.STORM;
        }
        for (ApiFault f : new ApiFault[] {ApiFault.ERROR_500, ApiFault.TIMEOUT, ApiFault.SLOW}) {
            if (takeForced(f)) {
                return f;
            }
        }
        FaultSettings s = settings;
        double x = random.nextDouble();
        if (x < s.p500()) {
            return ApiFault.ERROR_500;
        }
        x -= s.p500();
        if (x < s.pTimeout()) {
            return ApiFault.TIMEOUT;
        }
        x -= s.pTimeout();
        if (x < s.pSlow()) {
            return ApiFault.SLOW;
        }
        return null;
    }

    /** How many records to leave out of a list page that has a next page (0 = serve it whole). */
    public synchronized int cutShort(int pageSize) {
        boolean cut = takeForced(ApiFault.CUT_SHORT) || random.nextDouble() < settings.pCutShort();
        return cut ? 1 + random.nextInt(Math.max(1, Math.min(5, pageSize - 1))) : 0;
    }

    /** Whether a storm is running (a test's wait condition). */
    public synchronized int stormRemaining() {
        return stormRemaining;
    }

    /** Draws how many storms start in a simulated period (for the mutation engine). */
    public synchronized int stormsFor(double days) {
        double expected = settings.stormsPerDay() * days;
        int n = (int) expected;
        if (random.nextDouble() < expected - n) {
            n++;
        }
        return n;
    }

    private boolean takeForced(ApiFault f) {
        Integer n = forced.get(f);
        if (n == null || n <= 0) {
            return false;
        }
        if (n == 1) {
            forced.remove(f);
        } else {
            forced.put(f, n - 1);
        }
        return true;
    }
}
