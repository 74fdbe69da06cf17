package io.vomorecon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecordKeyTest {

    @Test
    void encodesReadableKeys() {
        assertThat(RecordKey.of("acme", Resource.PARTICIPATIONS, "77120", "8205").encode())
                .isEqualTo("acme/participations/77120/8205");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8205", "a/b", "100%", "%2F", "/", "x%25y/z", "ü/ß"})
    void anyIdRoundTrips(String id) {
        RecordKey key = RecordKey.of("ac/me", Resource.USERS, id);
        assertThat(RecordKey.parse(key.encode())).isEqualTo(key);
    }

    @Test
    void prefixIsATrueBytePrefixOnlyOfKeysBelowIt() {
        String users = RecordKey.prefix("acme", Resource.USERS);
        assertThat(RecordKey.of("acme", Resource.USERS, "1").encode()).startsWith(users);
        assertThat(RecordKey.of("acme", "users-archive", "1").encode()).doesNotStartWith(users);
        assertThat(RecordKey.of("acme/x", Resource.USERS, "1").encode()).doesNotStartWith(RecordKey.customerPrefix("acme"));
        String date = RecordKey.prefix("acme", Resource.PARTICIPATIONS, "77120");
        assertThat(RecordKey.of("acme", Resource.PARTICIPATIONS, "77120", "8205").encode()).startsWith(date);
        assertThat(RecordKey.of("acme", Resource.PARTICIPATIONS, "771201", "8205").encode()).doesNotStartWith(date);
        assertThat(RecordKey.of("acme", Resource.PARTICIPATIONS, "77120", "8205").parentPrefix()).isEqualTo(date);
    }

    @Test
    void rejectsMalformedKeys() {
        assertThatThrownBy(() -> RecordKey.parse("acme/users")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordKey.parse("acme/users/%41")).hasMessageContaining("unknown escape");
        assertThatThrownBy(() -> RecordKey.parse("acme//1")).hasMessageContaining("resource");
        assertThat(RecordKey.isValid("acme/users/1")).isTrue();
        assertThat(new RecordKey("a", "b", List.of("c", "d")).id()).isEqualTo("d");
    }
}
