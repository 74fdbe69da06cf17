package io.vomorecon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value shapes of VOMO-API.md, "Data quirks", each read as what the field means. */
class VomoValuesTest {

    private static JsonNode field(String json) {
        try {
            return Json.mapper().readTree("{\"f\":" + json + "}").get("f");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"8205", "\"8205\"", "\" 8205 \"", "8205.0"})
    void anIdIsTheSameStringWhetherItCameAsANumberOrAString(String json) {
        assertThat(VomoValues.id(field(json))).contains("8205");
    }

    @Test
    void anIdBeyondLongIsKeptExactlyAndAbsentIdsAreEmpty() {
        assertThat(VomoValues.id(field("92233720368547758070"))).contains("92233720368547758070");
        assertThat(VomoValues.id(field("null"))).isEmpty();
        assertThat(VomoValues.id(field("\"\""))).isEmpty();
        assertThat(VomoValues.id(MissingNode.getInstance())).isEmpty();
        assertThat(VomoValues.id(null)).isEmpty();
        assertThatThrownBy(() -> VomoValues.id(field("{\"id\":1}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VomoValues.requireId(field("{\"name\":\"x\"}"), "id")).hasMessageContaining("'id'");
    }

    @ParameterizedTest
    @CsvSource({
            "2025-11-19T10:15:00+00:00,      2025-11-19T10:15:00Z",
            "2021-03-30T15:29:03.000000Z,    2021-03-30T15:29:03Z",
            "2021-03-29 21:25:37,            2021-03-29T21:25:37Z",
            "2025-11-19T10:15:00-05:00,      2025-11-19T15:15:00Z",
            "2025-11-19T10:15:00.5+02:00,    2025-11-19T08:15:00.500Z",
            "2021-03-29T21:25:37,            2021-03-29T21:25:37Z"})
    void everyTimestampShapeIsTheSameUtcInstant(String text, String utc) {
        assertThat(VomoValues.instant(field("\"" + text + "\""))).contains(Instant.parse(utc));
        assertThat(VomoValues.looksLikeTimestamp(text)).isTrue();
    }

    @Test
    void aTimestampThatIsNotOneDoesNotRepeatItsText() {
        assertThat(VomoValues.instant(field("null"))).isEmpty();
        assertThat(VomoValues.parseInstant("  ")).isEmpty();
        assertThatThrownBy(() -> VomoValues.parseInstant("1990-13-45 10:00:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("1990");
        assertThatThrownBy(() -> VomoValues.instant(field("1700000000"))).hasMessageContaining("must be a string");
        assertThatThrownBy(() -> VomoValues.date(field("\"1990-02-31\""))).hasMessageNotContaining("1990");
        assertThat(VomoValues.looksLikeTimestamp("2021-03-29")).isFalse();
    }

    @Test
    void aDateIsTakenFromADateOrFromATimestamp() {
        assertThat(VomoValues.date(field("\"1990-04-01\""))).contains(LocalDate.of(1990, 4, 1));
        assertThat(VomoValues.date(field("\"1900-01-01T00:00:00Z\""))).contains(LocalDate.of(1900, 1, 1));
        assertThat(VomoValues.date(field("\"\""))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"\"10.00\", 10", "10, 10", "\"4.50\", 4.5", "4.5, 4.5", "\" 0.25 \", 0.25"})
    void decimalsComeAsNumbersOrStrings(String json, String value) {
        assertThat(VomoValues.decimal(field(json))).hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo(new BigDecimal(value)));
    }

    @Test
    void aDecimalThatIsNotOneIsRefused() {
        assertThat(VomoValues.decimal(field("\"\""))).isEmpty();
        assertThatThrownBy(() -> VomoValues.decimal(field("\"ten\""))).isInstanceOf(IllegalArgumentException.class);
        assertThat(VomoValues.looksLikeDecimal("10.00")).isTrue();
        assertThat(VomoValues.looksLikeDecimal("10")).isFalse();
        assertThat(VomoValues.looksLikeDecimal("555-555-5555")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"true, true", "false, false", "1, true", "0, false", "\"1\", true", "\"0\", false",
            "\"true\", true", "\"FALSE\", false", "\"yes\", true"})
    void booleansComeAsBooleansOrAsZeroAndOne(String json, boolean value) {
        assertThat(VomoValues.bool(field(json))).contains(value);
    }

    @Test
    void aBooleanThatIsNotOneIsRefused() {
        assertThat(VomoValues.bool(NullNode.getInstance())).isEmpty();
        assertThat(VomoValues.bool(field("\"\""))).isEmpty();
        assertThatThrownBy(() -> VomoValues.bool(field("\"maybe\""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countersComeAsNumbersOrStrings() {
        assertThat(VomoValues.count(field("\"3334\""))).contains(3334L);
        assertThat(VomoValues.count(field("50000"))).contains(50_000L);
        assertThat(VomoValues.count(field("null"))).isEmpty();
        assertThatThrownBy(() -> VomoValues.count(field("\"2.5\""))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void statusValuesAreFreeTextAndUnknownOnesAreKept() {
        assertThat(VomoValues.text(field("\"active\""))).contains("active");
        assertThat(VomoValues.text(field("\"on_hold_pending_review\""))).contains("on_hold_pending_review");
        assertThat(VomoValues.text(field("3"))).contains("3");
        assertThat(VomoValues.text(field("null"))).isEmpty();
    }

    @Test
    void aDottedPathReadsNestedFieldsAndToleratesMissingParents() {
        JsonNode project = field("{\"address\":{\"timezone\":\"America/Chicago\"}}");
        assertThat(VomoValues.path(project, "address.timezone").asText()).isEqualTo("America/Chicago");
        assertThat(VomoValues.path(project, "venue.timezone")).isNull();
        assertThat(Optional.ofNullable(VomoValues.path(project, "address.zip"))).isEmpty();
    }
}
