package io.vomorecon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VomoValues#parseInstant} reads the common whole-second shapes without a formatter. It must
 * answer exactly as the formatters alone do (the reading before the fast path, kept here as the
 * reference): the same instant, or the same error, for well-formed, near-miss and garbage text.
 */
class InstantFastPathTest {

    private static final DateTimeFormatter SPACE_SEPARATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The formatter-only reading. */
    private static Optional<Instant> reference(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.trim();
        try {
            if (s.length() == 19 && s.charAt(10) == ' ') {
                return Optional.of(LocalDateTime.parse(s, SPACE_SEPARATED).toInstant(ZoneOffset.UTC));
            }
            if (s.endsWith("Z")) {
                return Optional.of(Instant.parse(s));
            }
            if (s.length() > 19 && (s.charAt(s.length() - 6) == '+' || s.charAt(s.length() - 6) == '-')) {
                return Optional.of(OffsetDateTime.parse(s.replace(' ', 'T')).toInstant());
            }
            if (s.length() >= 19 && s.charAt(10) == 'T') {
                return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
            }
            throw new IllegalArgumentException("not a VOMO timestamp: shape of length " + s.length());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a VOMO timestamp (unparseable at index " + e.getErrorIndex() + ")", e);
        }
    }

    private static String outcome(java.util.function.Supplier<Optional<Instant>> f) {
        try {
            return f.get().map(Instant::toString).orElse("empty");
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage();
        }
    }

    @Test
    void theFastPathAnswersAsTheFormattersDoOnWellFormedNearMissAndGarbageText() {
        Random random = new Random(20261127);
        List<String> inputs = new ArrayList<>(List.of("2025-06-02 10:00:00", "2025-06-02T10:00:00", "2025-06-02T10:00:00Z",
                "2025-06-02 10:00:00Z", "2025-06-02T10:00:00+02:00", "2025-06-02 10:00:00-05:30", "2024-02-29T23:59:59Z",
                "2023-02-29T10:00:00Z", "2025-13-01T00:00:00Z", "2025-06-31 10:00:00", "2025-06-02T24:00:00Z",
                "2025-06-02T23:59:60Z", "2025-06-02T10:00:00+18:00", "2025-06-02T10:00:00+18:01", "2025-06-02T10:00:00-00:00",
                "0999-06-02T10:00:00Z", "2025-06-02T10:00:00.5Z", "2025-06-02T10:00:00.123456+01:00", "  2025-06-02T10:00:00Z  ",
                "2025-06-02", "", " ", "yesterday", "2025-06-02T10:00:00+0200", "2025-06-02T10:00:00 +02:00", "2025-0６-02T10:00:00Z"));
        String digits = "0123456789";
        for (int i = 0; i < 40_000; i++) {
            int year = 995 + random.nextInt(9010);
            int month = random.nextInt(14);
            int day = random.nextInt(33);
            int hour = random.nextInt(26);
            int minute = random.nextInt(61);
            int second = random.nextInt(62);
            char sep = random.nextBoolean() ? 'T' : ' ';
            String base = String.format("%04d-%02d-%02d%c%02d:%02d:%02d", year, month, day, sep, hour, minute, second);
            String suffix = switch (random.nextInt(5)) {
                case 0 -> "";
                case 1 -> "Z";
                case 2 -> String.format("%c%02d:%02d", random.nextBoolean() ? '+' : '-', random.nextInt(20), random.nextInt(62));
                case 3 -> "." + random.nextInt(1000) + (random.nextBoolean() ? "Z" : "");
                default -> "";
            };
            String s = base + suffix;
            if (random.nextInt(10) == 0) {
                // a near miss: one character replaced
                int at = random.nextInt(s.length());
                char c = random.nextBoolean() ? digits.charAt(random.nextInt(10)) : "-:T Z+x".charAt(random.nextInt(7));
                s = s.substring(0, at) + c + s.substring(at + 1);
            }
            inputs.add(s);
        }
        int fast = 0;
        for (String s : inputs) {
            String expected = outcome(() -> reference(s));
            assertThat(outcome(() -> VomoValues.parseInstant(s))).as("parseInstant(\"%s\")", s).isEqualTo(expected);
            if (!expected.startsWith("error")) {
                fast++;
            }
        }
        // the generator must exercise both answers, or the comparison proves little
        assertThat(fast).isGreaterThan(10_000);
        assertThat(inputs.size() - fast).isGreaterThan(5_000);
    }
}
