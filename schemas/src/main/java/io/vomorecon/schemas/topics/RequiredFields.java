package io.vomorecon.schemas.topics;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;

/**
 * The one rule for which fields a topic value must carry: every record component that is not an
 * {@link Optional}, at any depth (nested records, lists of records, present optional records).
 * The JSON Schemas say the same in their {@code required} lists. Jackson alone would bind a
 * missing field to null (or 0 / false for primitives), so a value without its key or its count
 * would slip through and fail far away; the serde checks this rule on both sides instead.
 *
 * <p>Reports a field by its dotted path only, never by its value.
 */
final class RequiredFields {

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private RequiredFields() {
    }

    /** The path of the first required field that is absent or null in a JSON tree of the record type. */
    static Optional<String> firstMissing(Class<?> recordType, JsonNode tree) {
        return missingIn(recordType, tree, "");
    }

    /** The path of the first required component that is null in a value about to be written. */
    static Optional<String> firstNull(Object value) {
        return nullIn(value, "");
    }

    private static Optional<String> missingIn(Class<?> recordType, JsonNode tree, String prefix) {
        for (RecordComponent c : COMPONENTS.get(recordType)) {
            String path = prefix + c.getName();
            JsonNode child = tree.get(c.getName());
            boolean absent = child == null || child.isNull();
            if (c.getType() == Optional.class) {
                Class<?> inner = typeArgument(c.getGenericType());
                if (!absent && inner.isRecord()) {
                    Optional<String> missing = missingIn(inner, child, path + ".");
                    if (missing.isPresent()) {
                        return missing;
                    }
                }
                continue;
            }
            if (absent) {
                return Optional.of(path);
            }
            Optional<String> missing = Optional.empty();
            if (c.getType().isRecord() && child.isObject()) {
                missing = missingIn(c.getType(), child, path + ".");
            } else if (List.class.isAssignableFrom(c.getType()) && child.isArray()
                    && typeArgument(c.getGenericType()).isRecord()) {
                Class<?> element = typeArgument(c.getGenericType());
                for (int i = 0; i < child.size() && missing.isEmpty(); i++) {
                    missing = missingIn(element, child.get(i), path + "[" + i + "].");
                }
            }
            if (missing.isPresent()) {
                return missing;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nullIn(Object value, String prefix) {
        for (RecordComponent c : COMPONENTS.get(value.getClass())) {
            String path = prefix + c.getName();
            Object child = read(c, value);
            if (child == null) {
                return Optional.of(path);
            }
            Optional<String> missing = Optional.empty();
            if (child instanceof Optional<?> optional) {
                if (optional.isPresent() && optional.get().getClass().isRecord()) {
                    missing = nullIn(optional.get(), path + ".");
                }
            } else if (child.getClass().isRecord()) {
                missing = nullIn(child, path + ".");
            } else if (child instanceof List<?> list) {
                for (int i = 0; i < list.size() && missing.isEmpty(); i++) {
                    Object element = list.get(i);
                    if (element != null && element.getClass().isRecord()) {
                        missing = nullIn(element, path + "[" + i + "].");
                    }
                }
            }
            if (missing.isPresent()) {
                return missing;
            }
        }
        return Optional.empty();
    }

    private static Object read(RecordComponent c, Object value) {
        try {
            return c.getAccessor().invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read component " + c.getName() + " of " + value.getClass().getSimpleName(), e);
        }
    }

    private static Class<?> typeArgument(Type generic) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
