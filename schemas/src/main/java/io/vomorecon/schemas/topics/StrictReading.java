package io.vomorecon.schemas.topics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.vomorecon.schemas.Json;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * The strict mapper behind {@link JsonSerde}'s one-pass decoding: {@link Json#mapper()} plus the
 * {@link RequiredFields} rule enforced while binding (a record's non-{@link Optional} creator
 * parameters are required and may not be null, primitives included) and no coercion of text,
 * decimals or booleans into integers (the full check wants {@code schemaVersion} to be an
 * integral number). It must only ever be stricter than the full check: whatever it refuses is
 * decoded again by the full check, so it never words a reason and never writes.
 */
final class StrictReading {

    private static final ObjectMapper STRICT = strict();

    private static final ClassValue<MethodHandle> SCHEMA_VERSION = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                return MethodHandles.publicLookup()
                        .findVirtual(type, "schemaVersion", MethodType.methodType(int.class))
                        .asType(MethodType.methodType(int.class, Object.class));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                return null;
            }
        }
    };

    private StrictReading() {
    }

    static ObjectMapper mapper() {
        return STRICT;
    }

    /** The value's {@code schemaVersion}, or 0 (unsupported) if its type has none. */
    static int schemaVersion(Object value) {
        MethodHandle h = SCHEMA_VERSION.get(value.getClass());
        if (h == null) {
            return 0;
        }
        try {
            return (int) h.invokeExact(value);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read schemaVersion of " + value.getClass().getSimpleName(), e);
        }
    }

    private static ObjectMapper strict() {
        ObjectMapper m = Json.mapper().copy();
        m.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public Boolean hasRequiredMarker(AnnotatedMember member) {
                if (member instanceof AnnotatedParameter p && p.getOwner().getDeclaringClass().isRecord()) {
                    return p.getRawType() != Optional.class;
                }
                return super.hasRequiredMarker(member);
            }
        });
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
        m.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail);
        return m;
    }
}
