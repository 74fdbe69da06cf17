package io.vomorecon.reconciler.topology;

import io.vomorecon.reconciler.errors.DeadLetters;
import io.vomorecon.reconciler.state.RunInfo;
import io.vomorecon.reconciler.state.RunProgress;
import io.vomorecon.reconciler.state.SweepJob;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.RunMarker;
import io.vomorecon.schemas.values.RunSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the processors of one input partition share: the stores, the run protocol's bookkeeping
 * (count a run's records, close the run at its marker and queue its evaluation) and the
 * dead-letter path for records that violate the protocol. Validates before it writes.
 */
abstract class PartitionProcessor<V> implements Processor<String, V, String, Out> {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionProcessor.class);

    protected final Clock clock;
    protected ProcessorContext<String, Out> ctx;
    protected PartitionState state;

    PartitionProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Out> context) {
        this.ctx = context;
        this.state = new PartitionState(context);
    }

    /** The resource of a valid record key, or empty after sending the record to the DLQ. */
    protected Optional<Resource> requireKey(Record<String, ?> r, Optional<String> valueKey) {
        String key = r.key();
        String problem = null;
        Resource resource = null;
        if (key == null) {
            problem = "record has no key";
        } else {
            try {
                RecordKey k = RecordKey.parse(key);
                resource = ResourcePaths.find(k.resource()).orElse(null);
                if (resource == null) {
                    problem = "unknown resource '" + k.resource() + "' in key";
                } else if (k.idPath().size() != resource.idArity()) {
                    problem = "key has " + k.idPath().size() + " id component(s), " + resource.path() + " needs " + resource.idArity();
                } else if (valueKey.isPresent() && !valueKey.get().equals(key)) {
                    problem = "value's key " + valueKey.get() + " differs from the record key";
                }
            } catch (IllegalArgumentException e) {
                problem = "not a record key: " + e.getMessage();
            }
        }
        if (problem != null) {
            deadLetter(r, problem, null);
            return Optional.empty();
        }
        return Optional.of(resource);
    }

    protected void deadLetter(Record<String, ?> r, String reason, Throwable error) {
        Optional<RecordMetadata> md = ctx.recordMetadata();
        LOG.warn("skipped record {} of {}: {}", r.key(), md.map(RecordMetadata::topic).orElse("?"), reason);
        ctx.forward(new Record<>(r.key() == null ? "unknown" : r.key(), new Out.DeadLetterOut(DeadLetters.of(
                md.map(RecordMetadata::topic).orElse("unknown"), md.map(RecordMetadata::partition), md.map(RecordMetadata::offset),
                Optional.ofNullable(r.key()), reason, error, null, Map.of("stage", "protocol"), clock.instant())), r.timestamp()));
    }

    protected void forwardFindings(List<Finding> findings, long timestamp) {
        for (Finding f : findings) {
            ctx.forward(new Record<>(f.key(), new Out.FindingOut(f), timestamp));
        }
    }

    /** Counts a run's record on this partition and remembers that the run saw the key; false if the run already closed here. */
    protected boolean countRunRecord(String runId, String key) {
        RunProgress p = state.runs.get(runId);
        p = p == null ? RunProgress.open() : p;
        if (p.closedAs().isPresent()) {
            LOG.warn("record {} of run {} arrived after the run's marker on this partition; not counted for the run", key, runId);
            return false;
        }
        state.runs.put(runId, p.plusOne());
        state.runSeen.put(PartitionState.seenKey(runId, key), PartitionState.SEEN);
        return true;
    }

    /** A run marker: decide the run's status on this partition now and queue its evaluation. */
    protected void closeRun(Record<String, ?> r, RunMarker m, RunSource expected) {
        if (m.source() != expected) {
            deadLetter(r, "marker of a " + m.source() + " run on the " + expected + " topic", null);
            return;
        }
        if (m.partitions() < 1 || m.partition() < 0 || m.partition() >= m.partitions()) {
            deadLetter(r, "marker has partition " + m.partition() + " of " + m.partitions(), null);
            return;
        }
        RunProgress p = state.runs.get(m.runId());
        p = p == null ? RunProgress.open() : p;
        if (p.closedAs().isPresent()) {
            LOG.info("run {}: second marker on partition {} ignored (closed as {})", m.runId(), m.partition(), p.closedAs().get());
            return;
        }
        RunInfo info = RunInfo.close(m, p.received());
        state.runs.put(m.runId(), p.closed(info.status()));
        SweepJob job = SweepJob.forRun(expected == RunSource.VOMO ? SweepJob.Phase.EVALUATE : SweepJob.Phase.CLOSE_EXTERNAL, info);
        state.sweeps.put(job.storeKey(), job);
        if (expected == RunSource.VOMO) {
            Header paired = r.headers().lastHeader(Topics.PAIRED_RUN_HEADER);
            if (paired != null && paired.value() != null && paired.value().length > 0) {
                // evaluated once the destination read its job published with it is in (Sweeper.awaitingDestination)
                state.awaiting.put(m.runId(), new String(paired.value(), StandardCharsets.UTF_8) + " " + ctx.currentSystemTimeMs());
            }
        }
        switch (info.status()) {
            case COMPLETED -> LOG.info("run {} for {}/{} ({} {}) complete on partition {}: {} records as announced; evaluating its scope",
                    m.runId(), m.customer(), m.resource(), m.runKind(), m.source(), m.partition(), info.received());
            case COUNT_MISMATCH -> LOG.info("run {} for {}/{} on partition {}: marker announced {} records, {} arrived; "
                            + "evaluating gaps and drift only, no deletions will be derived",
                    m.runId(), m.customer(), m.resource(), m.partition(), info.announced(), info.received());
            case ABORTED -> LOG.info("run {} for {}/{} aborted ({}); evaluating the {} records that arrived on partition {} "
                            + "for gaps and drift, no deletions will be derived",
                    m.runId(), m.customer(), m.resource(), info.abortReason().orElse("no reason"), info.received(), m.partition());
        }
    }
}
