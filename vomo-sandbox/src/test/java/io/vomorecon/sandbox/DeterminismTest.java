package io.vomorecon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives byte-identical answers (links aside, which carry the server's own address:
 * they are compared with the address replaced), before and after the same simulated days.
 */
class DeterminismTest {

    static SandboxConfig config(long seed) {
        return SandboxConfig.of(seed, new CustomerSpec("acme", 700), new CustomerSpec("globex", 200));
    }

    static List<String> answers(Sandbox s, List<String> paths) {
        ApiClient c = new ApiClient(s.baseUrl(), s.customer("acme").token());
        String host = s.baseUrl().substring(0, s.baseUrl().length() - 3);
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            ApiClient.Reply r = c.get(p);
            out.add(r.status() + " " + r.body().replace(host, "http://sandbox"));
        }
        return out;
    }

    static List<String> paths(Sandbox s) {
        ApiClient c = new ApiClient(s.baseUrl(), s.customer("acme").token());
        JsonNode user = c.get("/users?page=3").json().get("data").get(4);
        JsonNode project = c.get("/projects").json().get("data").get(1);
        String projectId = project.get("id").asText();
        JsonNode date = c.get("/projects/" + projectId).json().get("data").get("all_dates").get(0);
        JsonNode group = c.get("/groups").json().get("data").get(0);
        return List.of("/users", "/users?page=20", "/users?updated_after=2024-01-01&page=2", "/users/" + user.get("id").asText(),
                "/projects", "/projects/" + projectId, "/projects/date/" + date.get("id").asText(), "/projects/today",
                "/groups", "/groups/" + group.get("id").asText() + "/members", "/campaigns", "/organizations", "/forms",
                "/forms/1/completions", "/certificates");
    }

    static String truth(Sandbox s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.truth().writeJsonLines(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theSameSeedGivesByteIdenticalAnswersAndTheSameChanges() {
        try (Sandbox a = Sandbox.start(config(11)); Sandbox b = Sandbox.start(config(11))) {
            List<String> paths = paths(a);
            assertThat(paths(b)).isEqualTo(paths);
            assertThat(answers(b, paths)).isEqualTo(answers(a, paths));

            a.advance(Duration.ofDays(2));
            b.advance(Duration.ofDays(2));
            assertThat(truth(a)).isNotEmpty().isEqualTo(truth(b));
            assertThat(truth(a).lines()).allMatch(l -> l.startsWith("{\"seq\":") && l.endsWith("}"));
            assertThat(answers(b, paths)).isEqualTo(answers(a, paths));
        }
    }

    @Test
    void anotherSeedGivesAnotherWorld() {
        try (Sandbox a = Sandbox.start(config(11)); Sandbox b = Sandbox.start(config(12))) {
            assertThat(answers(b, List.of("/users"))).isNotEqualTo(answers(a, List.of("/users")));
        }
    }
}
