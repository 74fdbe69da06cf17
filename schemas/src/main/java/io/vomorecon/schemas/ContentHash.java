package io.vomorecon.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical content hash of a VOMO record: part of the topic contract. Partner ledgers and
 * the poller must compute it identically, because comparing it is how a change that did not
 * bump {@code updated_at} becomes visible.
 *
 * <p>Canonical form: object keys sorted; volatile and embedded-collection fields dropped
 * ({@link #VOLATILE_FIELDS}); {@code id} and {@code *_id} values as strings; every timestamp
 * shape as a UTC instant; numbers and decimal strings as plain decimals without trailing zeros;
 * known boolean fields as true/false whatever shape (0/1) they arrived in. The hash is the first
 * 128 bits of SHA-256 over that form, in hex. The same record served with or without VOMO's
 * quirks therefore hashes the same.
 */
public final class ContentHash {

    /** Fields that change without the record changing, or that embed other resources. */
    public static final Set<String> VOLATILE_FIELDS = Set.of(
            "updated_at", "participations", "participants", "all_dates", "next_date",
            "profile_field_values", "links", "meta", "members");

    /** Fields VOMO sends as booleans or as 0/1. */
    public static final Set<String> BOOLEAN_FIELDS = Set.of(
            "verified", "anytime", "draft", "has_subgroups", "published", "active");

    private ContentHash() {
    }

    public static String of(JsonNode record) {
        StringBuilder canonical = new StringBuilder(256);
        write(canonical, null, record);
        return sha256Prefix(canonical.toString());
    }

    /** The canonical text the hash is computed over (exposed for tests and debugging tools). */
    public static String canonicalForm(JsonNode record) {
        StringBuilder canonical = new StringBuilder(256);
        write(canonical, null, record);
        return canonical.toString();
    }

    private static void write(StringBuilder out, String fieldName, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!VOLATILE_FIELDS.contains(name)) {
                    names.add(name);
                }
            }
            Collections.sort(names);
            out.append('{');
            boolean first = true;
            for (String name : names) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(out, name);
                out.append(':');
                write(out, name, node.get(name));
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, fieldName, node.get(i));
            }
            out.append(']');
        } else if (fieldName != null && isIdField(fieldName)) {
            quote(out, VomoValues.id(node).orElse(""));
        } else if (fieldName != null && BOOLEAN_FIELDS.contains(fieldName)) {
            Boolean b;
            try {
                b = VomoValues.bool(node).orElse(null);
            } catch (IllegalArgumentException e) {
                b = null;
            }
            if (b == null) {
                quote(out, node.asText());
            } else {
                out.append(b);
            }
        } else if (node.isNumber()) {
            quote(out, plain(node.decimalValue()));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else {
            String text = node.asText();
            if (VomoValues.looksLikeTimestamp(text)) {
                try {
                    text = VomoValues.parseInstant(text).map(IsoInstant::format).orElse(text);
                } catch (IllegalArgumentException e) {
                    // not a timestamp after all: keep the text as it is
                }
            } else if (VomoValues.looksLikeDecimal(text)) {
                text = plain(new BigDecimal(text));
            }
            quote(out, text);
        }
    }

    static boolean isIdField(String name) {
        return name.equals("id") || name.endsWith("_id");
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.signum() == 0 ? "0" : s.toPlainString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** One digest per thread: looking the algorithm up per hash was a visible share of hashing. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

    static String sha256Prefix(String text) {
        // digest() resets the instance, so the next hash on this thread starts clean
        byte[] digest = SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest, 0, 16);
    }

    /** A short stable id from parts (finding ids, action ids): the same hash over the parts joined by NUL. */
    public static String stableId(String... parts) {
        return sha256Prefix(String.join("\u0000", parts));
    }

    /** Convenience for maps of already-normalised mapped fields (used by partner and external state). */
    public static String ofFields(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            quote(sb, e.getKey());
            sb.append(':');
            quote(sb, e.getValue() == null ? "" : e.getValue());
            sb.append(',');
        });
        return sha256Prefix(sb.toString());
    }
}
