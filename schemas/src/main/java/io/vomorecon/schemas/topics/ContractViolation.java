package io.vomorecon.schemas.topics;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes on a topic that are not a valid value of its contract. The message names the topic and
 * what is wrong, never the payload (it may hold personal data); callers route the record to
 * recon.dlq with {@link #reason()}.
 */
public class ContractViolation extends SerializationException {

    private final String topic;
    private final String reason;

    public ContractViolation(String topic, String reason, Throwable cause) {
        super("value on " + topic + " violates its contract: " + reason, cause);
        this.topic = topic;
        this.reason = reason;
    }

    public String topic() {
        return topic;
    }

    public String reason() {
        return reason;
    }
}
