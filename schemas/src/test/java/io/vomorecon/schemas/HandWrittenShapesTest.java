package io.vomorecon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written readers and writers that replaced regexes and formatters on the hashing path
 * answer exactly as what they replaced (kept here as the reference): the shape checks as the
 * regexes, {@link IsoInstant#format} as {@link Instant#toString()}, {@link IsoInstant#parse} as
 * {@link Instant#parse}, ids of integral numbers as {@link BigInteger#toString()}.
 */
class HandWrittenShapesTest {

    private static final Pattern TIMESTAMP_SHAPE =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:?\\d{2})?$");
    private static final Pattern DECIMAL_SHAPE = Pattern.compile("^-?\\d+\\.\\d+$");

    private static List<String> candidates() {
        List<String> out = new ArrayList<>(List.of("", "1", "1.", ".1", "-1.5", "--1.5", "1.5.5", "10.00", "-0.0", "1e5", "1.5\n",
                "2025-06-02T10:00:00Z", "2025-06-02 10:00:00", "2025-06-02T10:00:00.123456Z", "2025-06-02T10:00:00+02:00",
                "2025-06-02T10:00:00+0200", "2025-06-02T10:00:00-02", "2025-06-02T10:00:00.Z", "2025-06-02T10:00:00.1234567890Z",
                "2025-06-02T10:00:00Z\n", "2025-06-02X10:00:00", "٢٠٢٥-06-02T10:00:00Z", "555-555-5555", "12.34 ", " 12.34"));
        Random r = new Random(3);
        String[] seeds = {"2025-06-02T10:00:00.123456Z", "2025-06-02 10:00:00+02:00", "-123.4500", "2025-06-02T10:00:00Z"};
        String alphabet = "0123456789-:T .Z+e\n";
        for (int i = 0; i < 60_000; i++) {
            char[] c = seeds[i % seeds.length].toCharArray();
            for (int e = r.nextInt(3); e >= 0; e--) {
                c[r.nextInt(c.length)] = alphabet.charAt(r.nextInt(alphabet.length()));
            }
            out.add(new String(c, 0, r.nextInt(4) == 0 ? r.nextInt(c.length + 1) : c.length));
        }
        return out;
    }

    @Test
    void theShapeChecksAnswerAsTheRegexes() {
        for (String s : candidates()) {
            assertThat(VomoValues.looksLikeTimestamp(s)).as("timestamp? %s", s)
                    .isEqualTo(s.length() >= 19 && s.length() <= 35 && TIMESTAMP_SHAPE.matcher(s).matches());
            assertThat(VomoValues.looksLikeDecimal(s)).as("decimal? %s", s)
                    .isEqualTo(s.length() <= 40 && DECIMAL_SHAPE.matcher(s).matches());
        }
    }

    @Test
    void instantsAreWrittenAndReadAsInstantDoes() {
        for (Instant t : RandomInstants.of(5, 100_000)) {
            String text = t.toString();
            assertThat(IsoInstant.format(t)).isEqualTo(text);
            assertThat(IsoInstant.parse(text)).isEqualTo(t);
        }
        Instant far = Instant.parse("+12025-06-02T10:00:00Z");
        assertThat(IsoInstant.format(far)).isEqualTo(far.toString());
    }

    @Test
    void integralIdsAreWrittenAsBigIntegerWritesThem() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Random r = new Random(9);
        for (int i = 0; i < 10_000; i++) {
            long v = i % 3 == 0 ? r.nextInt() : r.nextLong();
            assertThat(VomoValues.id(f.numberNode(v))).contains(BigInteger.valueOf(v).toString());
        }
        assertThat(VomoValues.id(f.numberNode(Integer.MIN_VALUE))).contains("-2147483648");
        assertThat(VomoValues.id(f.numberNode(new BigInteger("123456789012345678901234567890")))).contains("123456789012345678901234567890");
    }
}
