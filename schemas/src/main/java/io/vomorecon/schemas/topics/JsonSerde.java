package io.vomorecon.schemas.topics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vomorecon.schemas.Json;
import java.io.IOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The JSON serde of one topic's value type. Deserialising bytes that are not a valid value
 * throws {@link ContractViolation} with a reason (never the payload); a missing or newer
 * {@code schemaVersion} is a violation too.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final String topic;
    private final Class<T> type;
    private final int schemaVersion;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    public JsonSerde(String topic, Class<T> type, int schemaVersion) {
        this.topic = topic;
        this.type = type;
        this.schemaVersion = schemaVersion;
        this.writer = Json.mapper().writerFor(type);
        this.reader = Json.mapper().readerFor(type);
    }

    public byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new ContractViolation(topic, "cannot write " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes a value; null bytes (a tombstone) give null. */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new ContractViolation(topic, "not JSON (" + shortMessage(e) + ")", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ContractViolation(topic, "not a JSON object", null);
        }
        com.fasterxml.jackson.databind.JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new ContractViolation(topic, "no schemaVersion", null);
        }
        if (version.intValue() > schemaVersion || version.intValue() < 1) {
            throw new ContractViolation(topic, "schemaVersion " + version.intValue()
                    + " is not supported (this build reads 1.." + schemaVersion + ")", null);
        }
        try {
            return reader.readValue(tree);
        } catch (InvalidTypeIdException e) {
            throw new ContractViolation(topic, "unknown kind '" + e.getTypeId() + "'", e);
        } catch (MismatchedInputException e) {
            throw new ContractViolation(topic, "field " + path(e) + ": " + shortMessage(e), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ContractViolation(topic, shortMessage(e), e);
        }
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public Serializer<T> serializer() {
        return (t, value) -> encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (t, bytes) -> decode(bytes);
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        });
        return sb.length() == 0 ? "(root)" : sb.toString();
    }

    private static String shortMessage(Exception e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        // Jackson may quote input in its messages; keep the first line and cap the length so no payload leaks.
        int nl = m.indexOf('\n');
        m = nl > 0 ? m.substring(0, nl) : m;
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }
}
