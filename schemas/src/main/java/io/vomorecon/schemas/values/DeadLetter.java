package io.vomorecon.schemas.values;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A record that could not be processed (recon.dlq), with where it came from and why, and its
 * payload as UTF-8 text or Base64, so an operator can inspect and replay it. Nothing is dropped.
 */
public record DeadLetter(
        int schemaVersion,
        String component,
        String sourceTopic,
        Optional<Integer> partition,
        Optional<Long> offset,
        Optional<String> key,
        String reason,
        String errorClass,
        Optional<String> payload,
        PayloadEncoding payloadEncoding,
        Map<String, String> context,
        Instant at) {

    public DeadLetter {
        partition = partition == null ? Optional.empty() : partition;
        offset = offset == null ? Optional.empty() : offset;
        key = key == null ? Optional.empty() : key;
        payload = payload == null ? Optional.empty() : payload;
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    public enum PayloadEncoding { UTF8, BASE64, NONE }
}
