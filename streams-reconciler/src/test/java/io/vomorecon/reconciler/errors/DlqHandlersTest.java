package io.vomorecon.reconciler.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.schemas.topics.ContractViolation;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The exception handlers resume and hand Kafka Streams one DeadLetter for recon.dlq, in the configured namespace. */
class DlqHandlersTest {

    static final Instant NOW = Instant.parse("2026-01-10T08:00:00Z");
    final Map<String, Object> configs = Map.of("vomo.recon.topic.prefix", "staging.", "vomo.recon.clock",
            Clock.fixed(NOW, ZoneOffset.UTC));

    record Ctx(byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
        public String topic() {
            return "staging.vomo.snapshots";
        }

        public int partition() {
            return 2;
        }

        public long offset() {
            return 41;
        }

        public Headers headers() {
            return new RecordHeaders();
        }

        public String processorNodeId() {
            return "snapshots";
        }

        public TaskId taskId() {
            return new TaskId(0, 2);
        }

        public long timestamp() {
            return 0;
        }
    }

    @Test
    void undecodableRecordBecomesADeadLetterWithTheContractReason() {
        DlqDeserializationHandler h = new DlqDeserializationHandler();
        h.configure(configs);
        byte[] payload = "{broken".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> rec = new ConsumerRecord<>("staging.vomo.snapshots", 2, 41,
                "acme/users/1".getBytes(StandardCharsets.UTF_8), payload);
        DeserializationExceptionHandler.Response r = h.handleError(new Ctx(rec.key(), payload), rec,
                new ContractViolation("staging.vomo.snapshots", "not JSON (at column 2)", null));
        assertThat(r.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> out = r.deadLetterQueueRecords().get(0);
        assertThat(out.topic()).isEqualTo("staging.recon.dlq");
        DeadLetter dl = Topics.RECON_DLQ.valueSerde().decode(out.value());
        assertThat(dl.reason()).isEqualTo("not JSON (at column 2)");
        assertThat(dl.key()).contains("acme/users/1");
        assertThat(dl.offset()).contains(41L);
        assertThat(dl.payload()).contains("{broken");
        assertThat(dl.at()).isEqualTo(NOW);
    }

    @Test
    void processingFailureBecomesADeadLetterAndProcessingResumes() {
        DlqProcessingHandler h = new DlqProcessingHandler();
        h.configure(configs);
        byte[] raw = new byte[] {(byte) 0xc3, 0x28};
        ProcessingExceptionHandler.Response r = h.handleError(new Ctx("acme/users/1".getBytes(StandardCharsets.UTF_8), raw),
                new Record<>("acme/users/1", "v", 0L), new IllegalStateException("boom\nsecond line"));
        assertThat(r.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        DeadLetter dl = Topics.RECON_DLQ.valueSerde().decode(r.deadLetterQueueRecords().get(0).value());
        assertThat(dl.reason()).isEqualTo("boom");
        assertThat(dl.payloadEncoding()).isEqualTo(DeadLetter.PayloadEncoding.BASE64);
        assertThat(dl.context()).containsEntry("processor", "snapshots");
    }
}
