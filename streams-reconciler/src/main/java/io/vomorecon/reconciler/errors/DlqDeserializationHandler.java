package io.vomorecon.reconciler.errors;

import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.DeadLetter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes on an input that are not a valid value of its contract: published to recon.dlq as a
 * {@link DeadLetter} (through the Kafka 4.x handler response, so it is part of the task's
 * transaction) and skipped. Poison input never stops the reconciler.
 */
public final class DlqDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DlqDeserializationHandler.class);
    private HandlerSettings settings = HandlerSettings.from(Map.of());

    @Override
    public void configure(Map<String, ?> configs) {
        settings = HandlerSettings.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = DeadLetters.reasonOf(exception);
        Optional<String> key = DeadLetters.keyText(record.key());
        LOG.warn("skipped undecodable record {}-{}@{} (key {}): {}; sent to {}", record.topic(), record.partition(),
                record.offset(), key.orElse("none"), reason, settings.dlqTopic());
        DeadLetter dl = DeadLetters.of(record.topic(), Optional.of(record.partition()), Optional.of(record.offset()), key,
                reason, exception, record.value(), Map.of("stage", "deserialization", "task", String.valueOf(context.taskId())),
                settings.clock().instant());
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(settings.dlqTopic(), record.key(),
                Topics.RECON_DLQ.valueSerde().encode(dl));
        return Response.resume(List.of(out));
    }
}
