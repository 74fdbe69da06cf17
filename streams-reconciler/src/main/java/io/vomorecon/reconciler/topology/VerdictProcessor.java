package io.vomorecon.reconciler.topology;

import io.vomorecon.reconciler.state.SweepJob;
import io.vomorecon.reconciler.state.VerdictNotice;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The aggregator's verdict on a run, on every partition: queue the release, hold or discard of its pending findings. */
final class VerdictProcessor extends PartitionProcessor<VerdictNotice> {

    private static final Logger LOG = LoggerFactory.getLogger(VerdictProcessor.class);

    VerdictProcessor(Clock clock) {
        super(clock);
    }

    @Override
    public void process(Record<String, VerdictNotice> r) {
        VerdictNotice n = r.value();
        if (n == null) {
            return;
        }
        SweepJob.Phase phase = switch (n.action()) {
            case RELEASE -> SweepJob.Phase.RELEASE;
            case HOLD -> SweepJob.Phase.HOLD;
            case DISCARD -> SweepJob.Phase.DISCARD;
        };
        SweepJob job = SweepJob.forNotice(phase, n);
        if (state.sweeps.get(job.storeKey()) != null) {
            LOG.info("run {}: {} already queued on this partition; notice ignored", n.runId(), phase);
            return;
        }
        state.sweeps.put(job.storeKey(), job);
        LOG.debug("run {}: {} of pending findings queued", n.runId(), phase);
    }
}
