package io.vomorecon.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class BinaryStateSerdeTest {

    private static <T> T roundTrip(Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize("store-changelog", value);
        assertThat(bytes[0]).isEqualTo(BinaryStateSerde.FORMAT);
        return serde.deserializer().deserialize("store-changelog", bytes);
    }

    @Test
    void vomoEntryRoundTripsWithRecordAndInstants() {
        ObjectNode record = Json.mapper().createObjectNode().put("id", 7).put("first_name", "Zoë ✓").put("updated_at", "2026-01-10 08:00:00");
        record.putArray("tags").add("a").add(1);
        VomoEntry v = new VomoEntry("r-acme-users-full-1-ab12", record, Optional.of(Instant.parse("2026-01-10T08:00:00.123456789Z")),
                "hash-1", Instant.parse("1969-12-31T23:59:59.5Z"), Instant.EPOCH);
        assertThat(roundTrip(BinaryStateSerde.vomo(), v)).isEqualTo(v);
        VomoEntry noVersion = new VomoEntry("r", record, Optional.empty(), "", Instant.MAX, Instant.MIN);
        assertThat(roundTrip(BinaryStateSerde.vomo(), noVersion)).isEqualTo(noVersion);
    }

    @Test
    void partnerStateRoundTripsEveryField() {
        PartnerState p = new PartnerState(Topics.SCHEMA_VERSION, "acme", "users", "acme/users/1", Optional.of(Instant.parse("2026-01-10T08:00:00Z")),
                Optional.of("h"), true, Map.of("email", "a@b.org", "last_name", "", "note", "x".repeat(70_000)), Optional.of("ext-1"),
                Instant.parse("2026-01-10T09:00:00Z"), false, PartnerState.PartnerSource.SINK);
        assertThat(roundTrip(BinaryStateSerde.partner(), p)).isEqualTo(p);
        PartnerState empty = new PartnerState(Topics.SCHEMA_VERSION, "acme", "users", "acme/users/2", Optional.empty(), Optional.empty(),
                false, Map.of(), Optional.empty(), Instant.EPOCH, true, PartnerState.PartnerSource.PARTNER);
        assertThat(roundTrip(BinaryStateSerde.partner(), empty)).isEqualTo(empty);
    }

    @Test
    void externalRowRoundTripsEveryField() {
        ExternalRow e = new ExternalRow(Topics.SCHEMA_VERSION, Optional.of("r-1"), "acme", "users", "acme/users/1",
                ExternalRow.ExternalSource.SINK, true, Map.of("email", "a@b.org"), Optional.of(Instant.parse("2026-01-10T08:00:00Z")),
                true, true, Optional.of("ext-1"), Instant.parse("2026-01-10T09:00:00Z"));
        assertThat(roundTrip(BinaryStateSerde.external(), e)).isEqualTo(e);
        ExternalRow absent = new ExternalRow(Topics.SCHEMA_VERSION, Optional.empty(), "acme", "users", "acme/users/1",
                ExternalRow.ExternalSource.READER, false, Map.of(), Optional.empty(), false, false, Optional.empty(), Instant.EPOCH);
        assertThat(roundTrip(BinaryStateSerde.external(), absent)).isEqualTo(absent);
    }

    @Test
    void runProgressRoundTripsOpenAndClosed() {
        assertThat(roundTrip(BinaryStateSerde.runProgress(), RunProgress.open())).isEqualTo(RunProgress.open());
        RunProgress closed = new RunProgress(5_000_000_000L, Optional.of(RunStatus.values()[RunStatus.values().length - 1]));
        assertThat(roundTrip(BinaryStateSerde.runProgress(), closed)).isEqualTo(closed);
    }

    @Test
    void readsTheJsonOfEarlierBuilds() {
        RunProgress p = new RunProgress(42, Optional.of(RunStatus.COMPLETED));
        byte[] json = StateSerde.of(RunProgress.class).serializer().serialize("t", p);
        assertThat(BinaryStateSerde.runProgress().deserializer().deserialize("t", json)).isEqualTo(p);
    }

    @Test
    void refusesAnUnknownFormatOrATruncatedValue() {
        assertThatThrownBy(() -> BinaryStateSerde.runProgress().deserializer().deserialize("t", new byte[] {9, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format");
        byte[] bytes = BinaryStateSerde.partner().serializer().serialize("t", new PartnerState(Topics.SCHEMA_VERSION, "acme", "users",
                "acme/users/2", Optional.empty(), Optional.empty(), false, Map.of(), Optional.empty(), Instant.EPOCH, true,
                PartnerState.PartnerSource.PARTNER));
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> BinaryStateSerde.partner().deserializer().deserialize("t", cut))
                .isInstanceOf(SerializationException.class);
    }
}
