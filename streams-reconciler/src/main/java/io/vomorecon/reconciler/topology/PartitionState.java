package io.vomorecon.reconciler.topology;

import io.vomorecon.reconciler.classify.FindingLife;
import io.vomorecon.reconciler.classify.KeyState;
import io.vomorecon.reconciler.state.KeyFindings;
import io.vomorecon.reconciler.state.PendingFindings;
import io.vomorecon.reconciler.state.RunProgress;
import io.vomorecon.reconciler.state.SweepJob;
import io.vomorecon.reconciler.state.VomoEntry;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.PartnerState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-partition stores of one task, with the few operations every processor shares: read
 * a key's three sides, apply emissions to the findings store (the same transaction forwards
 * them), record what a run saw. Never forwards anything itself.
 */
final class PartitionState {

    final KeyValueStore<String, VomoEntry> vomo;
    final KeyValueStore<String, PartnerState> partner;
    final KeyValueStore<String, ExternalRow> external;
    final KeyValueStore<String, KeyFindings> findings;
    final KeyValueStore<String, String> runSeen;
    final KeyValueStore<String, RunProgress> runs;
    final KeyValueStore<String, SweepJob> sweeps;
    final KeyValueStore<String, PendingFindings> pending;
    final KeyValueStore<String, String> awaiting;

    PartitionState(ProcessorContext<?, ?> ctx) {
        vomo = ctx.getStateStore(StoreNames.VOMO);
        partner = ctx.getStateStore(StoreNames.PARTNER);
        external = ctx.getStateStore(StoreNames.EXTERNAL);
        findings = ctx.getStateStore(StoreNames.FINDINGS);
        runSeen = ctx.getStateStore(StoreNames.RUN_SEEN);
        runs = ctx.getStateStore(StoreNames.RUNS);
        sweeps = ctx.getStateStore(StoreNames.SWEEPS);
        pending = ctx.getStateStore(StoreNames.PENDING);
        awaiting = ctx.getStateStore(StoreNames.AWAITING);
    }

    /**
     * What run-seen holds for a key a run saw: only the entry's presence is ever read. Earlier builds stored the
     * content hash there (a SHA-256 of the external row's fields computed per row, and its bytes in RocksDB and the
     * changelog); such entries are still present, so they still count as seen.
     */
    static final String SEEN = "";

    static String seenKey(String runId, String key) {
        return runId + "/" + key;
    }

    KeyState keyState(String key, Resource resource, boolean seen) {
        return new KeyState(key, resource, Optional.ofNullable(vomo.get(key)), seen,
                Optional.ofNullable(partner.get(key)), Optional.ofNullable(external.get(key)));
    }

    KeyFindings findingsOf(String key) {
        KeyFindings k = findings.get(key);
        return k == null ? KeyFindings.none() : k;
    }

    void putFindings(String key, KeyFindings k) {
        if (k.isEmpty()) {
            findings.delete(key);
        } else {
            findings.put(key, k);
        }
    }

    /** Applies emissions that change what was last said; returns exactly those, to forward. */
    List<Finding> apply(String key, List<Finding> emissions) {
        KeyFindings k = findingsOf(key);
        List<Finding> changed = new java.util.ArrayList<>();
        for (Finding f : emissions) {
            if (FindingLife.changes(k, f)) {
                k = k.with(f);
                changed.add(f);
            }
        }
        if (!changed.isEmpty()) {
            putFindings(key, k);
        }
        return changed;
    }

    /** Re-evaluates a key whose P or E changed, if it has open findings; returns the resolutions applied. */
    List<Finding> reevaluate(String key, Resource resource, Instant at, String cause) {
        KeyFindings k = findings.get(key);
        if (k == null || k.isEmpty()) {
            return List.of();
        }
        KeyState s = keyState(key, resource, true);
        return apply(key, FindingLife.reevaluate(s, k, at, cause));
    }
}
