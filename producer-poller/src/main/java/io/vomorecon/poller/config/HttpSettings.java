package io.vomorecon.poller.config;

import io.vomorecon.platform.config.ConfigException;
import java.time.Duration;

/**
 * How the VOMO client talks HTTP: timeouts, retries for 5xx and I/O errors, the cap on waiting out
 * 429s, and {@code concurrency}: how many requests one run (or one batch of verifications) may have
 * in flight at once. Every request still goes through the customer's throttle, so concurrency
 * hides round-trip latency without raising the request rate above the customer's share.
 */
public record HttpSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRateLimitedWait,
        Integer concurrency) {

    public HttpSettings {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        maxRateLimitedWait = maxRateLimitedWait == null ? Duration.ofMinutes(10) : maxRateLimitedWait;
        concurrency = concurrency == null ? 4 : concurrency;
    }

    public static HttpSettings defaults() {
        return new HttpSettings(null, null, null, null, null, null, null);
    }

    void validate() {
        ConfigException.check(maxAttempts >= 1 && maxAttempts <= 20, "http.max-attempts", "must be 1..20",
                "give how many times a request is tried in all before the run aborts");
        ConfigException.check(!requestTimeout.isNegative() && !requestTimeout.isZero(), "http.request-timeout",
                "must be positive", "write e.g. 30s");
        ConfigException.check(!initialBackoff.isNegative() && !initialBackoff.isZero(), "http.initial-backoff",
                "must be positive", "write e.g. 500ms");
        ConfigException.check(maxBackoff.compareTo(initialBackoff) >= 0, "http.max-backoff",
                "is shorter than http.initial-backoff", "make it at least as long");
        ConfigException.check(concurrency >= 1 && concurrency <= 64, "http.concurrency", "must be 1..64",
                "give how many requests one run may have in flight at once (e.g. 4; 1 reads one request after another)");
    }
}
