package io.vomorecon.sink.config;

import java.time.Duration;

/**
 * Retries of a destination write that failed transiently (connection lost, deadlock,
 * serialization failure, timeout): exponential backoff from {@code initialBackoff}, times
 * {@code multiplier}, capped at {@code maxBackoff}, at most {@code maxAttempts} attempts in all.
 * The defaults ride out a destination outage of about a minute.
 */
public record RetryConfig(Integer maxAttempts, Duration initialBackoff, Double multiplier, Duration maxBackoff) {

    public RetryConfig {
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
        multiplier = multiplier == null ? 2.0 : multiplier;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
    }

    public static RetryConfig defaults() {
        return new RetryConfig(null, null, null, null);
    }
}
