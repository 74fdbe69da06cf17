package io.vomorecon.poller.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunBufferTest {

    private static Optional<Instant> at(String t) {
        return Optional.of(Instant.parse(t));
    }

    @Test
    void aRepeatedKeyIsKeptOnceWithTheNewestVersion() {
        RunBuffer<String> b = new RunBuffer<>();
        assertThat(b.add("acme/users/1", "v1", at("2025-01-01T00:00:00Z"))).isTrue();
        assertThat(b.add("acme/users/2", "a", at("2025-01-01T00:00:00Z"))).isTrue();
        assertThat(b.add("acme/users/1", "v2", at("2025-01-02T00:00:00Z"))).isFalse();
        assertThat(b.add("acme/users/1", "v0", at("2024-12-31T00:00:00Z"))).isFalse();
        assertThat(b.size()).isEqualTo(2);
        assertThat(b.duplicates()).isEqualTo(2);
        assertThat(b.records()).extracting(RunBuffer.Keyed::key).containsExactly("acme/users/1", "acme/users/2");
        assertThat(b.records().get(0).value()).isEqualTo("v2");
    }

    @Test
    void onATieOrWithoutVersionsTheLaterReadWins() {
        RunBuffer<String> b = new RunBuffer<>();
        b.add("k", "first", at("2025-01-01T00:00:00Z"));
        b.add("k", "second", at("2025-01-01T00:00:00Z"));
        assertThat(b.records().get(0).value()).isEqualTo("second");
        b.add("p", "first", Optional.empty());
        b.add("p", "second", Optional.empty());
        assertThat(b.records().get(1).value()).isEqualTo("second");
        b.add("k", "unversioned", Optional.empty());
        assertThat(b.records().get(0).value()).as("a versioned read beats an unversioned repeat").isEqualTo("second");
    }
}
