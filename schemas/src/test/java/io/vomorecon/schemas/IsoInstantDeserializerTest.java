package io.vomorecon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract mapper reads instants through {@link IsoInstantDeserializer}; it must answer exactly
 * as Jackson's own instant reader (the mapper before it, kept here as the reference): the same
 * instant, or a refusal of the same kind, for what {@link Json} writes, near misses and garbage.
 */
class IsoInstantDeserializerTest {

    private static final ObjectMapper REFERENCE = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE).build();

    @Test
    void theContractMapperUsesTheFastReader() throws Exception {
        ObjectMapper m = Json.mapper();
        DeserializationContext ctx = ((DefaultDeserializationContext) m.getDeserializationContext())
                .createInstance(m.getDeserializationConfig(), null, null);
        assertThat(ctx.findRootValueDeserializer(ctx.constructType(Instant.class))).isInstanceOf(IsoInstantDeserializer.class);
    }

    @Test
    void whatTheMapperWritesIsReadBackExactlyAndByTheFastPath() throws Exception {
        for (Instant t : RandomInstants.of(42, 40_000)) {
            String json = Json.mapper().writeValueAsString(t);
            assertThat(Json.mapper().readValue(json, Instant.class)).isEqualTo(t);
            assertThat(IsoInstant.parse(json.substring(1, json.length() - 1))).isEqualTo(t);
        }
    }

    @Test
    void nearMissesAndGarbageAreAnsweredAsJacksonAnswersThem() {
        List<String> texts = new ArrayList<>(List.of(
                "\"2025-06-02T10:00:00Z\"", "\"2025-06-02T10:00:00.5Z\"", "\"2025-06-02T10:00:00.123456789Z\"",
                "\"2025-06-02T10:00:00.1234567890Z\"", "\"2025-06-02T10:00:00.Z\"", "\"2025-06-02T10:00Z\"",
                "\"2025-02-29T10:00:00Z\"", "\"2024-02-29T23:59:59Z\"", "\"2025-13-01T00:00:00Z\"", "\"2025-06-31T00:00:00Z\"",
                "\"2025-06-02T24:00:00Z\"", "\"2025-06-02T10:60:00Z\"", "\"2025-06-02T10:00:60Z\"", "\"2025-06-02 10:00:00Z\"",
                "\"2025-06-02T10:00:00+02:00\"", "\"2025-06-02T10:00:00\"", "\"+12025-06-02T10:00:00Z\"", "\"0000-01-01T00:00:00Z\"",
                "\"2025-06-02t10:00:00z\"", "\"2025-06-02T10:00:00.12a4Z\"", "\"2025-o6-02T10:00:00Z\"", "\"\"", "\"  \"",
                "1748858400", "1748858400.5", "null", "\"not a time\"", "\"2025-06-02T10:00:00,5Z\""));
        Random r = new Random(7);
        String alphabet = "0123456789-:TZ.+ ";
        for (int i = 0; i < 20_000; i++) {
            char[] c = "2025-06-02T10:00:00.123Z".toCharArray();
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) {
                c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
            }
            int cut = r.nextInt(5) == 0 ? r.nextInt(c.length) : c.length;
            texts.add("\"" + new String(c, 0, cut) + "\"");
        }
        for (String json : texts) {
            assertThat(read(Json.mapper(), json)).as(json).isEqualTo(read(REFERENCE, json));
        }
    }

    /** The instant read, or the kind of refusal. */
    private static String read(ObjectMapper m, String json) {
        try {
            Instant t = m.readValue(json, Instant.class);
            return String.valueOf(t);
        } catch (Exception e) {
            return "refused: " + e.getClass().getSimpleName();
        }
    }
}
