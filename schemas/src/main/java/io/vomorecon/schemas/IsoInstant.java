package io.vomorecon.schemas;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}'s shape ({@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, years 0000 to 9999)
 * read and written without a {@code DateTimeFormatter}: every topic value and every content hash
 * carries several timestamps, and the formatters allocate per call. Answers exactly as
 * {@link Instant#parse} and {@link Instant#toString()} do for that shape; callers fall back to
 * them for anything else ({@code IsoInstantTest} compares both).
 */
final class IsoInstant {

    private IsoInstant() {
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.d{1,9}]Z} with fields in range and a year of four digits, or null. */
    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(10) != 'T') {
            return null;
        }
        long seconds = dateTimeSeconds(s, 0);
        if (seconds == NONE) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int f = digits(s, 20, fraction);
            if (f < 0) {
                return null;
            }
            nanos = f;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        } else if (s.charAt(19) != 'Z') {
            return null;
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** What {@link #dateTimeSeconds} answers for text that is not a date and time in range. */
    static final long NONE = Long.MIN_VALUE;

    /**
     * The UTC epoch seconds of {@code yyyy-MM-dd?HH:mm:ss} at the start of {@code s} (at least 19
     * characters; the separator at index 10 is the caller's to check), with every field in range and
     * the year at least {@code minYear}; {@link #NONE} otherwise.
     */
    static long dateTimeSeconds(String s, int minYear) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return NONE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < minYear || year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
            return NONE;
        }
        return LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second;
    }

    /** The value of {@code len} ASCII digits at {@code from}, or -1 if any is not one. */
    static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The same text as {@link Instant#toString()}. */
    static String format(Instant t) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return t.toString();
        }
        StringBuilder out = new StringBuilder(30);
        pad(out, year, 4).append('-');
        pad(out, date.getMonthValue(), 2).append('-');
        pad(out, date.getDayOfMonth(), 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(out, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                pad(out, nanos / 1000, 6);
            } else {
                pad(out, nanos, 9);
            }
        }
        return out.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String v = Integer.toString(value);
        for (int i = v.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(v);
    }
}
