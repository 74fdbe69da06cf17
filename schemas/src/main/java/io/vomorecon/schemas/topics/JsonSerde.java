package io.vomorecon.schemas.topics;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.vomorecon.schemas.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The JSON serde of one topic's value type. Deserialising bytes that are not a valid value
 * throws {@link ContractViolation} with a reason (never the payload); a missing or newer
 * {@code schemaVersion} is a violation too, and so is a missing required field
 * ({@link RequiredFields}). Writing a value whose required field is null fails the same way,
 * at the writer, rather than at every reader.
 *
 * <p>Decoding binds the bytes in one pass with a stricter reader ({@link StrictReading}: every
 * non-optional record component required, no nulls for them, no coercion into integers) and
 * checks the schema version on the bound value. Anything that reader refuses is decoded again
 * by the full check (tree, schema version, required fields, binding), which alone words the
 * reason. The strict pass accepts a subset of what the full check accepts and binds it to the
 * same value, so the contract is the full check's; the strict pass only makes the common, valid
 * value cheap (parsing a tree, walking it, then binding the tree cost 40 % of the reconciler's
 * input processing).
 */
public final class JsonSerde<T> implements Serde<T> {

    private final String topic;
    private final Class<T> type;
    private final int schemaVersion;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final ObjectReader strictReader;

    public JsonSerde(String topic, Class<T> type, int schemaVersion) {
        this.topic = topic;
        this.type = type;
        this.schemaVersion = schemaVersion;
        this.writer = Json.mapper().writerFor(type);
        this.reader = Json.mapper().readerFor(type);
        this.strictReader = StrictReading.mapper().readerFor(type);
    }

    public byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        // NON_ABSENT would silently drop a null required field and every reader would then reject the value.
        RequiredFields.firstNull(value).ifPresent(field -> {
            throw new ContractViolation(topic, "cannot write " + type.getSimpleName() + ": required field "
                    + field + " is null", null);
        });
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new ContractViolation(topic, "cannot write " + type.getSimpleName() + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Decodes a value; null bytes (a tombstone) give null. */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        T value = strictDecode(bytes);
        return value != null ? value : fullDecode(bytes);
    }

    /** The value if the strict one-pass reader accepts the bytes and its schema version is readable; else null. */
    private T strictDecode(byte[] bytes) {
        T value;
        try {
            value = strictReader.readValue(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (value == null || !(value instanceof Record) || RequiredFields.holdsNullAfterBinding(value)) {
            return null;
        }
        int version = StrictReading.schemaVersion(value);
        return version >= 1 && version <= schemaVersion ? value : null;
    }

    /** The full check alone, for tests that compare it with the one-pass decoding. */
    T decodeWithFullCheck(byte[] bytes) {
        return bytes == null ? null : fullDecode(bytes);
    }

    /** The one-pass decoding alone: the value, or empty where decode would fall back to the full check. */
    Optional<T> decodeOnePass(byte[] bytes) {
        return Optional.ofNullable(strictDecode(bytes));
    }

    private T fullDecode(byte[] bytes) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new ContractViolation(topic, "not JSON (" + where(e) + ")", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ContractViolation(topic, "not a JSON object", null);
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new ContractViolation(topic, "no schemaVersion", null);
        }
        if (version.intValue() > schemaVersion || version.intValue() < 1) {
            throw new ContractViolation(topic, "schemaVersion " + version.intValue()
                    + " is not supported (this build reads 1.." + schemaVersion + ")", null);
        }
        // Checked on the tree before binding, so a missing field is named instead of tripping a record constructor.
        Class<?> concrete = concreteType(tree);
        if (concrete != null) {
            RequiredFields.firstMissing(concrete, tree).ifPresent(field -> {
                throw new ContractViolation(topic, "required field " + field + " is missing", null);
            });
        }
        try {
            return reader.readValue(tree);
        } catch (InvalidTypeIdException e) {
            throw new ContractViolation(topic, unknownKind(e), e);
        } catch (MismatchedInputException e) {
            throw new ContractViolation(topic, "field " + path(e) + ": " + expected(e), e);
        } catch (ValueInstantiationException e) {
            throw new ContractViolation(topic, "field " + path(e) + ": " + ownMessage(e.getCause()), e);
        } catch (IOException | IllegalArgumentException e) {
            String at = e instanceof JsonMappingException jme ? "field " + path(jme) + ": " : "";
            throw new ContractViolation(topic, at + "cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The record type a tree will bind to; null for an unknown or missing kind (binding then reports it). */
    private Class<?> concreteType(JsonNode tree) {
        if (type.isRecord()) {
            return type;
        }
        JsonSubTypes subTypes = type.getAnnotation(JsonSubTypes.class);
        JsonNode kind = tree.get("kind");
        if (subTypes == null || kind == null || !kind.isTextual()) {
            return null;
        }
        return Arrays.stream(subTypes.value())
                .filter(t -> t.name().equals(kind.asText()))
                .<Class<?>>map(JsonSubTypes.Type::value)
                .findFirst()
                .orElse(null);
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

    // Jackson quotes offending input in its messages (a token, a string value), and the payload may
    // hold personal data: every reason below is built from paths, types and kind names only.

    private static String path(JsonMappingException e) {
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

    private static String where(IOException e) {
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            return "malformed at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr();
        }
        return e.getClass().getSimpleName();
    }

    private static String expected(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "has the wrong type";
        }
        if (target.isEnum()) {
            return "expected one of " + Arrays.toString(target.getEnumConstants());
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "expected an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "expected an object";
        }
        if (target == Instant.class) {
            return "expected an ISO-8601 instant";
        }
        return "expected " + target.getSimpleName();
    }

    private static String unknownKind(InvalidTypeIdException e) {
        String known = knownKinds(e.getBaseType() == null ? null : e.getBaseType().getRawClass());
        if (e.getTypeId() == null) {
            return "no kind (known: " + known + ")";
        }
        // Echo the kind only when it looks like one; anything else might be misplaced data.
        String id = e.getTypeId().matches("[A-Z][A-Z0-9_]{0,39}") ? "'" + e.getTypeId() + "'" : "(not a kind name)";
        return "unknown kind " + id + " (known: " + known + ")";
    }

    private static String knownKinds(Class<?> base) {
        JsonSubTypes subTypes = base == null ? null : base.getAnnotation(JsonSubTypes.class);
        if (subTypes == null) {
            return "none";
        }
        return String.join(", ", Arrays.stream(subTypes.value()).map(JsonSubTypes.Type::name).toList());
    }

    /** Our value records' constructors explain themselves without values ("window ends before it starts"). */
    private static String ownMessage(Throwable cause) {
        if (cause == null || cause.getMessage() == null) {
            return "rejected by its record" + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
        }
        String m = cause.getMessage();
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }
}
