package io.vomorecon.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written {@link Render#timestamp} answers exactly as the formatters it replaced, in all three shapes. */
class RenderTimestampTest {

    /** The formatters as {@code Render} used them before, kept here as the reference. */
    private static final DateTimeFormatter[] REFERENCE = {
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'", Locale.ROOT),
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", Locale.ROOT),
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT),
    };

    private static final long Y1970 = 0;
    private static final long Y2101 = LocalDateTime.of(2101, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    static String reference(long epochSecond, int shape) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        return REFERENCE[shape == 1 || shape == 2 ? shape : 0].format(t);
    }

    private static void assertSameInEveryShape(long epochSecond) {
        for (int shape : new int[] {0, 1, 2, 3, -1}) {
            assertThat(Render.timestamp(epochSecond, shape)).as("%d in shape %d", epochSecond, shape)
                    .isEqualTo(reference(epochSecond, shape));
        }
    }

    @Test
    void randomInstantsFrom1970To2100AnswerAsTheFormatters() {
        SplittableRandom r = new SplittableRandom(20250602);
        for (int i = 0; i < 200_000; i++) {
            assertSameInEveryShape(r.nextLong(Y1970, Y2101));
        }
    }

    @Test
    void leapDaysYearEndsCenturiesAndTheEpochAnswerAsTheFormatters() {
        List<Long> edges = new ArrayList<>(List.of(0L, 1L, 59L, 60L, 3_599L, 3_600L, 86_399L, 86_400L));
        for (int year = 1970; year <= 2100; year++) {
            for (int[] md : new int[][] {{1, 1}, {2, 28}, {3, 1}, {12, 31}}) {
                long midnight = LocalDateTime.of(year, md[0], md[1], 0, 0).toEpochSecond(ZoneOffset.UTC);
                edges.add(midnight);
                edges.add(midnight + 86_399);
                if (midnight > 0) {
                    edges.add(midnight - 1);
                }
            }
            if (java.time.Year.isLeap(year)) {
                long feb29 = LocalDateTime.of(year, 2, 29, 0, 0).toEpochSecond(ZoneOffset.UTC);
                edges.add(feb29);
                edges.add(feb29 + 86_399);
            }
        }
        // 2000 is a leap year, 2100 is not; the last second before year 10000 and past it (formatter fallback)
        edges.add(LocalDateTime.of(2000, 2, 29, 12, 34, 56).toEpochSecond(ZoneOffset.UTC));
        edges.add(LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC));
        edges.add(LocalDateTime.of(10000, 1, 1, 0, 0, 0).toEpochSecond(ZoneOffset.UTC));
        edges.add(-1L);
        edges.add(LocalDateTime.of(1, 1, 1, 0, 0, 0).toEpochSecond(ZoneOffset.UTC));
        for (long t : edges) {
            assertSameInEveryShape(t);
        }
        assertThat(Render.timestamp(0, 0)).isEqualTo("1970-01-01T00:00:00+00:00");
        assertThat(Render.timestamp(951_827_696, 1)).isEqualTo("2000-02-29T12:34:56.000000Z");
        assertThat(Render.timestamp(4_107_542_399L, 2)).isEqualTo("2100-02-28 23:59:59");
    }

    @Test
    void randomInstantsUpToYear9999AnswerAsTheFormatters() {
        SplittableRandom r = new SplittableRandom(7);
        long y10000 = LocalDateTime.of(10000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        for (int i = 0; i < 50_000; i++) {
            assertSameInEveryShape(r.nextLong(0, y10000));
        }
    }
}
