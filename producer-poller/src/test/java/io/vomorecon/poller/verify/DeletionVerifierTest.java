package io.vomorecon.poller.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.Secret;
import io.vomorecon.poller.throttle.AdaptiveThrottle;
import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.schemas.values.Verification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verdict for a project date that VOMO still serves by id with status "deleted" (VOMO-API.md: a date
 * disappears only by that status), which the sandbox does not produce (it answers 404); the sandbox's situations
 * are covered by DeletionVerifierIT.
 */
class DeletionVerifierTest {

    private HttpServer server;
    private String body;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/projects/date/77", ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Verification verify(String key) throws Exception {
        HttpSettings s = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 1, Duration.ofMillis(5), Duration.ofMillis(20),
                Duration.ofSeconds(5), null);
        VomoClient client = new VomoClient("acme", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", Secret.of("t"),
                new AdaptiveThrottle("acme", 1000, Duration.ofSeconds(5), Clock.systemUTC()), VomoClient.httpClient(s), s,
                Clock.systemUTC(), d -> { });
        Finding f = new Finding(Topics.SCHEMA_VERSION, ContentHash.stableId(key, "DELETION"), FindingKind.DELETION, FindingStatus.CANDIDATE,
                Optional.empty(), "acme", key.split("/")[1], key, "r-1", RunKind.SCHEDULE, Instant.now(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Map.of(), Optional.empty());
        return new DeletionVerifier(Clock.systemUTC()).verify(f, new DeletionVerifier.Target(client, "9001"));
    }

    @Test
    void aDateServedWithStatusDeletedIsDeletedAndItsParticipantsWithIt() throws Exception {
        body = "{\"data\":{\"id\":77,\"project_id\":5,\"status\":\"deleted\",\"participants\":[{\"user_id\":3,\"status\":\"signed_up\"}]}}";
        assertThat(verify("acme/project-dates/5/77").verdict()).isEqualTo(Verdict.DELETED);
        assertThat(verify("acme/participations/77/3").verdict()).as("parent gone: the child is gone").isEqualTo(Verdict.DELETED);
        body = "{\"data\":{\"id\":77,\"project_id\":5,\"status\":\"scheduled\",\"participants\":[{\"user_id\":3,\"status\":\"signed_up\"}]}}";
        assertThat(verify("acme/project-dates/5/77").verdict()).isEqualTo(Verdict.FILTER_MISMATCH);
        assertThat(verify("acme/participations/77/3").verdict()).isEqualTo(Verdict.FILTER_MISMATCH);
    }
}
