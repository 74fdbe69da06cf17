package io.vomorecon.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonSerde#decode} binds in one pass and falls back to the full check (tree, version,
 * required fields, binding) for whatever the one pass refuses. The one pass must accept every
 * valid sample, bind it to exactly what the full check binds, and refuse every value the full
 * check refuses: otherwise the contract would depend on which path ran.
 */
class OnePassDecodingTest {

    static Stream<Arguments> samples() {
        return Topics.ALL.stream().flatMap(topic -> ContractSamples.of(topic).entrySet().stream()
                .map(e -> Arguments.of(topic, e.getKey(), e.getValue())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everyValidSampleTakesTheOnePassAndBindsWhatTheFullCheckBinds(Topic topic, String label, Object value) {
        JsonSerde serde = topic.valueSerde();
        byte[] bytes = serde.encode(value);
        java.util.Optional<Object> onePass = serde.decodeOnePass(bytes);
        assertThat(onePass).as(label).contains(value);
        assertThat(serde.decodeWithFullCheck(bytes)).as(label).isEqualTo(value);
    }

    /** Each mutation of a valid snapshot or finding that the full check refuses; the one pass must refuse it too. */
    static Stream<Arguments> refused() {
        Snapshot snapshot = ContractSamples.snapshot(true);
        Finding finding = ContractSamples.finding(FindingKind.DRIFT, FindingStatus.OPEN, true);
        return Stream.of(
                Arguments.of("snapshot without runId", Topics.VOMO_SNAPSHOTS, bytes(Topics.VOMO_SNAPSHOTS, snapshot, n -> n.remove("runId"))),
                Arguments.of("snapshot with a null record", Topics.VOMO_SNAPSHOTS, bytes(Topics.VOMO_SNAPSHOTS, snapshot, n -> n.putNull("record"))),
                Arguments.of("snapshot without record", Topics.VOMO_SNAPSHOTS, bytes(Topics.VOMO_SNAPSHOTS, snapshot, n -> n.remove("record"))),
                Arguments.of("schemaVersion as text", Topics.VOMO_SNAPSHOTS, bytes(Topics.VOMO_SNAPSHOTS, snapshot, n -> n.put("schemaVersion", "1"))),
                Arguments.of("schemaVersion 1.0", Topics.VOMO_SNAPSHOTS, bytes(Topics.VOMO_SNAPSHOTS, snapshot, n -> n.put("schemaVersion", 1.0))),
                Arguments.of("schemaVersion true", Topics.VOMO_SNAPSHOTS, bytes(Topics.VOMO_SNAPSHOTS, snapshot, n -> n.put("schemaVersion", true))),
                Arguments.of("schemaVersion 0", Topics.VOMO_SNAPSHOTS, bytes(Topics.VOMO_SNAPSHOTS, snapshot, n -> n.put("schemaVersion", 0))),
                Arguments.of("schemaVersion 2", Topics.VOMO_SNAPSHOTS, bytes(Topics.VOMO_SNAPSHOTS, snapshot, n -> n.put("schemaVersion", 2))),
                Arguments.of("schemaVersion too large", Topics.VOMO_SNAPSHOTS, bytes(Topics.VOMO_SNAPSHOTS, snapshot,
                        n -> n.put("schemaVersion", 4_294_967_297L))),
                Arguments.of("no schemaVersion", Topics.VOMO_SNAPSHOTS, bytes(Topics.VOMO_SNAPSHOTS, snapshot, n -> n.remove("schemaVersion"))),
                Arguments.of("a null list element", Topics.RECON_DRIFT, bytes(Topics.RECON_DRIFT, finding,
                        n -> ((ArrayNode) n.get("fieldDiffs")).addNull())),
                Arguments.of("a list element without its field", Topics.RECON_DRIFT, bytes(Topics.RECON_DRIFT, finding,
                        n -> ((ObjectNode) n.get("fieldDiffs").get(0)).remove("field"))),
                Arguments.of("a null primitive", Topics.PARTNER_STATE, bytes(Topics.PARTNER_STATE, ContractSamples.partnerState(true),
                        n -> n.putNull("pushed"))),
                Arguments.of("a missing primitive", Topics.PARTNER_STATE, bytes(Topics.PARTNER_STATE, ContractSamples.partnerState(true),
                        n -> n.remove("deleted"))),
                Arguments.of("a missing map", Topics.PARTNER_STATE, bytes(Topics.PARTNER_STATE, ContractSamples.partnerState(true),
                        n -> n.remove("pushedFields"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void whatTheFullCheckRefusesTheOnePassRefuses(String what, Topic<?> topic, byte[] bytes) {
        assertThat(topic.valueSerde().decodeOnePass(bytes)).as(what).isEmpty();
        ContractViolation v = catchThrowableOfType(ContractViolation.class, () -> topic.valueSerde().decode(bytes));
        assertThat(v).as(what).isNotNull();
        if (what.contains("null record")) {
            assertThat(v.reason()).isEqualTo("required field record is missing");
        }
        assertThat(catchThrowableOfType(ContractViolation.class, () -> topic.valueSerde().decodeWithFullCheck(bytes)).reason())
                .isEqualTo(v.reason());
    }

    @Test
    void whatOnlyTheFullCheckAcceptsIsStillAccepted() {
        // Jackson's coercion of "12" into an int was always accepted; the one pass refuses it, the full check decides.
        io.vomorecon.schemas.values.RunCompleted marker = ContractSamples.runCompleted(io.vomorecon.schemas.values.RunSource.VOMO, true);
        byte[] bytes = bytes(Topics.VOMO_SNAPSHOTS, marker, n -> n.put("count", String.valueOf(marker.count())));
        assertThat(Topics.VOMO_SNAPSHOTS.valueSerde().decodeOnePass(bytes)).isEmpty();
        assertThat(Topics.VOMO_SNAPSHOTS.valueSerde().decode(bytes)).isEqualTo(marker);
    }

    @Test
    void anExplicitNullForAnOptionalFieldIsStillAccepted() {
        Snapshot snapshot = ContractSamples.snapshot(false);
        byte[] bytes = bytes(Topics.VOMO_SNAPSHOTS, snapshot, n -> n.putNull("updatedAt"));
        assertThat(Topics.VOMO_SNAPSHOTS.valueSerde().decode(bytes)).isEqualTo(snapshot);
    }

    private static <T> byte[] bytes(Topic<T> topic, T value, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode n = (ObjectNode) ContractSamples.json(new String(topic.valueSerde().encode(value), StandardCharsets.UTF_8));
        change.accept(n);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }
}
