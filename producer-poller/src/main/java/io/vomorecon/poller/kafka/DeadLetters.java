package io.vomorecon.poller.kafka;

import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.DeadLetter;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends records the poller cannot process to recon.dlq with the reason, and logs that it did (without the payload). */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final Producer<byte[], byte[]> producer;
    private final Topic<DeadLetter> dlq;
    private final Clock clock;

    public DeadLetters(Producer<byte[], byte[]> producer, String topicPrefix, Clock clock) {
        this.producer = producer;
        this.dlq = Topics.RECON_DLQ.in(topicPrefix);
        this.clock = clock;
    }

    public void send(String component, ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
        String key = Topic.key(record);
        DeadLetter d = new DeadLetter(Topics.SCHEMA_VERSION, component, record.topic(), Optional.of(record.partition()),
                Optional.of(record.offset()), Optional.ofNullable(key), reason, error == null ? "Rejected" : error.getClass().getName(),
                Optional.ofNullable(record.value()).map(v -> Base64.getEncoder().encodeToString(v)),
                record.value() == null ? DeadLetter.PayloadEncoding.NONE : DeadLetter.PayloadEncoding.BASE64, Map.of(), clock.instant());
        try {
            producer.send(dlq.rawRecord(key, d)).get();
            LOG.warn("{}: record {}-{}@{} sent to the DLQ: {}", component, record.topic(), record.partition(), record.offset(), reason);
        } catch (Exception e) {
            LOG.error("{}: record {}-{}@{} could not be dead-lettered ({}); skipped: {}", component, record.topic(), record.partition(),
                    record.offset(), e.getClass().getSimpleName(), reason);
        }
    }
}
