package io.vomorecon.reconciler.errors;

import io.vomorecon.schemas.topics.ContractViolation;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link DeadLetter} of a record the reconciler could not process: the reason (a
 * contract violation's reason, never the payload), where it came from, and the payload itself
 * (UTF-8 if it is text, else Base64) so an operator can inspect and replay it.
 */
public final class DeadLetters {

    public static final String COMPONENT = "streams-reconciler";

    private DeadLetters() {
    }

    public static DeadLetter of(String sourceTopic, Optional<Integer> partition, Optional<Long> offset, Optional<String> key,
                                String reason, Throwable error, byte[] payload, Map<String, String> context, Instant at) {
        Optional<String> text = Optional.empty();
        DeadLetter.PayloadEncoding enc = DeadLetter.PayloadEncoding.NONE;
        if (payload != null) {
            try {
                text = Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString());
                enc = DeadLetter.PayloadEncoding.UTF8;
            } catch (CharacterCodingException e) {
                text = Optional.of(Base64.getEncoder().encodeToString(payload));
                enc = DeadLetter.PayloadEncoding.BASE64;
            }
        }
        return new DeadLetter(Topics.SCHEMA_VERSION, COMPONENT, sourceTopic, partition, offset, key, reason,
                error == null ? "none" : error.getClass().getName(), text, enc, context, at);
    }

    /** The reason of an exception, safe to log and publish: a contract violation's reason, else the first line of the message. */
    public static String reasonOf(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof ContractViolation cv) {
                return cv.reason();
            }
            t = t.getCause();
        }
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        m = nl > 0 ? m.substring(0, nl) : m;
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    /** A record key as text, if it is valid UTF-8 (keys are ids, fine to publish and log). */
    public static Optional<String> keyText(byte[] key) {
        if (key == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(key)).toString());
        } catch (CharacterCodingException e) {
            return Optional.of("base64:" + Base64.getEncoder().encodeToString(key));
        }
    }
}
