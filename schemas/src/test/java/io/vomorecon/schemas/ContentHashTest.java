package io.vomorecon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    private static JsonNode json(String s) throws Exception {
        return Json.mapper().readTree(s);
    }

    @Test
    void quirkyAndPlainShapesOfTheSameRecordHashTheSame() throws Exception {
        JsonNode plain = json("""
                {"id":8205,"first_name":"Ada","hours":10,"verified":true,"project_date_id":77120,
                 "created_at":"2021-03-29T21:25:37+00:00","updated_at":"2025-01-01T00:00:00Z"}""");
        JsonNode quirky = json("""
                {"verified":1,"project_date_id":"77120","id":"8205","hours":"10.00","first_name":"Ada",
                 "created_at":"2021-03-29 21:25:37","updated_at":"2026-06-06 10:00:00"}""");
        assertThat(ContentHash.of(quirky)).isEqualTo(ContentHash.of(plain));
        JsonNode micro = json("{\"id\":8205,\"first_name\":\"Ada\",\"hours\":\"10.0\",\"verified\":\"1\","
                + "\"project_date_id\":77120,\"created_at\":\"2021-03-29T21:25:37.000000Z\"}");
        assertThat(ContentHash.of(micro)).isEqualTo(ContentHash.of(plain));
    }

    @Test
    void aChangedFieldChangesTheHashButUpdatedAtAndEmbeddedCollectionsDoNot() throws Exception {
        String base = ContentHash.of(json("{\"id\":1,\"phone\":\"555\"}"));
        assertThat(ContentHash.of(json("{\"id\":1,\"phone\":\"556\"}"))).isNotEqualTo(base);
        assertThat(ContentHash.of(json("{\"id\":1,\"phone\":\"555\",\"updated_at\":\"2025-01-01T00:00:00Z\","
                + "\"participations\":[{\"id\":3}]}"))).isEqualTo(base);
        assertThat(base).hasSize(32);
    }
}
