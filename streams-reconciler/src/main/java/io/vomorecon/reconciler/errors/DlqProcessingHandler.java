package io.vomorecon.reconciler.errors;

import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.DeadLetter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that decoded but made a processor throw: published to recon.dlq with the reason and
 * the raw source bytes, then skipped. Processors validate before they write, so a skipped record
 * leaves no half-applied state behind.
 */
public final class DlqProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DlqProcessingHandler.class);
    private HandlerSettings settings = HandlerSettings.from(Map.of());

    @Override
    public void configure(Map<String, ?> configs) {
        settings = HandlerSettings.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason = DeadLetters.reasonOf(exception);
        Optional<String> key = Optional.ofNullable(context.sourceRawKey()).flatMap(DeadLetters::keyText)
                .or(() -> Optional.ofNullable(record).map(Record::key).map(String::valueOf));
        LOG.warn("skipped record {}-{}@{} (key {}) that failed in {}: {}; sent to {}", context.topic(), context.partition(),
                context.offset(), key.orElse("none"), context.processorNodeId(), reason, settings.dlqTopic(), exception);
        DeadLetter dl = DeadLetters.of(context.topic() == null ? "(punctuation)" : context.topic(),
                Optional.of(context.partition()), Optional.of(context.offset()), key, reason, exception, context.sourceRawValue(),
                Map.of("stage", "processing", "processor", String.valueOf(context.processorNodeId()),
                        "task", String.valueOf(context.taskId())),
                settings.clock().instant());
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(settings.dlqTopic(), context.sourceRawKey(),
                Topics.RECON_DLQ.valueSerde().encode(dl));
        return Response.resume(List.of(out));
    }
}
