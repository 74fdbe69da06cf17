package io.vomorecon.schemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one key of every record on the three source topics and on the finding topics:
 * {@code customer/resource/id-path}, each component percent-escaped so that any id (even one
 * containing '/') round-trips, and so that {@link #prefix} of a customer, resource or id-path
 * is a true byte prefix of every key below it (RocksDB prefix scans rely on that).
 *
 * <p>Only '%' and '/' are escaped, which keeps ordinary keys readable ({@code acme/users/8205}).
 */
public record RecordKey(String customer, String resource, List<String> idPath) {

    public RecordKey {
        requireComponent(customer, "customer");
        requireComponent(resource, "resource");
        Objects.requireNonNull(idPath, "idPath");
        if (idPath.isEmpty()) {
            throw new IllegalArgumentException("a record key needs at least one id component");
        }
        idPath.forEach(c -> requireComponent(c, "id component"));
        idPath = List.copyOf(idPath);
    }

    public static RecordKey of(String customer, Resource resource, String... ids) {
        return new RecordKey(customer, resource.path(), List.of(ids));
    }

    public static RecordKey of(String customer, String resource, String... ids) {
        return new RecordKey(customer, resource, List.of(ids));
    }

    /** The encoded key, e.g. {@code acme/participations/77120/8205}. */
    public String encode() {
        StringBuilder sb = new StringBuilder(32);
        sb.append(escape(customer)).append('/').append(escape(resource));
        for (String id : idPath) {
            sb.append('/').append(escape(id));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return encode();
    }

    /** The last id component: the record's own id (user id of a participation, date id of a project date). */
    public String id() {
        return idPath.get(idPath.size() - 1);
    }

    /** The scope prefix this key belongs to when its resource is scoped by a parent (all components but the last). */
    public String parentPrefix() {
        return prefix(customer, resource, idPath.subList(0, idPath.size() - 1).toArray(String[]::new));
    }

    /** Parses an encoded key; throws {@link IllegalArgumentException} with the reason when it is not one. */
    public static RecordKey parse(String encoded) {
        Objects.requireNonNull(encoded, "key");
        String[] parts = encoded.split("/", -1);
        if (parts.length < 3) {
            throw new IllegalArgumentException("a record key has the form customer/resource/id[/id...], got "
                    + parts.length + " component(s)");
        }
        List<String> ids = new ArrayList<>(parts.length - 2);
        for (int i = 2; i < parts.length; i++) {
            ids.add(unescape(parts[i]));
        }
        return new RecordKey(unescape(parts[0]), unescape(parts[1]), ids);
    }

    /** Whether the string parses as a record key. */
    public static boolean isValid(String encoded) {
        try {
            parse(encoded);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The prefix of every key of a customer, of a customer's resource, or below an id path; always
     * ends with '/', so {@code acme/users/} never matches {@code acme/users-archive/...}.
     */
    public static String prefix(String customer, String resource, String... idPath) {
        StringBuilder sb = new StringBuilder(escape(customer)).append('/');
        if (resource == null) {
            return sb.toString();
        }
        sb.append(escape(resource)).append('/');
        for (String id : idPath) {
            sb.append(escape(id)).append('/');
        }
        return sb.toString();
    }

    public static String prefix(String customer, Resource resource, String... idPath) {
        return prefix(customer, resource.path(), idPath);
    }

    public static String customerPrefix(String customer) {
        return prefix(customer, (String) null);
    }

    static String escape(String component) {
        if (component.indexOf('%') < 0 && component.indexOf('/') < 0) {
            return component;
        }
        StringBuilder sb = new StringBuilder(component.length() + 6);
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            switch (c) {
                case '%' -> sb.append("%25");
                case '/' -> sb.append("%2F");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String unescape(String component) {
        if (component.indexOf('%') < 0) {
            return component;
        }
        StringBuilder sb = new StringBuilder(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%') {
                if (i + 2 >= component.length()) {
                    throw new IllegalArgumentException("truncated escape in key component");
                }
                String code = component.substring(i + 1, i + 3).toUpperCase();
                switch (code) {
                    case "25" -> sb.append('%');
                    case "2F" -> sb.append('/');
                    default -> throw new IllegalArgumentException("unknown escape %" + code + " in key component");
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void requireComponent(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
