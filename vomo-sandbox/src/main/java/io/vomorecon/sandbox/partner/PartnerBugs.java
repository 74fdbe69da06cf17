package io.vomorecon.sandbox.partner;

import io.vomorecon.schemas.Resource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bug switches of one customer's reference sync. Each bug targets one resource (the list a
 * stream polls), has a parameter (see {@link SyncBug}) and fires on a number of runs (then
 * switches itself off), so a test or the demo can inject "a few" of each.
 */
public final class PartnerBugs {

    /** One switched-on bug. */
    public record Setting(Resource resource, int param, int runsLeft) {
    }

    private final Map<SyncBug, Setting> on = new EnumMap<>(SyncBug.class);

    /** Switches a bug on for {@code runs} runs of the stream polling {@code resource} (Integer.MAX_VALUE: until switched off). */
    public synchronized PartnerBugs enable(SyncBug bug, Resource resource, int param, int runs) {
        on.put(bug, new Setting(resource, Math.max(1, param), runs));
        return this;
    }

    public synchronized PartnerBugs enable(SyncBug bug, Resource resource, int param) {
        return enable(bug, resource, param, Integer.MAX_VALUE);
    }

    public synchronized void disable(SyncBug bug) {
        on.remove(bug);
    }

    public synchronized void clear() {
        on.clear();
    }

    public synchronized Optional<Setting> get(SyncBug bug, Resource resource) {
        Setting s = on.get(bug);
        return s != null && s.resource() == resource && s.runsLeft() > 0 ? Optional.of(s) : Optional.empty();
    }

    /** Counts one run of a bug that fired; it switches off when its runs are spent. */
    synchronized void fired(SyncBug bug) {
        Setting s = on.get(bug);
        if (s != null && s.runsLeft() != Integer.MAX_VALUE) {
            if (s.runsLeft() <= 1) {
                on.remove(bug);
            } else {
                on.put(bug, new Setting(s.resource(), s.param(), s.runsLeft() - 1));
            }
        }
    }

    public synchronized boolean isOn(SyncBug bug) {
        return on.containsKey(bug);
    }
}
