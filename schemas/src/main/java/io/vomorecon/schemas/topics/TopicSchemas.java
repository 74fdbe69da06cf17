package io.vomorecon.schemas.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vomorecon.schemas.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas of the topic values ({@code schemas/<topic>.schema.json} on the classpath,
 * draft 2020-12, shared definitions in {@code schemas/common.schema.json}), loaded and compiled
 * once, and a validator that answers with readable violations ({@code "$.runKind: does not have
 * a value in the enumeration [...]"}). The schemas describe exactly what this build writes;
 * readers stay lenient (unknown fields are ignored by the serdes).
 *
 * <p>Violations name locations and expectations, never the offending values, so they may be
 * logged. Validation is for tests and tools: the serdes do not run it on every record.
 */
public final class TopicSchemas {

    /** The {@code $id} prefix of every schema; it maps to {@link #RESOURCE_DIR} on the classpath. */
    public static final String BASE_URI = "https://vomo-recon.io/schemas/";
    public static final String RESOURCE_DIR = "schemas/";
    public static final String COMMON = "common.schema.json";

    private static final TopicSchemas INSTANCE = new TopicSchemas();

    private final Map<String, JsonSchema> compiled = new LinkedHashMap<>();
    private final Map<String, JsonNode> documents = new LinkedHashMap<>();

    private TopicSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE_URI, "classpath:" + RESOURCE_DIR)));
        // Formats are annotations only in 2020-12 unless asserted; instants must really be date-times.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        for (Topic<?> topic : Topics.ALL) {
            JsonNode document = readResource(fileName(topic.name()));
            JsonSchema schema = factory.getSchema(SchemaLocation.of(BASE_URI + fileName(topic.name())), config);
            schema.initializeValidators();
            documents.put(topic.name(), document);
            compiled.put(topic.name(), schema);
        }
    }

    /** The schemas of every topic in {@link Topics#ALL}; fails if one is missing or does not compile. */
    public static TopicSchemas get() {
        return INSTANCE;
    }

    /** The schema file of a topic (its registry name, without a namespace prefix). */
    public static String fileName(String topicName) {
        return topicName + ".schema.json";
    }

    /** Violations of a value in its JSON form; empty when it is valid. */
    public List<String> validate(Topic<?> topic, JsonNode value) {
        List<ValidationMessage> messages = new ArrayList<>(schema(topic).validate(value));
        messages.sort(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                .thenComparing(ValidationMessage::getMessage));
        return messages.stream().map(ValidationMessage::getMessage).distinct().toList();
    }

    /** Violations of raw bytes as they would sit on the topic. */
    public List<String> validate(Topic<?> topic, byte[] bytes) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(bytes);
        } catch (IOException e) {
            return List.of("$: not JSON");
        }
        return tree == null ? List.of("$: empty") : validate(topic, tree);
    }

    /** Violations of a Java value as its topic's serde writes it. */
    public <V> List<String> validateValue(Topic<V> topic, V value) {
        return validate(topic, topic.valueSerde().encode(value));
    }

    /** The schema document as written (for tools that show it, and for its {@code examples}). */
    public JsonNode document(Topic<?> topic) {
        return documents.get(registryName(topic));
    }

    /** The schema's documented example values. */
    public List<JsonNode> examples(Topic<?> topic) {
        List<JsonNode> out = new ArrayList<>();
        document(topic).path("examples").forEach(out::add);
        return out;
    }

    private JsonSchema schema(Topic<?> topic) {
        return compiled.get(registryName(topic));
    }

    /** A handle from {@link Topic#in} has a prefixed name but the registry's serde: match on that. */
    private static String registryName(Topic<?> topic) {
        return Topics.ALL.stream()
                .filter(t -> t.valueSerde() == topic.valueSerde())
                .map(Topic::name)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("topic " + topic.name() + " is not in the registry"));
    }

    static JsonNode readResource(String file) {
        try (InputStream in = TopicSchemas.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("schema " + RESOURCE_DIR + file + " is not on the classpath");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("schema " + RESOURCE_DIR + file + " cannot be read", e);
        }
    }
}
