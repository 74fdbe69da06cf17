package io.vomorecon.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Code and schemas cannot drift apart: every value built in Java round-trips through its serde and
 * meets its topic's JSON Schema, every documented example reads back through the serde, and the
 * schema of every record type lists exactly its components (required = not Optional), every
 * enum exactly its constants. A record component added without the schema fails here.
 */
class SchemaContractTest {

    private static final TopicSchemas SCHEMAS = TopicSchemas.get();
    private static final JsonNode COMMON = TopicSchemas.readResource(TopicSchemas.COMMON);

    static Stream<Topic<?>> topics() {
        return Topics.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    <V> void javaValuesRoundTripAndMeetTheSchema(Topic<V> topic) {
        Map<String, Object> samples = ContractSamples.of(topic);
        assertThat(samples).isNotEmpty();
        samples.forEach((label, sample) -> {
            V value = topic.valueSerde().type().cast(sample);
            byte[] bytes = topic.valueSerde().encode(value);
            assertThat(topic.valueSerde().decode(bytes)).as("%s: %s decodes to itself", topic.name(), label).isEqualTo(value);
            assertThat(SCHEMAS.validate(topic, bytes)).as("%s: %s meets the schema", topic.name(), label).isEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    <V> void documentedExamplesReadBackThroughTheSerde(Topic<V> topic) throws IOException {
        List<JsonNode> examples = SCHEMAS.examples(topic);
        assertThat(examples).as("%s documents examples", topic.name()).isNotEmpty();
        for (JsonNode example : examples) {
            assertThat(SCHEMAS.validate(topic, example)).as("example is valid: %s", example).isEmpty();
            V value = topic.valueSerde().decode(Json.mapper().writeValueAsBytes(example));
            byte[] again = topic.valueSerde().encode(value);
            assertThat(SCHEMAS.validate(topic, again)).isEmpty();
            // Re-encoding loses nothing: the example is exactly what the serde writes.
            assertThat(Json.mapper().readTree(again)).isEqualTo(example);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void everyKindOfASealedValueHasAnExampleAndASample(Topic<?> topic) {
        Class<?> type = topic.valueSerde().type();
        if (!type.isSealed()) {
            return;
        }
        Set<String> kinds = kindNames(type);
        Set<String> exampleKinds = new TreeSet<>();
        SCHEMAS.examples(topic).forEach(e -> exampleKinds.add(e.path("kind").asText()));
        assertThat(exampleKinds).containsExactlyInAnyOrderElementsOf(kinds);
        Set<String> sampleKinds = new TreeSet<>();
        ContractSamples.of(topic).values().forEach(v -> sampleKinds.add(v.getClass().getAnnotation(JsonTypeName.class).value()));
        assertThat(sampleKinds).containsExactlyInAnyOrderElementsOf(kinds);
    }

    @Test
    void schemaFilesCoverExactlyTheTopicsOfTheRegistry() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getClassLoader().getResource(TopicSchemas.RESOURCE_DIR).toURI());
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString()).forEach(files::add);
        }
        Set<String> expected = new TreeSet<>();
        Topics.ALL.forEach(t -> expected.add(TopicSchemas.fileName(t.name())));
        expected.add(TopicSchemas.COMMON);
        assertThat(files).isEqualTo(expected);
        for (Topic<?> topic : Topics.ALL) {
            assertThat(SCHEMAS.document(topic).path("$id").asText()).isEqualTo(TopicSchemas.BASE_URI + TopicSchemas.fileName(topic.name()));
            assertThat(SCHEMAS.document(topic).path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void schemaDescribesEveryRecordAndEnumOfTheValueExactly(Topic<?> topic) {
        JsonNode document = SCHEMAS.document(topic);
        Class<?> type = topic.valueSerde().type();
        if (type.isSealed()) {
            JsonNode branches = document.path("allOf");
            assertThat(textSet(document.path("properties").path("kind").path("enum"))).isEqualTo(kindNames(type));
            for (Class<?> kind : type.getPermittedSubclasses()) {
                String name = kind.getAnnotation(JsonTypeName.class).value();
                JsonNode branch = stream(branches).filter(b -> b.path("if").path("properties").path("kind").path("const").asText().equals(name))
                        .findFirst().orElseThrow(() -> new AssertionError("no if/then branch for kind " + name));
                assertThat(branch.path("then").path("$ref").asText()).endsWith("/$defs/" + kind.getSimpleName());
            }
        } else {
            JsonNode root = document.has("$ref") ? document : document.path("allOf").path(0);
            assertThat(root.path("$ref").asText()).endsWith("/$defs/" + type.getSimpleName());
        }
        Set<Class<?>> seen = new LinkedHashSet<>();
        collectTypes(type, seen);
        for (Class<?> c : seen) {
            JsonNode def = definition(document, c.getSimpleName());
            if (c.isEnum()) {
                assertThat(textSet(def.path("enum"))).as("enum %s", c.getSimpleName())
                        .isEqualTo(new TreeSet<>(Arrays.stream(c.getEnumConstants()).map(Object::toString).toList()));
            } else {
                assertRecordSchema(document, c, def);
            }
        }
    }

    @Test
    void resourceEnumOfTheSchemasIsTheResourceRegistry() {
        assertThat(textSet(COMMON.path("$defs").path("resource").path("enum")))
                .isEqualTo(new TreeSet<>(Arrays.stream(Resource.values()).map(Resource::path).toList()));
    }

    @ParameterizedTest
    @EnumSource(FindingKind.class)
    void aFindingMeetsTheSchemaOfItsFamilyTopicOnly(FindingKind kind) {
        Finding finding = ContractSamples.finding(kind, FindingStatus.OPEN, true);
        for (Topic<Finding> topic : List.of(Topics.RECON_GAPS, Topics.RECON_DRIFT, Topics.RECON_DELETIONS)) {
            List<String> violations = SCHEMAS.validateValue(topic, finding);
            if (topic == Topics.findings(kind)) {
                assertThat(violations).as("%s on %s", kind, topic.name()).isEmpty();
            } else {
                assertThat(violations).as("%s on %s", kind, topic.name()).anyMatch(v -> v.contains("$.kind"));
            }
        }
    }

    @Test
    void aFieldTheSchemaDoesNotKnowOrAMissingRequiredFieldIsAViolation() {
        ObjectNode row = (ObjectNode) Json.mapper().valueToTree(ContractSamples.externalRow(true));
        row.put("kind", "EXTERNAL_ROW").put("crmOwner", "sales-emea");
        assertThat(SCHEMAS.validate(Topics.EXTERNAL_STATE, row)).singleElement().asString()
                .contains("crmOwner").contains("additional properties");
        row.remove("crmOwner");
        row.remove("observedAt");
        assertThat(SCHEMAS.validate(Topics.EXTERNAL_STATE, row)).singleElement().asString().contains("observedAt");
        row.put("observedAt", "yesterday");
        assertThat(SCHEMAS.validate(Topics.EXTERNAL_STATE, row)).singleElement().asString().contains("date-time");
        row.put("observedAt", "2026-11-20T06:00:12Z").put("schemaVersion", 2);
        assertThat(SCHEMAS.validate(Topics.EXTERNAL_STATE, row)).singleElement().asString().contains("schemaVersion");
        row.put("schemaVersion", 1).put("kind", "SNAPSHOT");
        assertThat(SCHEMAS.validate(Topics.EXTERNAL_STATE, row)).isNotEmpty();
    }

    @Test
    void aNamespacedHandleIsValidatedAgainstItsRegistrySchema() {
        Topic<?> staged = Topics.RECON_JOBS.in("staging.");
        assertThat(staged.name()).isEqualTo("staging.recon.jobs");
        assertThat(SCHEMAS.validate(staged, SCHEMAS.examples(Topics.RECON_JOBS).get(0))).isEmpty();
        assertThat(SCHEMAS.validate(staged, "[1,2]".getBytes())).isNotEmpty();
        assertThat(SCHEMAS.validate(staged, "not json".getBytes())).containsExactly("$: not JSON");
    }

    // --- structural comparison of a record class with its schema definition ---

    private static void assertRecordSchema(JsonNode document, Class<?> type, JsonNode def) {
        String what = "schema of " + type.getSimpleName();
        assertThat(def.path("type").asText()).as(what).isEqualTo("object");
        assertThat(def.path("additionalProperties").isBoolean() && !def.path("additionalProperties").booleanValue())
                .as(what + " is closed").isTrue();
        Set<String> components = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        JsonTypeName kind = type.getAnnotation(JsonTypeName.class);
        if (kind != null) {
            components.add("kind");
            required.add("kind");
            assertThat(def.path("properties").path("kind").path("const").asText()).as(what).isEqualTo(kind.value());
        }
        for (RecordComponent c : type.getRecordComponents()) {
            components.add(c.getName());
            if (c.getType() != Optional.class) {
                required.add(c.getName());
            }
            JsonNode property = def.path("properties").path(c.getName());
            assertThat(property.isMissingNode()).as(what + " has property " + c.getName()).isFalse();
            Type valueType = c.getType() == Optional.class ? typeArgument(c.getGenericType(), 0) : c.getGenericType();
            assertPropertyType(document, type.getSimpleName() + "." + c.getName(), valueType, property);
        }
        assertThat(textSet(def.path("properties"), true)).as(what + " properties").isEqualTo(components);
        assertThat(textSet(def.path("required"))).as(what + " required (every component but the Optionals)").isEqualTo(required);
    }

    private static void assertPropertyType(JsonNode document, String where, Type type, JsonNode property) {
        Class<?> raw = rawClass(type);
        if (raw.isRecord() || raw.isEnum()) {
            assertThat(property.path("$ref").asText()).as(where).endsWith("/$defs/" + raw.getSimpleName());
            return;
        }
        if (raw == Instant.class) {
            assertThat(property.path("$ref").asText()).as(where).endsWith("/$defs/instant");
            return;
        }
        String expected;
        if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            expected = "integer";
        } else if (raw == double.class || raw == Double.class) {
            expected = "number";
        } else if (raw == boolean.class) {
            expected = "boolean";
        } else if (raw == String.class) {
            expected = "string";
        } else if (List.class.isAssignableFrom(raw)) {
            expected = "array";
            Type element = typeArgument(type, 0);
            assertPropertyType(document, where + "[]", element, resolve(document, property).path("items"));
        } else if (Map.class.isAssignableFrom(raw) || JsonNode.class.isAssignableFrom(raw)) {
            expected = "object";
        } else {
            throw new AssertionError(where + ": no schema rule for Java type " + type);
        }
        assertThat(resolve(document, property).path("type").asText()).as(where).isEqualTo(expected);
    }

    private static JsonNode resolve(JsonNode document, JsonNode property) {
        String ref = property.path("$ref").asText("");
        if (ref.isEmpty()) {
            return property;
        }
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        return ref.startsWith("#") ? document.path("$defs").path(name) : COMMON.path("$defs").path(name);
    }

    private static JsonNode definition(JsonNode document, String name) {
        JsonNode local = document.path("$defs").path(name);
        if (!local.isMissingNode()) {
            return local;
        }
        JsonNode shared = COMMON.path("$defs").path(name);
        assertThat(shared.isMissingNode()).as("a $defs entry named %s", name).isFalse();
        return shared;
    }

    private static void collectTypes(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                collectTypes(arg, seen);
            }
            return;
        }
        if (!(type instanceof Class<?> c) || !seen.add(c) && (c.isRecord() || c.isEnum())) {
            return;
        }
        if (c.isSealed()) {
            seen.remove(c);
            for (Class<?> sub : c.getPermittedSubclasses()) {
                collectTypes(sub, seen);
            }
        } else if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                collectTypes(component.getGenericType(), seen);
            }
        } else if (!c.isEnum()) {
            seen.remove(c);
        }
    }

    private static Set<String> kindNames(Class<?> sealed) {
        Set<String> names = new TreeSet<>();
        for (JsonSubTypes.Type t : sealed.getAnnotation(JsonSubTypes.class).value()) {
            names.add(t.name());
        }
        assertThat(names).hasSize(sealed.getPermittedSubclasses().length);
        return names;
    }

    private static Type typeArgument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    private static Class<?> rawClass(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out.stream();
    }

    private static Set<String> textSet(JsonNode array) {
        return textSet(array, false);
    }

    private static Set<String> textSet(JsonNode node, boolean fieldNames) {
        Set<String> out = new TreeSet<>();
        if (fieldNames) {
            node.fieldNames().forEachRemaining(out::add);
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

}
