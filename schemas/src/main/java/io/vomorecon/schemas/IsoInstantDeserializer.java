package io.vomorecon.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads the instants of topic values. Every value carries several, all written by {@link Json}
 * as {@link Instant#toString()} ({@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}); that shape is read
 * here without a formatter (the formatter path allocated maps per timestamp and was a visible
 * share of every consumer's decoding). Anything else, including a field out of range, goes to
 * Jackson's own {@link InstantDeserializer}, so what is accepted or refused, and how, is unchanged.
 */
final class IsoInstantDeserializer extends JsonDeserializer<Instant> {

    private final JsonDeserializer<Instant> fallback = InstantDeserializer.INSTANT;

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            Instant fast = IsoInstant.parse(p.getText());
            if (fast != null) {
                return fast;
            }
        }
        return fallback.deserialize(p, ctxt);
    }
}
