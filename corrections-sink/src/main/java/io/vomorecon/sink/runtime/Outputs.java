package io.vomorecon.sink.runtime;

import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.mapping.FieldMapping;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.schemas.values.Alert;
import io.vomorecon.schemas.values.CorrectionOutcome;
import io.vomorecon.schemas.values.CorrectionOutcome.Mode;
import io.vomorecon.schemas.values.CorrectionOutcome.Outcome;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.DeadLetter.PayloadEncoding;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.ReprocessRequest;
import io.vomorecon.sink.external.DestinationRow;
import io.vomorecon.sink.plan.WriteAction;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds the records the sink publishes (as raw producer records for its one transactional
 * producer): outcomes, the new external and partner state of a key after a write, re-process
 * requests, dead letters and alerts. Reasons and messages name keys, ids, actions and error
 * codes, never field values.
 */
public final class Outputs {

    public static final String COMPONENT = "corrections-sink";

    private final SinkTopics topics;

    public Outputs(SinkTopics topics) {
        this.topics = topics;
    }

    public ProducerRecord<byte[], byte[]> outcome(Finding f, String actionId, ActionKind action, Outcome outcome, Mode mode,
                                                  Optional<String> reason, int attempts, Optional<Instant> target, Instant at) {
        return topics.corrections().rawRecord(f.key(), new CorrectionOutcome(Topics.SCHEMA_VERSION, actionId, f.findingId(),
                f.customer(), f.resource(), f.key(), action, outcome, mode, reason, attempts, target, at));
    }

    /** The destination row of the key as it is after the action (present=false when there is none). */
    public ProducerRecord<byte[], byte[]> externalRow(WriteAction a, Optional<DestinationRow> row, Instant at) {
        ExternalRow value = row.map(r -> new ExternalRow(Topics.SCHEMA_VERSION, Optional.empty(), a.customer(), a.resource().path(),
                        a.key(), ExternalRow.ExternalSource.SINK, true, FieldMapping.fromDestination(a.resource(), r.columns()),
                        r.vomoUpdatedAt(), r.deleted(), r.erased(), Optional.of(r.externalId()), at))
                .orElseGet(() -> new ExternalRow(Topics.SCHEMA_VERSION, Optional.empty(), a.customer(), a.resource().path(), a.key(),
                        ExternalRow.ExternalSource.SINK, false, Map.of(), Optional.empty(),
                        a.kind() == ActionKind.PROPAGATE_DELETION, a.kind() == ActionKind.ERASE_PERSONAL_DATA, Optional.empty(), at));
        return topics.externalState().rawRecord(a.key(), value);
    }

    /** The ledger entry the sink writes for the key after acting for the partner (CONTRACTS.md, "Findings and actions"). */
    public ProducerRecord<byte[], byte[]> partnerState(Finding f, WriteAction a, Optional<DestinationRow> row, Instant at) {
        Optional<String> externalId = row.map(DestinationRow::externalId);
        PartnerState value = switch (a.kind()) {
            case RE_PROCESS -> new PartnerState(Topics.SCHEMA_VERSION, a.customer(), a.resource().path(), a.key(),
                    a.targetVersion(), a.contentHash(), true, a.fields(), externalId, at, false, PartnerState.PartnerSource.SINK);
            case PROPAGATE_DELETION -> new PartnerState(Topics.SCHEMA_VERSION, a.customer(), a.resource().path(), a.key(),
                    f.partnerVersion(), f.partnerHash(), true, Map.of(), externalId, at, true, PartnerState.PartnerSource.SINK);
            case ERASE_PERSONAL_DATA -> new PartnerState(Topics.SCHEMA_VERSION, a.customer(), a.resource().path(), a.key(),
                    f.vomoVersion().or(f::partnerVersion), f.vomoHash().or(f::partnerHash), row.isPresent(),
                    row.map(r -> FieldMapping.fromDestination(a.resource(), r.columns())).orElse(Map.of()), externalId, at, false,
                    PartnerState.PartnerSource.SINK);
            default -> throw new IllegalArgumentException("not a destination write: " + a.kind());
        };
        return topics.partnerState().rawRecord(a.key(), value);
    }

    /**
     * Delegate mode: the request for the partner's worker. A finding without a VOMO version
     * (participations, deletions) asks for "at least as new as when it was detected".
     */
    public ProducerRecord<byte[], byte[]> reprocessRequest(Finding f, String requestId, ActionKind delegated, Instant at) {
        return topics.reprocess().rawRecord(f.key(), new ReprocessRequest(Topics.SCHEMA_VERSION, requestId, f.findingId(),
                f.customer(), f.resource(), f.key(), f.vomoVersion().orElse(f.detectedAt()),
                f.kind() + ": " + delegated + f.verdict().map(v -> " (" + v + ")").orElse(""), at));
    }

    /** A finding that could not be corrected, with the action and error; the payload is the finding as received. */
    public ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> source, String reason, String errorClass,
                                                     Map<String, String> context, Instant at) {
        Optional<String> payload;
        PayloadEncoding encoding;
        if (source.value() == null) {
            payload = Optional.empty();
            encoding = PayloadEncoding.NONE;
        } else if (isUtf8(source.value())) {
            payload = Optional.of(new String(source.value(), StandardCharsets.UTF_8));
            encoding = PayloadEncoding.UTF8;
        } else {
            payload = Optional.of(Base64.getEncoder().encodeToString(source.value()));
            encoding = PayloadEncoding.BASE64;
        }
        Optional<String> key = Optional.ofNullable(io.vomorecon.schemas.topics.Topic.key(source));
        DeadLetter dl = new DeadLetter(Topics.SCHEMA_VERSION, COMPONENT, source.topic(), Optional.of(source.partition()),
                Optional.of(source.offset()), key, reason, errorClass, payload, encoding, context, at);
        return topics.dlq().rawRecord(key.orElse(null), dl);
    }

    public ProducerRecord<byte[], byte[]> driftAlert(Finding f, String actionId, String reason, Instant at) {
        return topics.alerts().rawRecord(f.customer(), new Alert(Topics.SCHEMA_VERSION, ContentHash.stableId(actionId, "UNEXPLAINED_DRIFT"),
                f.customer(), Optional.of(f.resource()), Alert.AlertKind.UNEXPLAINED_DRIFT, Alert.Severity.WARNING,
                Optional.of(f.runId()), f.key() + ": " + reason, Optional.empty(), Optional.empty(), at));
    }

    public ProducerRecord<byte[], byte[]> failureAlert(String customer, int failed, String batchId, Instant at) {
        return topics.alerts().rawRecord(customer, new Alert(Topics.SCHEMA_VERSION, ContentHash.stableId(batchId, customer, "CORRECTION_FAILED"),
                customer, Optional.empty(), Alert.AlertKind.CORRECTION_FAILED, Alert.Severity.CRITICAL, Optional.empty(),
                failed + " correction(s) for " + customer + " failed and went to the dead-letter topic; see docs/sink.md, \"Reading the DLQ\"",
                Optional.of((double) failed), Optional.empty(), at));
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
