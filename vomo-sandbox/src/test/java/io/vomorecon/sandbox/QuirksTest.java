package io.vomorecon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.ContentHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each documented quirk is switchable on its own, and none of them changes the content hash. */
class QuirksTest {

    /** What a client sees of a small sandbox: three user pages, user details with participations. */
    record Sample(List<JsonNode> pages, List<JsonNode> users, List<JsonNode> participations) {
    }

    static final Map<String, Predicate<Sample>> SHOWS = Map.of(
            "idsAsStrings", s -> s.users().stream().anyMatch(u -> u.get("id").isTextual()),
            "timestampShapes", s -> s.users().stream().anyMatch(u -> !u.get("updated_at").asText().endsWith("+00:00")),
            "countersAsStrings", s -> s.pages().stream().anyMatch(p -> p.get("meta").get("total").isTextual()),
            "hoursAsString", s -> s.participations().stream().anyMatch(p -> p.get("hours").isTextual()),
            "verifiedAsInt", s -> s.participations().stream().anyMatch(p -> p.get("verified").isNumber()));

    static Quirks only(String quirk) {
        return new Quirks(quirk.equals("idsAsStrings"), quirk.equals("timestampShapes"), quirk.equals("countersAsStrings"),
                quirk.equals("hoursAsString"), quirk.equals("verifiedAsInt"));
    }

    static Sample sample(Quirks quirks) {
        try (Sandbox s = Sandbox.start(SandboxConfig.of(5, new CustomerSpec("acme", 120)).withQuirks(quirks))) {
            ApiClient c = new ApiClient(s.baseUrl(), s.customer("acme").token());
            List<JsonNode> pages = new ArrayList<>();
            List<JsonNode> users = new ArrayList<>();
            List<JsonNode> participations = new ArrayList<>();
            for (int p = 1; p <= 3; p++) {
                JsonNode page = c.get("/users?page=" + p).json();
                pages.add(page);
                for (JsonNode u : page.get("data")) {
                    JsonNode detail = c.get("/users/" + u.get("id").asText()).json().get("data");
                    users.add(detail);
                    detail.get("participations").forEach(participations::add);
                }
            }
            return new Sample(pages, users, participations);
        }
    }

    static Stream<String> quirks() {
        return SHOWS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("quirks")
    void eachQuirkShowsAloneWhenSwitchedOn(String quirk) {
        Sample s = sample(only(quirk));
        assertThat(s.participations()).isNotEmpty();
        SHOWS.forEach((name, shows) -> assertThat(shows.test(s)).as(name + " with only " + quirk + " on").isEqualTo(name.equals(quirk)));
    }

    @Test
    void withEveryQuirkOffNothingShowsAndEveryTimestampHasTheOffsetShape() {
        Sample s = sample(Quirks.none());
        SHOWS.forEach((name, shows) -> assertThat(shows.test(s)).as(name).isFalse());
    }

    @Test
    void theThreeTimestampShapesAllAppearWhenThatQuirkIsOn() {
        Sample s = sample(only("timestampShapes"));
        assertThat(s.users()).anyMatch(u -> u.get("updated_at").asText().endsWith("+00:00"))
                .anyMatch(u -> u.get("updated_at").asText().endsWith(".000000Z"))
                .anyMatch(u -> u.get("updated_at").asText().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"));
    }

    @Test
    void quirksNeverChangeTheContentHashOfARecord() {
        Sample plain = sample(Quirks.none());
        Sample quirky = sample(Quirks.all());
        assertThat(quirky.users()).hasSameSizeAs(plain.users());
        for (int i = 0; i < plain.users().size(); i++) {
            assertThat(ContentHash.of(quirky.users().get(i))).as("user %d", i).isEqualTo(ContentHash.of(plain.users().get(i)));
        }
        for (int i = 0; i < plain.participations().size(); i++) {
            assertThat(ContentHash.of(quirky.participations().get(i))).isEqualTo(ContentHash.of(plain.participations().get(i)));
        }
    }
}
