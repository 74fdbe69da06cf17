package io.vomorecon.schemas;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}'s shape ({@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, years 0000 to 9999)
 * read and written without a {@code DateTimeFormatter}: every topic value and every content hash
 * carries several timestamps, and the formatters allocate per call. Answers exactly as
 * {@link Instant#parse} and {@link Instant#toString()} do for that shape; callers fall back to
 * them for anything else ({@code HandWrittenShapesTest} compares both). {@link #dateTime} is the
 * one writer of the date and time of day, shared with the sandbox's renderer of VOMO's shapes.
 */
public final class IsoInstant {

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
        int nanos = t.getNano();
        String tail;
        if (nanos == 0) {
            tail = "Z";
        } else if (nanos % 1_000_000 == 0) {
            tail = fraction(nanos / 1_000_000, 3);
        } else if (nanos % 1000 == 0) {
            tail = fraction(nanos / 1000, 6);
        } else {
            tail = fraction(nanos, 9);
        }
        String text = dateTime(t.getEpochSecond(), 'T', tail);
        return text != null ? text : t.toString();
    }

    /**
     * {@code yyyy-MM-dd} + {@code separator} + {@code HH:mm:ss} + {@code tail} of UTC epoch seconds,
     * for years 0000 to 9999 (proleptic, as {@link Instant#toString()}); null outside them.
     */
    public static String dateTime(long epochSecond, char separator, String tail) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400));
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return null;
        }
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        char[] out = new char[19 + tail.length()];
        two(out, 0, year / 100);
        two(out, 2, year % 100);
        out[4] = '-';
        two(out, 5, date.getMonthValue());
        out[7] = '-';
        two(out, 8, date.getDayOfMonth());
        out[10] = separator;
        two(out, 11, secondOfDay / 3_600);
        out[13] = ':';
        two(out, 14, secondOfDay / 60 % 60);
        out[16] = ':';
        two(out, 17, secondOfDay % 60);
        tail.getChars(0, tail.length(), out, 19);
        return new String(out);
    }

    private static void two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }

    /** {@code .} and {@code value} zero-padded to {@code width} digits, then {@code Z}. */
    private static String fraction(int value, int width) {
        String v = Integer.toString(value);
        StringBuilder out = new StringBuilder(width + 2).append('.');
        for (int i = v.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(v).append('Z').toString();
    }
}
