package io.vomorecon.schemas.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.Resource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The normalisers make a VOMO value and the destination's text of it compare equal. */
class FieldMappingTest {

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aQuirkyVomoUserMapsToNormalisedColumns() {
        JsonNode user = json("""
                {"id":"8205","first_name":"  Ada ","last_name":"Lovelace   King","email":" Ada.Lovelace@Example.ORG ",
                 "phone":"(555) 010-4477","birthday":"1990-04-01","membership_status":"Active","membership_role":"VOLUNTEER",
                 "updated_at":"2021-03-29 21:25:37","address":null}""");
        assertThat(FieldMapping.fromVomo(Resource.USERS, user)).containsExactly(
                Map.entry("email", "ada.lovelace@example.org"),
                Map.entry("first_name", "Ada"),
                Map.entry("last_name", "Lovelace King"),
                Map.entry("phone", "+15550104477"),
                Map.entry("birthday", "1990-04-01"),
                Map.entry("membership_status", "active"),
                Map.entry("membership_role", "volunteer"));
    }

    @Test
    void aFieldVomoLeftOutOrNullIsAbsent() {
        assertThat(FieldMapping.fromVomo(Resource.USERS, json("{\"id\":1,\"email\":null,\"phone\":\"\"}"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "(555) 010-4477,      +15550104477",
            "555-555-5555,        +15555555555",
            "+44 20 7946 0958,    +442079460958",
            "+1 555 010 4477,     +15550104477",
            "15550104477,         +15550104477"})
    void phonesBecomeE164(String raw, String e164) {
        assertThat(Normalizer.PHONE_E164.fromText(raw)).contains(e164);
        assertThat(Normalizer.PHONE_E164.fromText(e164)).as("idempotent").contains(e164);
    }

    @ParameterizedTest
    @CsvSource({
            "2025-11-19T10:15:00+00:00,    2025-11-19T10:15:00Z",
            "2021-03-30T15:29:03.000000Z,  2021-03-30T15:29:03Z",
            "2021-03-29 21:25:37,          2021-03-29T21:25:37Z",
            "2026-03-29T02:30:00+02:00,    2026-03-29T00:30:00Z",
            "2025-11-19T10:15:00-06:00,    2025-11-19T16:15:00Z"})
    void timestampsOfAnyShapeAndZoneBecomeUtcInstants(String raw, String utc) {
        assertThat(Normalizer.INSTANT.fromText(raw)).contains(utc);
        assertThat(Normalizer.INSTANT.fromText(utc)).contains(utc);
    }

    @Test
    void decimalsLoseTrailingZerosWhateverTheirShape() {
        assertThat(Normalizer.DECIMAL.fromVomo(json("\"10.00\""))).contains("10");
        assertThat(Normalizer.DECIMAL.fromVomo(json("10"))).contains("10");
        assertThat(Normalizer.DECIMAL.fromVomo(json("4.50"))).contains("4.5");
        assertThat(Normalizer.DECIMAL.fromText("0.000")).contains("0");
        assertThat(Normalizer.DECIMAL.fromText("1E+2")).contains("100");
        assertThat(Normalizer.DECIMAL.fromText(" ")).isEmpty();
    }

    @Test
    void booleansBecomeTrueOrFalse() {
        assertThat(Normalizer.BOOLEAN.fromVomo(json("1"))).contains("true");
        assertThat(Normalizer.BOOLEAN.fromVomo(json("\"0\""))).contains("false");
        assertThat(Normalizer.BOOLEAN.fromVomo(json("true"))).contains("true");
        assertThat(Normalizer.BOOLEAN.fromText("false")).contains("false");
        assertThatThrownBy(() -> Normalizer.BOOLEAN.fromText("perhaps")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textIsTrimmedAndEmailsAndStatusesLowerCased() {
        assertThat(Normalizer.TEXT.fromText("  Ada \t Lovelace ")).contains("Ada Lovelace");
        assertThat(Normalizer.TEXT.fromText("   ")).isEmpty();
        assertThat(Normalizer.EMAIL.fromText(" Ada@Example.ORG")).contains("ada@example.org");
        assertThat(Normalizer.LOWER.fromText("INVITED ")).contains("invited");
        assertThat(Normalizer.ID.fromVomo(json("8205"))).contains("8205");
        assertThat(Normalizer.DATE.fromText("1900-01-01T00:00:00Z")).contains("1900-01-01");
    }

    @Test
    void participationQuirksMapLikeTheirPlainShape() {
        JsonNode quirky = json("""
                {"id":"99121","user_id":"8205","project_date_id":77120,"project_id":"903","hours":"4.50","verified":1,
                 "status":"Attended","checked_in_at":"2026-11-15 08:58:00"}""");
        JsonNode plain = json("""
                {"id":99121,"user_id":8205,"project_date_id":"77120","project_id":903,"hours":4.5,"verified":true,
                 "status":"attended","checked_in_at":"2026-11-15T08:58:00.000000Z"}""");
        assertThat(FieldMapping.fromVomo(Resource.PARTICIPATIONS, quirky)).isEqualTo(FieldMapping.fromVomo(Resource.PARTICIPATIONS, plain))
                .containsEntry("hours", "4.5").containsEntry("verified", "true").containsEntry("checked_in_at", "2026-11-15T08:58:00Z");
    }

    @Test
    void nestedPathsAndJsonSubtreesAreMapped() {
        JsonNode project = json("""
                {"id":903,"name":"Food bank","organization_id":"12","address":{"timezone":"America/Chicago"},
                 "published_at":"2021-03-29 21:25:37","draft":0,"anytime":"1"}""");
        assertThat(FieldMapping.fromVomo(Resource.PROJECTS, project)).containsEntry("timezone", "America/Chicago")
                .containsEntry("published_at", "2021-03-29T21:25:37Z").containsEntry("draft", "false").containsEntry("anytime", "true")
                .containsEntry("organization_id", "12");
        JsonNode form = json("{\"id\":5,\"name\":\"Waiver\",\"fields\":[{\"id\":1,\"label\":\"Shirt size\",\"type\":\"select\"}]}");
        assertThat(FieldMapping.fromVomo(Resource.FORMS, form).get("fields"))
                .isEqualTo(ContentHash.of(form.get("fields"))).hasSize(32);
    }

    @Test
    void aValueThatCannotBeNormalisedNamesTheColumn() {
        assertThatThrownBy(() -> FieldMapping.fromVomo(Resource.PARTICIPATIONS, json("{\"hours\":\"four\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'hours'").hasMessageContaining("DECIMAL");
    }

    @ParameterizedTest
    @EnumSource(Resource.class)
    void whatThePartnerWroteReadsBackAsTheSameValues(Resource resource) {
        // The reference sync writes fromVomo values; the reader normalises them again with fromDestination.
        JsonNode record = json("""
                {"id":"1","email":"A@B.org","first_name":" Ada","last_name":"L","phone":"555 010 4477","birthday":"1990-04-01",
                 "membership_status":"Active","membership_role":"Admin","name":" Food  bank","organization_id":12,
                 "address":{"timezone":"Europe/Berlin"},"published_at":"2021-03-29 21:25:37","draft":1,"anytime":0,
                 "project_id":"903","starts_at":"2026-11-15T09:00:00+01:00","ends_at":"2026-11-15 12:00:00","status":"Scheduled",
                 "user_id":8205,"project_date_id":77120,"hours":"3.0","verified":"1","checked_in_at":"2026-11-15T08:58:00.000000Z",
                 "parent_id":null,"campaign_name":"Winter drive","url":"https://acme.example/winter","organization_slug":"ACME",
                 "fields":[{"id":1}],"field_responses":[{"field_id":1,"value":"L"}],"expiry_period":"P1Y"}""");
        Map<String, String> written = FieldMapping.fromVomo(resource, record);
        assertThat(written).isNotEmpty();
        assertThat(FieldMapping.fromDestination(resource, written)).isEqualTo(written);
        assertThat(DestinationTables.mappedColumns(resource)).containsAll(written.keySet());
        assertThat(FieldMapping.table(resource)).startsWith("ext_").doesNotContain("-");
    }
}
