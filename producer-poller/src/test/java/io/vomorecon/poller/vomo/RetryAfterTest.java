package io.vomorecon.poller.vomo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void readsSecondsAndHttpDates() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(RetryAfter.parse(Optional.of("7"), now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(Optional.of("Wed, 01 Jan 2025 00:00:30 GMT"), now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(Optional.of("Tue, 31 Dec 2024 23:00:00 GMT"), now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse(Optional.of("-3"), now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse(Optional.of("soon"), now)).isEmpty();
        assertThat(RetryAfter.parse(Optional.empty(), now)).isEmpty();
    }
}
