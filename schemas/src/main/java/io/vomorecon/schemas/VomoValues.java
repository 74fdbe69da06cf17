package io.vomorecon.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Lenient readers for the value shapes VOMO is known to send (VOMO-API.md, "Data quirks"):
 * ids as numbers or strings, three timestamp shapes, decimals as strings, booleans as 0/1,
 * counters as strings. Every reader returns empty for null or missing input and throws
 * {@link IllegalArgumentException} only for a value that cannot mean what the field says.
 */
public final class VomoValues {

    private static final DateTimeFormatter SPACE_SEPARATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private VomoValues() {
    }

    /** An id as a string, whether it came as 8205 or "8205". */
    public static Optional<String> id(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (node.isInt() || node.isLong()) {
            return Optional.of(Long.toString(node.longValue()));
        }
        if (node.isIntegralNumber()) {
            return Optional.of(node.bigIntegerValue().toString());
        }
        if (node.isNumber()) {
            return Optional.of(node.decimalValue().stripTrailingZeros().toPlainString());
        }
        if (node.isTextual()) {
            String s = node.asText().trim();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        }
        throw new IllegalArgumentException("an id must be a number or a string, got " + node.getNodeType());
    }

    public static String requireId(JsonNode record, String field) {
        return id(record.get(field)).orElseThrow(() -> new IllegalArgumentException("record has no '" + field + "'"));
    }

    /** A timestamp in any of VOMO's three shapes; a zone-less one is UTC. */
    public static Optional<Instant> instant(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("a timestamp must be a string, got " + node.getNodeType());
        }
        return parseInstant(node.asText());
    }

    public static Optional<Instant> parseInstant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.trim();
        Instant fast = wholeSecondInstant(s);
        if (fast == null) {
            // yyyy-MM-ddTHH:mm:ss.fractionZ, the shape VOMO's list pages send (what Instant.parse reads, without it)
            fast = IsoInstant.parse(s);
        }
        if (fast != null) {
            return Optional.of(fast);
        }
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
            // DateTimeParseException quotes the text; a timestamp field may be personal (a birthday).
            throw new IllegalArgumentException("not a VOMO timestamp (unparseable at index " + e.getErrorIndex() + ")", e);
        }
    }

    /**
     * The shapes VOMO sends nearly always, read without a formatter (they cost a few
     * microseconds each, and every record carries several timestamps): {@code yyyy-MM-dd HH:mm:ss}
     * and {@code yyyy-MM-ddTHH:mm:ss} (UTC), the latter followed by {@code Z}, and either followed
     * by {@code ±hh:mm}; whole seconds, years 1000 to 9999. Null for anything else, including out
     * of range fields: the formatters then decide, with their error messages.
     */
    private static Instant wholeSecondInstant(String s) {
        int n = s.length();
        if (n != 19 && n != 20 && n != 25) {
            return null;
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != ' ') {
            return null;
        }
        long seconds = IsoInstant.dateTimeSeconds(s, 1000);
        if (seconds == IsoInstant.NONE) {
            return null;
        }
        int offset = 0;
        if (n == 20) {
            if (s.charAt(19) != 'Z' || sep != 'T') {
                return null;
            }
        } else if (n == 25) {
            char sign = s.charAt(19);
            int oh = IsoInstant.digits(s, 20, 2);
            int om = IsoInstant.digits(s, 23, 2);
            if ((sign != '+' && sign != '-') || s.charAt(22) != ':' || oh < 0 || om < 0 || om > 59 || oh * 60 + om > 18 * 60) {
                return null;
            }
            offset = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        }
        return Instant.ofEpochSecond(seconds - offset);
    }

    /** Whether a string looks like one of the timestamp shapes (used by canonicalisation). */
    public static boolean looksLikeTimestamp(String s) {
        int n = s.length();
        if (n < 19 || n > 35 || !allDigits(s, 0, 4) || s.charAt(4) != '-' || !allDigits(s, 5, 2) || s.charAt(7) != '-'
                || !allDigits(s, 8, 2) || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || !allDigits(s, 11, 2) || s.charAt(13) != ':'
                || !allDigits(s, 14, 2) || s.charAt(16) != ':' || !allDigits(s, 17, 2)) {
            return false;
        }
        int i = 19;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start || i - start > 9) {
                return false;
            }
        }
        if (i == n) {
            return true;
        }
        char zone = s.charAt(i);
        if (zone == 'Z') {
            return i + 1 == n;
        }
        if (zone != '+' && zone != '-') {
            return false;
        }
        // [+-]hh:mm or [+-]hhmm
        int rest = n - i - 1;
        if (rest == 5) {
            return allDigits(s, i + 1, 2) && s.charAt(i + 3) == ':' && allDigits(s, i + 4, 2);
        }
        return rest == 4 && allDigits(s, i + 1, 4);
    }

    /** Whether a string is a plain decimal such as "10.00". */
    public static boolean looksLikeDecimal(String s) {
        int n = s.length();
        if (n > 40) {
            return false;
        }
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == intStart || i == n || s.charAt(i) != '.') {
            return false;
        }
        int fracStart = ++i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        return i > fracStart && i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String s, int from, int len) {
        for (int i = from; i < from + len; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A calendar date ("1990-04-01" or a timestamp whose date part is taken). */
    public static Optional<LocalDate> date(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        String s = node.asText().trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date (unparseable at index " + e.getErrorIndex() + ")", e);
        }
    }

    /** A decimal that may arrive as a number or as a string ("10.00"). */
    public static Optional<BigDecimal> decimal(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        String s = node.asText().trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal number", e);
        }
    }

    /** A counter that may arrive as a number or a string. */
    public static Optional<Long> count(JsonNode node) {
        return decimal(node).map(BigDecimal::longValueExact);
    }

    /** A boolean that may arrive as true/false, 0/1 or "0"/"1"/"true"/"false". */
    public static Optional<Boolean> bool(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.booleanValue());
        }
        if (node.isNumber()) {
            return Optional.of(node.intValue() != 0);
        }
        String s = node.asText().trim().toLowerCase();
        return switch (s) {
            case "1", "true", "yes" -> Optional.of(true);
            case "0", "false", "no" -> Optional.of(false);
            case "" -> Optional.empty();
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    /** A free string (status fields and the like): any scalar as text, unknown values tolerated. */
    public static Optional<String> text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(node.isValueNode() ? node.asText() : node.toString());
    }

    /** Reads a dotted path such as {@code address.timezone}. */
    public static JsonNode path(JsonNode record, String dottedPath) {
        JsonNode node = record;
        for (String part : dottedPath.split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }
}
