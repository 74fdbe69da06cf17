package io.vomorecon.poller.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often one kind of run happens for one customer and resource: a whole number of days
 * ({@code daily}, {@code weekly}, {@code monthly} = 28 days, or {@code Nd}), or {@code off}.
 * Whole days keep every customer's start minute the same on every day, which is what makes the
 * staggering collision-free; a cadence shorter than a day is refused rather than silently rounded.
 */
public record Cadence(int days) {

    public static final Cadence OFF = new Cadence(0);
    public static final Cadence DAILY = new Cadence(1);
    public static final Cadence WEEKLY = new Cadence(7);
    /** Four weeks, so a monthly run keeps its weekday. */
    public static final Cadence MONTHLY = new Cadence(28);

    private static final Pattern DAYS = Pattern.compile("^(\\d{1,3})\\s*d$");

    public Cadence {
        if (days < 0) {
            throw new IllegalArgumentException("a cadence cannot be negative");
        }
    }

    /** Parses {@code daily}, {@code weekly}, {@code monthly}, {@code off} or {@code <n>d}; empty when it is none of them. */
    public static Optional<Cadence> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            // YAML 1.1 reads an unquoted off (or no) as the boolean false.
            case "off", "never", "none", "false", "no":
                return Optional.of(OFF);
            case "daily":
                return Optional.of(DAILY);
            case "weekly":
                return Optional.of(WEEKLY);
            case "monthly":
                return Optional.of(MONTHLY);
            default:
                Matcher m = DAYS.matcher(s);
                if (m.matches() && Integer.parseInt(m.group(1)) > 0) {
                    return Optional.of(new Cadence(Integer.parseInt(m.group(1))));
                }
                return Optional.empty();
        }
    }

    public boolean isOff() {
        return days == 0;
    }

    public Duration period() {
        return Duration.ofDays(days);
    }

    @Override
    public String toString() {
        return switch (days) {
            case 0 -> "off";
            case 1 -> "daily";
            case 7 -> "weekly";
            case 28 -> "monthly";
            default -> days + "d";
        };
    }
}
