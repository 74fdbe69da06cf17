package io.vomorecon.schemas.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.VomoValues;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * How a mapped field's value is made comparable between VOMO and the destination. Each
 * normaliser turns a VOMO value (any of its lenient shapes) or a destination value (a string)
 * into one canonical string, so that comparison is string equality.
 */
public enum Normalizer {
    /** Trimmed text, inner white space folded. */
    TEXT {
        @Override
        public Optional<String> fromText(String s) {
            String t = foldWhiteSpace(s.trim());
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        }
    },
    /** Lower-case, trimmed (status values, slugs). */
    LOWER {
        @Override
        public Optional<String> fromText(String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        }
    },
    /** E-mail: trimmed and lower-cased (the natural join key between VOMO and a CRM). */
    EMAIL {
        @Override
        public Optional<String> fromText(String s) {
            return LOWER.fromText(s);
        }
    },
    /** Phone in E.164 (+15555555555); North American numbers without a country code get +1. */
    PHONE_E164 {
        @Override
        public Optional<String> fromText(String s) {
            String digits = asciiDigits(s);
            if (digits.isEmpty()) {
                return Optional.empty();
            }
            boolean international = s.trim().startsWith("+");
            if (!international && digits.length() == 10) {
                digits = "1" + digits;
            }
            return Optional.of("+" + digits);
        }
    },
    /** A timestamp of any VOMO shape, as a UTC instant (ISO-8601). */
    INSTANT {
        @Override
        public Optional<String> fromText(String s) {
            return VomoValues.parseInstant(s).map(Object::toString);
        }
    },
    /** A calendar date (yyyy-MM-dd). */
    DATE {
        @Override
        public Optional<String> fromText(String s) {
            String t = s.trim();
            return t.isEmpty() ? Optional.empty() : Optional.of(t.length() > 10 ? t.substring(0, 10) : t);
        }
    },
    /** A decimal without trailing zeros ("10.00" and 10 are both "10"). */
    DECIMAL {
        @Override
        public Optional<String> fromText(String s) {
            String t = s.trim();
            if (t.isEmpty()) {
                return Optional.empty();
            }
            BigDecimal d = new BigDecimal(t).stripTrailingZeros();
            return Optional.of(d.signum() == 0 ? "0" : d.toPlainString());
        }
    },
    /** true/false from booleans, 0/1 and their string forms. */
    BOOLEAN {
        @Override
        public Optional<String> fromText(String s) {
            return VomoValues.bool(com.fasterxml.jackson.databind.node.TextNode.valueOf(s)).map(String::valueOf);
        }
    },
    /** An id as a string. */
    ID {
        @Override
        public Optional<String> fromText(String s) {
            String t = s.trim();
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        }
    },
    /** A JSON sub-tree (form structure, field responses), as its canonical content hash. */
    JSON_HASH {
        @Override
        public Optional<String> fromVomo(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return Optional.empty();
            }
            return Optional.of(ContentHash.of(node));
        }

        @Override
        public Optional<String> fromText(String s) {
            String t = s.trim();
            return t.isEmpty() ? Optional.empty() : Optional.of(t);
        }
    };

    // The two helpers below replace String.replaceAll, which compiled a regex on every call: the
    // reconciler normalises every mapped field of every key it compares.

    /** {@code s.replaceAll("\\s+", " ")}: runs of regex white space (space, \t, \n, \x0B, \f, \r) become one space. */
    static String foldWhiteSpace(String s) {
        int n = s.length();
        int i = 0;
        // Most values need no change: find the first white space that is not a lone space.
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ' ? i + 1 < n && isRegexSpace(s.charAt(i + 1)) : isRegexSpace(c)) {
                break;
            }
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n).append(s, 0, i);
        while (i < n) {
            char c = s.charAt(i);
            if (isRegexSpace(c)) {
                sb.append(' ');
                while (i < n && isRegexSpace(s.charAt(i))) {
                    i++;
                }
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** {@code s.replaceAll("[^0-9]", "")}. */
    static String asciiDigits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Normalises a value as read from the destination (already a string there). */
    public abstract Optional<String> fromText(String s);

    /** Normalises a value as VOMO sent it. */
    public Optional<String> fromVomo(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (this == BOOLEAN) {
            return VomoValues.bool(node).map(String::valueOf);
        }
        if (this == ID) {
            return VomoValues.id(node);
        }
        if (this == DECIMAL && node.isNumber()) {
            return fromText(node.decimalValue().toPlainString());
        }
        return fromText(node.isValueNode() ? node.asText() : node.toString());
    }
}
