package io.vomorecon.platform.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads one service's typed configuration: a YAML file (kebab-case keys, e.g.
 * {@code bootstrap-servers}), then environment overrides, then the record's own
 * {@link Validated#validate()}. Every leaf key {@code a.b-c} can be overridden by
 * {@code VOMO_RECON_A_B_C}; a list takes a comma-separated value. Unknown keys, wrong types and
 * failed checks all become a {@link ConfigException} naming the key. Durations read as ISO-8601
 * ({@code PT15M}) or short form ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}).
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "VOMO_RECON_";

    private static final Pattern SHORT_DURATION = Pattern.compile("^(\\d+)\\s*(ms|s|m|h|d)$");

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()))
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    /** Loads from an optional file and the process environment. */
    public static <T> T load(Class<T> type, Optional<Path> file) {
        return load(type, file, System.getenv());
    }

    public static <T> T load(Class<T> type, Optional<Path> file, Map<String, String> env) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        if (file.isPresent()) {
            Path p = file.get();
            if (!Files.isRegularFile(p)) {
                throw new ConfigException("config-file", "file " + p + " does not exist",
                        "pass an existing YAML file, or omit the option to use defaults and environment variables");
            }
            try {
                JsonNode read = MAPPER.readTree(p.toFile());
                if (read != null && !read.isMissingNode() && !read.isNull()) {
                    if (!read.isObject()) {
                        throw new ConfigException("config-file", p + " is not a YAML mapping", "write key: value pairs at the top level");
                    }
                    tree = (ObjectNode) read;
                }
            } catch (IOException e) {
                throw new ConfigException("config-file", p + " is not valid YAML: " + firstLine(e.getMessage()),
                        "fix the YAML syntax at the position given");
            }
        }
        for (String path : leafPaths(type, "")) {
            String envName = envName(path);
            String value = env.get(envName);
            if (value != null) {
                set(tree, path, value, isCollection(type, path));
            }
        }
        T config;
        try {
            config = MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            String key = keyOf(e);
            throw new ConfigException(key, "is not a known key", "remove it or check its spelling; known keys at that level: "
                    + e.getKnownPropertyIds());
        } catch (JsonMappingException e) {
            String key = keyOf(e);
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof ConfigException ce) {
                throw new ConfigException(key, ce.problem(), ce.fix());
            }
            throw new ConfigException(key, "has a value of the wrong type (" + firstLine(e.getOriginalMessage()) + ")",
                    "give a value of the documented type");
        } catch (IOException e) {
            throw new ConfigException("config-file", firstLine(e.getMessage()), "check the file");
        }
        if (config instanceof Validated v) {
            v.validate();
        }
        return config;
    }

    /** The environment variable that overrides a key, e.g. {@code bootstrap-servers} -> {@code VOMO_RECON_BOOTSTRAP_SERVERS}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The mapper used for configuration, for services that read further YAML (e.g. customers.yaml) the same way. */
    public static ObjectMapper yamlMapper() {
        return MAPPER;
    }

    static List<String> leafPaths(Class<?> type, String prefix) {
        List<String> out = new ArrayList<>();
        if (!type.isRecord()) {
            return out;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            String name = prefix + kebab(c.getName());
            Class<?> t = c.getType();
            if (t == Optional.class) {
                Type g = c.getGenericType();
                if (g instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> inner) {
                    t = inner;
                }
            }
            if (t.isRecord()) {
                out.addAll(leafPaths(t, name + "."));
            } else if (!Map.class.isAssignableFrom(t)) {
                out.add(name);
            }
        }
        return out;
    }

    private static boolean isCollection(Class<?> type, String path) {
        String[] parts = path.split("\\.");
        Class<?> t = type;
        for (int i = 0; i < parts.length; i++) {
            RecordComponent found = null;
            for (RecordComponent c : t.getRecordComponents()) {
                if (kebab(c.getName()).equals(parts[i])) {
                    found = c;
                }
            }
            if (found == null) {
                return false;
            }
            Class<?> ct = found.getType();
            if (ct == Optional.class && found.getGenericType() instanceof ParameterizedType pt
                    && pt.getActualTypeArguments()[0] instanceof Class<?> inner) {
                ct = inner;
            }
            if (i == parts.length - 1) {
                return Collection.class.isAssignableFrom(ct);
            }
            t = ct;
        }
        return false;
    }

    private static void set(ObjectNode root, String path, String value, boolean list) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        if (list) {
            ArrayNode arr = node.putArray(leaf);
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    arr.add(item.trim());
                }
            }
        } else {
            node.put(leaf, value);
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String keyOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    /** Parses a duration in ISO-8601 or short form. */
    public static Duration parseDuration(String text) {
        String s = text.trim();
        Matcher m = SHORT_DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(s);
        } catch (RuntimeException e) {
            throw new ConfigException("(duration)", "'" + s + "' is not a duration", "write e.g. 30s, 15m, 2h, 7d or PT15M");
        }
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return parseDuration(p.getValueAsString());
        }
    }
}
