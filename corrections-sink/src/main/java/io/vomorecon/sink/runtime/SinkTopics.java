package io.vomorecon.sink.runtime;

import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Alert;
import io.vomorecon.schemas.values.CorrectionOutcome;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.ExternalEvent;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.ReprocessRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The topics the sink reads and writes, in the configured namespace. */
public record SinkTopics(
        List<Topic<Finding>> inputs,
        Topic<CorrectionOutcome> corrections,
        Topic<ExternalEvent> externalState,
        Topic<PartnerState> partnerState,
        Topic<ReprocessRequest> reprocess,
        Topic<DeadLetter> dlq,
        Topic<Alert> alerts) {

    public static SinkTopics in(String prefix) {
        return new SinkTopics(
                List.of(Topics.RECON_GAPS.in(prefix), Topics.RECON_DELETIONS.in(prefix), Topics.RECON_DRIFT.in(prefix)),
                Topics.RECON_CORRECTIONS.in(prefix),
                Topics.EXTERNAL_STATE.in(prefix),
                Topics.PARTNER_STATE.in(prefix),
                Topics.RECON_REPROCESS.in(prefix),
                Topics.RECON_DLQ.in(prefix),
                Topics.RECON_ALERTS.in(prefix));
    }

    public List<String> inputNames() {
        return inputs.stream().map(Topic::name).toList();
    }

    /** The finding topic a record came from. */
    public Optional<Topic<Finding>> input(String name) {
        Map<String, Topic<Finding>> byName = inputs.stream().collect(Collectors.toMap(Topic::name, Function.identity()));
        return Optional.ofNullable(byName.get(name));
    }
}
