package io.vomorecon.reconciler.topology;

import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.PartnerState;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Record;

/** partner.state: keeps P per key (a tombstone forgets it) and re-evaluates keys with open findings. */
final class PartnerProcessor extends PartitionProcessor<PartnerState> {

    PartnerProcessor(Clock clock) {
        super(clock);
    }

    @Override
    public void process(Record<String, PartnerState> r) {
        PartnerState p = r.value();
        Optional<Resource> resource = requireKey(r, Optional.ofNullable(p).map(PartnerState::key));
        if (resource.isEmpty()) {
            return;
        }
        Instant at;
        if (p == null) {
            state.partner.delete(r.key());
            at = Instant.ofEpochMilli(r.timestamp());
        } else {
            state.partner.put(r.key(), p);
            at = p.processedAt();
        }
        forwardFindings(state.reevaluate(r.key(), resource.get(), at, "partner state changed"), r.timestamp());
    }
}
