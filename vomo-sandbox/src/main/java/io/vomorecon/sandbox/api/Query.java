package io.vomorecon.sandbox.api;

import io.vomorecon.schemas.VomoValues;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The query string of one request, in the order the client sent it (links keep that order), with
 * VOMO's filter parsing: timestamps in any of the three shapes or a bare date, booleans as
 * 1/0/true/false. A value that does not parse is a {@link Invalid} (answered 422).
 */
final class Query {

    private final Map<String, String> params;

    private Query(Map<String, String> params) {
        this.params = params;
    }

    static Query parse(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(k, v);
            }
        }
        return new Query(out);
    }

    Optional<String> get(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** 1-based page; anything else (missing, not a number, below 1) is page 1, as Laravel does. */
    int page() {
        try {
            return Math.max(1, Integer.parseInt(params.getOrDefault("page", "1").trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** An inclusive lower time bound in epoch seconds (rounded up to the next whole second). */
    OptionalLong after(String name) {
        return time(name, true);
    }

    /** An inclusive upper time bound in epoch seconds (rounded down). */
    OptionalLong before(String name) {
        return time(name, false);
    }

    private OptionalLong time(String name, boolean roundUp) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        String s = v.get().trim();
        try {
            if (s.length() == 10) {
                return OptionalLong.of(LocalDate.parse(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
            }
            var instant = VomoValues.parseInstant(s).orElseThrow();
            long sec = instant.getEpochSecond();
            if (roundUp && instant.getNano() > 0) {
                sec++;
            }
            return OptionalLong.of(sec);
        } catch (RuntimeException e) {
            throw new Invalid(name, "The " + name.replace('_', ' ') + " is not a valid date.");
        }
    }

    Optional<Boolean> bool(String name) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return switch (v.get().trim().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> Optional.of(true);
            case "0", "false" -> Optional.of(false);
            default -> throw new Invalid(name, "The " + name + " field must be true or false.");
        };
    }

    OptionalLong id(String name) {
        Optional<String> v = get(name);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            throw new Invalid(name, "The " + name.replace('_', ' ') + " must be an integer.");
        }
    }

    /** Case-insensitive "contains" matcher for the *_like filters. */
    Optional<String> like(String name) {
        return get(name).map(s -> s.toLowerCase(Locale.ROOT));
    }

    /** This query with {@code page} set, encoded, in the client's parameter order. */
    String withPage(int page) {
        StringBuilder sb = new StringBuilder();
        for (var e : params.entrySet()) {
            if (e.getKey().equals("page")) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : "&").append(enc(e.getKey())).append('=').append(enc(e.getValue()));
        }
        sb.append(sb.length() == 0 ? "" : "&").append("page=").append(page);
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A filter value that does not parse: answered 422 with Laravel's validation shape. */
    static final class Invalid extends RuntimeException {
        final String field;

        Invalid(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
