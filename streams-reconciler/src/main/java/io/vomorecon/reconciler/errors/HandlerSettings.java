package io.vomorecon.reconciler.errors;

import io.vomorecon.schemas.topics.Topics;
import java.time.Clock;
import java.util.Map;

/**
 * What the exception handlers need from the Streams configuration, which is the only way Kafka
 * Streams hands anything to a handler it instantiates itself: the topic prefix and the clock.
 */
record HandlerSettings(String dlqTopic, Clock clock) {

    static final String TOPIC_PREFIX = "vomo.recon.topic.prefix";
    static final String CLOCK = "vomo.recon.clock";

    static HandlerSettings from(Map<String, ?> configs) {
        Object prefix = configs.get(TOPIC_PREFIX);
        Object clock = configs.get(CLOCK);
        return new HandlerSettings(Topics.RECON_DLQ.in(prefix == null ? "" : prefix.toString()).name(),
                clock instanceof Clock c ? c : Clock.systemUTC());
    }
}
