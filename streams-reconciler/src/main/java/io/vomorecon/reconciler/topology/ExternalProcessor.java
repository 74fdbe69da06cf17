package io.vomorecon.reconciler.topology;

import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.ExternalEvent;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.RunMarker;
import io.vomorecon.schemas.values.RunSource;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Record;

/**
 * external.state: keeps E per key, counts the reader's runs by the same protocol as VOMO runs
 * (a complete external run makes unlisted rows absent) and re-evaluates keys with open findings.
 */
final class ExternalProcessor extends PartitionProcessor<ExternalEvent> {

    ExternalProcessor(Clock clock) {
        super(clock);
    }

    @Override
    public void process(Record<String, ExternalEvent> r) {
        ExternalEvent ev = r.value();
        if (ev == null) {
            deadLetter(r, "tombstone on external.state (absence is an ExternalRow with present=false)", null);
        } else if (ev instanceof RunMarker m) {
            closeRun(r, m, RunSource.EXTERNAL);
        } else if (ev instanceof ExternalRow row) {
            Optional<Resource> resource = requireKey(r, Optional.of(row.key()));
            if (resource.isEmpty()) {
                return;
            }
            row.runId().ifPresent(run -> countRunRecord(run, row.key()));
            state.external.put(row.key(), row);
            forwardFindings(state.reevaluate(row.key(), resource.get(), row.observedAt(), "external state changed"), r.timestamp());
        }
    }
}
