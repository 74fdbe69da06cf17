package io.vomorecon.sandbox;

/**
 * The per-token rate limit: a token bucket refilled at {@code permitsPerSecond} holding at most
 * {@code burst} permits, shared by every client of the token. {@code permitsPerSecond <= 0} is off.
 */
public record RateLimit(double permitsPerSecond, int burst) {

    public static RateLimit off() {
        return new RateLimit(0, 0);
    }

    public static RateLimit of(double permitsPerSecond, int burst) {
        return new RateLimit(permitsPerSecond, Math.max(1, burst));
    }

    public boolean enabled() {
        return permitsPerSecond > 0;
    }
}
