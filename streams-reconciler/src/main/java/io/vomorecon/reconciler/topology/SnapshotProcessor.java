package io.vomorecon.reconciler.topology;

import io.vomorecon.reconciler.classify.FindingLife;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.reconciler.state.VomoEntry;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.RunMarker;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.Snapshot;
import io.vomorecon.schemas.values.SnapshotEvent;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.schemas.values.Verification;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vomo.snapshots: keeps V per key, counts each run's records and remembers which runs saw which
 * key, closes runs at their markers, applies deletion verdicts. Also owns the task's sweep
 * punctuator, which evaluates closed runs in bounded slices.
 */
final class SnapshotProcessor extends PartitionProcessor<SnapshotEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotProcessor.class);

    private final ReconcilerConfig config;

    SnapshotProcessor(ReconcilerConfig config, Clock clock) {
        super(clock);
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, Out> context) {
        super.init(context);
        Sweeper sweeper = new Sweeper(context, state, config, clock);
        context.schedule(config.sweep().punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, sweeper::tick);
    }

    @Override
    public void process(Record<String, SnapshotEvent> r) {
        SnapshotEvent ev = r.value();
        if (ev == null) {
            deadLetter(r, "tombstone on vomo.snapshots (the topic carries no deletions)", null);
        } else if (ev instanceof Snapshot s) {
            snapshot(r, s);
        } else if (ev instanceof RunMarker m) {
            closeRun(r, m, RunSource.VOMO);
        } else if (ev instanceof Verification v) {
            verification(r, v);
        }
    }

    private void snapshot(Record<String, SnapshotEvent> r, Snapshot s) {
        Optional<Resource> resource = requireKey(r, Optional.of(s.key()));
        if (resource.isEmpty()) {
            return;
        }
        if (s.record() == null || !s.record().isObject()) {
            deadLetter(r, "snapshot record is not a JSON object", null);
            return;
        }
        countRunRecord(s.runId(), s.key());
        Optional<VomoEntry> prev = Optional.ofNullable(state.vomo.get(s.key()));
        if (prev.isPresent() && prev.get().isNewerThan(s)) {
            LOG.debug("snapshot of {} from run {} is older than the stored one; kept the newer", s.key(), s.runId());
            return;
        }
        state.vomo.put(s.key(), VomoEntry.next(prev, s, resource.get()));
    }

    private void verification(Record<String, SnapshotEvent> r, Verification v) {
        if (requireKey(r, Optional.of(v.key())).isEmpty()) {
            return;
        }
        Optional<Finding> opened = FindingLife.verify(state.findingsOf(v.key()), v);
        if (opened.isEmpty()) {
            LOG.info("verdict {} for {} (finding {}) matches no open candidate; ignored", v.verdict(), v.key(), v.findingId());
            return;
        }
        if (v.verdict() == Verdict.DELETED) {
            state.vomo.delete(v.key());
        }
        List<Finding> changed = state.apply(v.key(), List.of(opened.get()));
        LOG.info("deletion candidate {} verified as {}", v.key(), v.verdict());
        forwardFindings(changed, r.timestamp());
    }
}
