package io.vomorecon.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.FieldDiff;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunStatus;
import io.vomorecon.schemas.values.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class BinaryStateSerdeTest {

    private static <T> T roundTrip(Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize("store-changelog", value);
        assertThat(bytes[0]).isEqualTo(value instanceof VomoEntry ? BinaryStateSerde.VOMO_FORMAT : BinaryStateSerde.FORMAT);
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
    void vomoEntryKeepsTheMappedFieldsOfItsSnapshot() {
        var snapshot = io.vomorecon.reconciler.bench.SyntheticRecords.snapshot("r1", "acme/users/8205", 3,
                Instant.parse("2026-01-10T08:00:00Z"), Instant.parse("2026-01-10T09:00:00Z"));
        VomoEntry v = VomoEntry.next(Optional.empty(), snapshot);
        assertThat(v.mapped()).hasValueSatisfying(m -> assertThat(m.current()).isTrue());
        VomoEntry back = roundTrip(BinaryStateSerde.vomo(), v);
        assertThat(back).isEqualTo(v);
        assertThat(back.mapped().orElseThrow().fields())
                .isEqualTo(io.vomorecon.schemas.mapping.FieldMapping.fromVomo(Resource.USERS, snapshot.record()))
                .isNotEmpty();
        assertThat(back.mappedFields(Resource.USERS)).isEqualTo(back.mapped().orElseThrow().fields());
        assertThat(back.record()).isEqualTo(snapshot.record());
    }

    @Test
    void fieldsMappedByAnotherMappingAreMappedAgainAndARefusalIsKept() {
        ObjectNode record = Json.mapper().createObjectNode().put("id", 7).put("email", "ada@example.org").put("first_name", "Ada");
        MappedFields stale = new MappedFields(MappedFields.CURRENT + 1, Map.of("email", "stale@example.org"), Optional.empty());
        VomoEntry v = new VomoEntry("r", VomoRecord.of(record), Optional.of(stale), Optional.empty(), "h", Instant.EPOCH, Instant.EPOCH);
        VomoEntry back = roundTrip(BinaryStateSerde.vomo(), v);
        assertThat(back.mapped()).contains(stale);
        assertThat(back.mappedFields(Resource.USERS)).isEqualTo(io.vomorecon.schemas.mapping.FieldMapping.fromVomo(Resource.USERS, record))
                .containsEntry("email", "ada@example.org");
        MappedFields refused = new MappedFields(MappedFields.CURRENT, Map.of(), Optional.of("field hours: not a decimal"));
        VomoEntry bad = roundTrip(BinaryStateSerde.vomo(),
                new VomoEntry("r", VomoRecord.of(record), Optional.of(refused), Optional.empty(), "h", Instant.EPOCH, Instant.EPOCH));
        assertThatThrownBy(() -> bad.mappedFields(Resource.USERS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field hours: not a decimal");
    }

    @Test
    void readsVomoEntriesOfTheFirstBinaryFormatAndOfJson() throws Exception {
        ObjectNode record = Json.mapper().createObjectNode().put("id", 7).put("email", "ada@example.org");
        BinaryStateSerde.Out out = new BinaryStateSerde.Out();
        out.b[out.n++] = BinaryStateSerde.FORMAT;
        out.string("r1");
        out.blob(Json.mapper().writeValueAsBytes(record));
        out.optInstant(Optional.of(Instant.parse("2026-01-10T08:00:00Z")));
        out.string("h");
        out.instant(Instant.EPOCH);
        out.instant(Instant.EPOCH);
        VomoEntry v1 = BinaryStateSerde.vomo().deserializer().deserialize("t", out.bytes());
        assertThat(v1).isEqualTo(new VomoEntry("r1", record, Optional.of(Instant.parse("2026-01-10T08:00:00Z")), "h", Instant.EPOCH,
                Instant.EPOCH));
        assertThat(v1.mappedFields(Resource.USERS)).containsEntry("email", "ada@example.org");
        String json = "{\"runId\":\"r1\",\"record\":" + record + ",\"updatedAt\":\"2026-01-10T08:00:00Z\",\"contentHash\":\"h\","
                + "\"observedAt\":\"1970-01-01T00:00:00Z\",\"changedAt\":\"1970-01-01T00:00:00Z\"}";
        assertThat(BinaryStateSerde.vomo().deserializer().deserialize("t", json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(v1);
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

    private static Finding finding(boolean everything) {
        ObjectNode record = Json.mapper().createObjectNode().put("id", 8205).put("first_name", "Zoë ✓").put("score", 1.5);
        record.putArray("tags").add("a").add(2);
        Instant t = Instant.parse("2026-01-10T08:00:00.123456789Z");
        return everything
                ? new Finding(Topics.SCHEMA_VERSION, "f-1", FindingKind.DRIFT, FindingStatus.OPEN, Optional.of(Verdict.DELETED), "acme",
                        "users", "acme/users/8205", "r-1", RunKind.FULL, t, Optional.of(t.minusSeconds(60)), Optional.of("vh"),
                        Optional.of(t.minusSeconds(120)), Optional.of("ph"), Optional.of(record),
                        List.of(new FieldDiff("email", Optional.of("a@example.org"), Optional.empty()),
                                new FieldDiff("phone", Optional.empty(), Optional.of("+4930123"))),
                        Map.of("cause", "x", "field", "email"), Optional.of(t.plusSeconds(5)))
                : new Finding(Topics.SCHEMA_VERSION, "f-2", FindingKind.MISSED_CREATE, FindingStatus.CANDIDATE, Optional.empty(), "acme",
                        "users", "acme/users/1", null, null, t, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), List.of(), Map.of(), Optional.empty());
    }

    @Test
    void pendingFindingsRoundTripWithEveryFieldSetOrEmpty() {
        PendingFindings p = new PendingFindings(List.of(new PendingFindings.Pending(finding(true), false),
                new PendingFindings.Pending(finding(false), true)));
        PendingFindings back = roundTrip(BinaryStateSerde.pending(), p);
        assertThat(back).isEqualTo(p);
        assertThat(back.findings().get(0).finding().vomoRecord()).contains(finding(true).vomoRecord().orElseThrow());
        assertThat(back.findings().get(1).finding().runId()).isNull();
        assertThat(back.findings().get(1).deletionDerived()).isTrue();
    }

    @Test
    void pendingFindingsStoredAsJsonByEarlierBuildsAreStillRead() {
        PendingFindings p = new PendingFindings(List.of(new PendingFindings.Pending(finding(true), true)));
        byte[] json = StateSerde.of(PendingFindings.class).serializer().serialize("pending-changelog", p);
        assertThat(json[0]).isEqualTo((byte) '{');
        assertThat(BinaryStateSerde.pending().deserializer().deserialize("pending-changelog", json)).isEqualTo(p);
    }
}
