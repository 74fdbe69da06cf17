package io.vomorecon.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vomorecon.schemas.values.FieldDiff;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.Job;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.SnapshotEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad bytes on a topic become a {@link ContractViolation} whose reason says what is wrong (so the
 * record can go to recon.dlq with it) and never repeats the payload: every payload below carries
 * an e-mail address, and no reason may contain it.
 */
class SerdeFailureTest {

    private static final String EMAIL = "ada.lovelace@example.org";

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("not JSON", EMAIL + " is not json", "not JSON (malformed at line 1"),
                Arguments.of("a JSON array", "[\"" + EMAIL + "\"]", "not a JSON object"),
                Arguments.of("a JSON string", "\"" + EMAIL + "\"", "not a JSON object"),
                Arguments.of("truncated JSON", "{\"schemaVersion\":1,\"kind\":\"SNAPSHOT\",\"record\":{\"email\":\"" + EMAIL,
                        "not JSON"),
                Arguments.of("no schemaVersion", "{\"kind\":\"SNAPSHOT\",\"record\":{\"email\":\"" + EMAIL + "\"}}", "no schemaVersion"),
                Arguments.of("schemaVersion as text", "{\"schemaVersion\":\"" + EMAIL + "\",\"kind\":\"SNAPSHOT\"}", "no schemaVersion"),
                Arguments.of("schemaVersion 2", "{\"schemaVersion\":2,\"kind\":\"SNAPSHOT\",\"record\":{\"email\":\"" + EMAIL + "\"}}",
                        "schemaVersion 2 is not supported (this build reads 1..1)"),
                Arguments.of("an unknown kind", "{\"schemaVersion\":1,\"kind\":\"RUN_PAUSED\",\"customer\":\"" + EMAIL + "\"}",
                        "unknown kind 'RUN_PAUSED' (known: SNAPSHOT, RUN_COMPLETED, RUN_ABORTED, VERIFICATION)"),
                Arguments.of("personal data as the kind", "{\"schemaVersion\":1,\"kind\":\"" + EMAIL + "\"}",
                        "unknown kind (not a kind name)"),
                Arguments.of("no kind", "{\"schemaVersion\":1,\"customer\":\"acme\"}", "no kind (known: SNAPSHOT"),
                Arguments.of("a wrong field type", markerWith("\"partition\":\"" + EMAIL + "\""), "field partition: expected int"),
                Arguments.of("a bad instant", markerWith("\"startedAt\":\"" + EMAIL + "\""), "field startedAt: expected an ISO-8601 instant"),
                Arguments.of("a bad enum value", markerWith("\"runKind\":\"" + EMAIL + "\""), "field runKind: expected one of [INCREMENTAL, FULL"),
                Arguments.of("a string for a list", markerWith("\"scope\":\"" + EMAIL + "\""), "field scope: expected an array"),
                Arguments.of("a window ending before it starts",
                        markerWith("\"window\":{\"from\":\"2026-11-20T06:00:00Z\",\"to\":\"2026-11-20T05:00:00Z\"}"),
                        "field window: window ends before it starts"),
                Arguments.of("a missing required field",
                        "{\"schemaVersion\":1,\"kind\":\"SNAPSHOT\",\"customer\":\"acme\",\"record\":{\"email\":\"" + EMAIL + "\"}}",
                        "required field runId is missing"),
                Arguments.of("a null required field", markerWith("\"customer\":null"), "required field customer is missing"),
                Arguments.of("a missing counter", markerWithout("count"), "required field count is missing"),
                Arguments.of("a null counter", markerWith("\"count\":null"), "required field count is missing"),
                Arguments.of("a nested required field",
                        markerWith("\"window\":{\"from\":\"2026-11-20T05:00:00Z\"}"), "required field window.to is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badBytesAreAContractViolationWithAReasonAndWithoutThePayload(String what, String payload, String reason) {
        ContractViolation violation = catchThrowableOfType(ContractViolation.class,
                () -> Topics.VOMO_SNAPSHOTS.valueSerde().decode(payload.getBytes(StandardCharsets.UTF_8)));
        assertThat(violation).as(what).isNotNull();
        assertThat(violation.topic()).isEqualTo("vomo.snapshots");
        assertThat(violation.reason()).as(what).contains(reason);
        assertThat(violation.reason()).doesNotContain(EMAIL).doesNotContain("ada.lovelace");
        assertThat(violation.getMessage()).doesNotContain(EMAIL).startsWith("value on vomo.snapshots violates its contract: ");
    }

    @Test
    void theDeserializerOfAKafkaClientThrowsTheSameViolation() {
        assertThatThrownBy(() -> Topics.EXTERNAL_STATE.valueSerde().deserializer().deserialize("external.state", "[1]".getBytes()))
                .isInstanceOf(ContractViolation.class)
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .hasMessageContaining("not a JSON object");
        assertThat(Topics.EXTERNAL_STATE.valueSerde().deserializer().deserialize("external.state", null))
                .as("a tombstone is no violation").isNull();
    }

    @Test
    void aValueWithANullRequiredFieldIsRefusedAtTheWriter() {
        RunCompleted marker = ContractSamples.runCompleted(RunSource.VOMO, false);
        RunCompleted noCustomer = new RunCompleted(marker.schemaVersion(), marker.runId(), null, marker.resource(), marker.runKind(),
                marker.source(), marker.scope(), marker.window(), marker.partition(), marker.partitions(), marker.count(),
                marker.totalCount(), marker.apiCalls(), marker.startedAt(), marker.completedAt());
        assertThatThrownBy(() -> Topics.VOMO_SNAPSHOTS.valueSerde().encode(noCustomer))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("required field customer is null");
        Finding finding = ContractSamples.finding(FindingKind.DRIFT, FindingStatus.OPEN, true);
        Finding nestedNull = new Finding(finding.schemaVersion(), finding.findingId(), finding.kind(), finding.status(), finding.verdict(),
                finding.customer(), finding.resource(), finding.key(), finding.runId(), finding.runKind(), finding.detectedAt(),
                finding.vomoVersion(), finding.vomoHash(), finding.partnerVersion(), finding.partnerHash(), finding.vomoRecord(),
                List.of(new FieldDiff(null, Optional.of("a"), Optional.empty())),
                finding.details(), finding.resolvedAt());
        assertThatThrownBy(() -> Topics.RECON_DRIFT.valueSerde().encode(nestedNull))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("required field fieldDiffs[0].field is null");
    }

    @Test
    void aFindingWithoutAVomoRecordReadsBackWithoutOne() {
        // Jackson binds an absent Optional<JsonNode> to Optional.of(NullNode); the sink would then
        // believe it had VOMO's record to re-process.
        Finding finding = ContractSamples.finding(FindingKind.MISSED_CREATE, FindingStatus.OPEN, false);
        Finding back = Topics.RECON_GAPS.valueSerde().decode(Topics.RECON_GAPS.valueSerde().encode(finding));
        assertThat(back.vomoRecord()).isEmpty();
        assertThat(back).isEqualTo(finding);
    }

    @Test
    void unknownFieldsOfANewerWriterAreIgnoredByThisReader() {
        Job job = (Job) ContractSamples.of(Topics.RECON_JOBS).values().iterator().next();
        String json = new String(Topics.RECON_JOBS.valueSerde().encode(job), StandardCharsets.UTF_8);
        String newer = json.replace("\"schemaVersion\":1,", "\"schemaVersion\":1,\"priority\":\"high\",");
        assertThat(Topics.RECON_JOBS.valueSerde().decode(newer.getBytes(StandardCharsets.UTF_8))).isEqualTo(job);
    }

    @Test
    void aReasonIsShortEvenForALongBadValue() {
        String longKind = "X".repeat(5000);
        ContractViolation violation = catchThrowableOfType(ContractViolation.class, () -> Topics.EXTERNAL_STATE.valueSerde()
                .decode(("{\"schemaVersion\":1,\"kind\":\"" + longKind + "\"}").getBytes(StandardCharsets.UTF_8)));
        assertThat(violation.reason()).hasSizeLessThan(200).contains("(not a kind name)");
    }

    /** A complete RUN_COMPLETED marker with one field replaced (given as {@code "name":value}). */
    private static String markerWith(String field) {
        com.fasterxml.jackson.databind.node.ObjectNode marker = marker();
        marker.setAll((com.fasterxml.jackson.databind.node.ObjectNode) ContractSamples.json("{" + field + "}"));
        return marker.toString();
    }

    private static String markerWithout(String field) {
        com.fasterxml.jackson.databind.node.ObjectNode marker = marker();
        marker.remove(field);
        return marker.toString();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode marker() {
        SnapshotEvent marker = ContractSamples.runCompleted(RunSource.VOMO, true);
        return (com.fasterxml.jackson.databind.node.ObjectNode) ContractSamples.json(
                new String(Topics.VOMO_SNAPSHOTS.valueSerde().encode(marker), StandardCharsets.UTF_8));
    }
}
