package io.vomorecon.schemas.topics;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * <p>Reports a field by its dotted path only, never by its value. What a record type's
 * components are (names, optionality, element types, accessors) is worked out once per type:
 * the serdes check every value of every topic, and re-reading generic signatures by reflection
 * per value was a large share of the reconciler's input cost.
 */
final class RequiredFields {

    /** One record component as the rule sees it. {@code nested} is the record type to descend into, or null. */
    private record Component(String name, boolean optional, boolean jsonNode, boolean list, Class<?> nested,
                             MethodHandle accessor) {
    }

    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] rc = type.getRecordComponents();
            Component[] out = new Component[rc.length];
            for (int i = 0; i < rc.length; i++) {
                RecordComponent c = rc[i];
                boolean optional = c.getType() == Optional.class;
                boolean list = List.class.isAssignableFrom(c.getType());
                Class<?> nested = null;
                if (optional || list) {
                    Class<?> inner = typeArgument(c.getGenericType());
                    nested = inner.isRecord() ? inner : null;
                } else if (c.getType().isRecord()) {
                    nested = c.getType();
                }
                out[i] = new Component(c.getName(), optional, JsonNode.class.isAssignableFrom(c.getType()), list, nested,
                        accessor(c));
            }
            return out;
        }
    };

    private RequiredFields() {
    }

    /** The path of the first required field that is absent or null in a JSON tree of the record type. */
    static Optional<String> firstMissing(Class<?> recordType, JsonNode tree) {
        return Optional.ofNullable(missingIn(recordType, tree, ""));
    }

    /** The path of the first required component that is null in a value about to be written. */
    static Optional<String> firstNull(Object value) {
        return Optional.ofNullable(nullIn(value, "", false));
    }

    /**
     * Whether a value bound straight from bytes (with required creator properties enforced by
     * Jackson) still holds what the tree check would reject: a JSON null bound as a
     * {@code NullNode} into a required {@code JsonNode} component, or a null element in a list of
     * records. Stricter than the tree check, never looser.
     */
    static boolean holdsNullAfterBinding(Object value) {
        return nullIn(value, "", true) != null;
    }

    private static String missingIn(Class<?> recordType, JsonNode tree, String prefix) {
        for (Component c : COMPONENTS.get(recordType)) {
            JsonNode child = tree.get(c.name());
            boolean absent = child == null || child.isNull();
            if (c.optional()) {
                if (!absent && c.nested() != null) {
                    String missing = missingIn(c.nested(), child, prefix + c.name() + ".");
                    if (missing != null) {
                        return missing;
                    }
                }
                continue;
            }
            if (absent) {
                return prefix + c.name();
            }
            String missing = null;
            if (c.nested() != null && !c.list() && child.isObject()) {
                missing = missingIn(c.nested(), child, prefix + c.name() + ".");
            } else if (c.list() && c.nested() != null && child.isArray()) {
                for (int i = 0; i < child.size() && missing == null; i++) {
                    missing = missingIn(c.nested(), child.get(i), prefix + c.name() + "[" + i + "].");
                }
            }
            if (missing != null) {
                return missing;
            }
        }
        return null;
    }

    /** With {@code strict}, a NullNode in a required JsonNode component and a null list element count as null too. */
    private static String nullIn(Object value, String prefix, boolean strict) {
        for (Component c : COMPONENTS.get(value.getClass())) {
            Object child = read(c, value);
            if (child == null || strict && !c.optional() && c.jsonNode() && ((JsonNode) child).isNull()) {
                return prefix + c.name();
            }
            String missing = null;
            if (child instanceof Optional<?> optional) {
                if (optional.isPresent() && optional.get().getClass().isRecord()) {
                    missing = nullIn(optional.get(), prefix + c.name() + ".", strict);
                }
            } else if (child instanceof Record) {
                missing = nullIn(child, prefix + c.name() + ".", strict);
            } else if (child instanceof List<?> list) {
                for (int i = 0; i < list.size() && missing == null; i++) {
                    Object element = list.get(i);
                    if (element == null && strict) {
                        missing = prefix + c.name() + "[" + i + "]";
                    } else if (element instanceof Record) {
                        missing = nullIn(element, prefix + c.name() + "[" + i + "].", strict);
                    }
                }
            }
            if (missing != null) {
                return missing;
            }
        }
        return null;
    }

    private static MethodHandle accessor(RecordComponent c) {
        try {
            return erased(MethodHandles.publicLookup().unreflect(c.getAccessor()));
        } catch (IllegalAccessException e) {
            // A record that is not public (tests declare some): reflection with access checks suppressed.
            try {
                c.getAccessor().setAccessible(true);
                return erased(MethodHandles.lookup().unreflect(c.getAccessor()));
            } catch (IllegalAccessException | RuntimeException inner) {
                throw new IllegalStateException("cannot read component " + c.getName() + " of "
                        + c.getDeclaringRecord().getSimpleName(), inner);
            }
        }
    }

    /** (Object) -> Object, so every read is an invokeExact without per-call type adaptation. */
    private static MethodHandle erased(MethodHandle h) {
        return h.asType(MethodType.methodType(Object.class, Object.class));
    }

    private static Object read(Component c, Object value) {
        try {
            return (Object) c.accessor().invokeExact(value);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read component " + c.name() + " of " + value.getClass().getSimpleName(), e);
        }
    }

    private static Class<?> typeArgument(Type generic) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
