package io.vomorecon.poller.vomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.Secret;
import io.vomorecon.poller.throttle.AdaptiveThrottle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a JDK HttpServer that answers error shapes the sandbox cannot be made to
 * produce on demand: exact 5xx sequences, a Retry-After, a cut-short page, a foreign next link.
 */
class VomoClientTest {

    private HttpServer server;
    private String base;
    private final Map<String, Function<HttpExchange, Answer>> routes = new ConcurrentHashMap<>();
    private final List<String> authHeaders = new CopyOnWriteArrayList<>();
    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(String body) {
            return new Answer(200, body, Map.of());
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            authHeaders.add(ex.getRequestHeaders().getFirst("Authorization"));
            String key = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            Function<HttpExchange, Answer> route = routes.get(key);
            Answer a = route == null ? new Answer(404, "{\"message\":\"Not found\"}", Map.of()) : route.apply(ex);
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private VomoClient client(AdaptiveThrottle throttle) {
        HttpSettings s = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(5),
                Duration.ofMillis(20), Duration.ofSeconds(30), null);
        return new VomoClient("acme", base, Secret.of("s3cret-token"), throttle, VomoClient.httpClient(s), s,
                Clock.systemUTC(), slept::add);
    }

    private VomoClient client() {
        return client(new AdaptiveThrottle("acme", 1000, Duration.ofSeconds(5), Clock.systemUTC()));
    }

    private static String page(String data, String next) {
        return "{\"data\":[" + data + "],\"links\":{\"next\":" + (next == null ? "null" : "\"" + next + "\"")
                + "},\"meta\":{\"per_page\":\"15\"}}";
    }

    private static String records(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add("{\"id\":" + (i % 2 == 0 ? "\"" + i + "\"" : i) + "}");
        }
        return String.join(",", out);
    }

    @Test
    void followsNextLinksAsGivenAndSendsTheBearerToken() throws Exception {
        routes.put("/v1/users", ex -> Answer.json(page(records(1, 15), base + "/users?page=2&x=y")));
        routes.put("/v1/users?page=2&x=y", ex -> Answer.json(page(records(16, 20), null)));
        RequestCounter counter = new RequestCounter();
        List<JsonNode> seen = new ArrayList<>();
        int pages = client().scan("users", counter, (recs, p) -> seen.addAll(recs));
        assertThat(pages).isEqualTo(2);
        assertThat(seen).hasSize(20);
        assertThat(counter.requests()).isEqualTo(2);
        assertThat(authHeaders).containsOnly("Bearer s3cret-token");
    }

    @Test
    void retriesServerErrorsAndCountsEveryRequest() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        routes.put("/v1/users/7", ex -> calls.incrementAndGet() < 3 ? new Answer(503, "", Map.of())
                : Answer.json("{\"id\":7,\"updated_at\":\"2021-03-29 21:25:37\"}"));
        RequestCounter counter = new RequestCounter();
        VomoResponse r = client().get("users/7", counter);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.record().get("id").asInt()).isEqualTo(7);
        assertThat(counter.requests()).isEqualTo(3);
        assertThat(counter.retries()).isEqualTo(2);
    }

    @Test
    void givesUpAfterMaxAttemptsWithAReasonThatNamesNoToken() {
        routes.put("/v1/users/7", ex -> new Answer(500, "{\"message\":\"Server Error\"}", Map.of()));
        RequestCounter counter = new RequestCounter();
        assertThatThrownBy(() -> client().get("users/7", counter))
                .isInstanceOfSatisfying(VomoCallFailed.class, e -> {
                    assertThat(e.getMessage()).contains("/v1/users/7").contains("HTTP 500").contains("3 tries")
                            .doesNotContain("s3cret");
                    assertThat(e.status()).hasValue(500);
                });
        assertThat(counter.requests()).isEqualTo(3);
    }

    @Test
    void honoursRetryAfterOn429WithoutUsingUpRetriesAndHalvesTheThrottle() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        routes.put("/v1/users/7", ex -> calls.incrementAndGet() <= 4 ? new Answer(429, "", Map.of("Retry-After", "2"))
                : Answer.json("{\"id\":7}"));
        // The throttle's clock moves with the client's (fake) sleeps, as the real one would during Retry-After waits.
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        Clock sleptClock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return slept.stream().reduce(t0, Instant::plus, (a, b) -> b);
            }
        };
        AdaptiveThrottle throttle = new AdaptiveThrottle("acme", 64, Duration.ofSeconds(5), sleptClock);
        RequestCounter counter = new RequestCounter();
        VomoResponse r = client(throttle).get("users/7", counter);
        assertThat(r.status()).isEqualTo(200);
        assertThat(counter.requests()).isEqualTo(5);
        assertThat(counter.rateLimitedAnswers()).isEqualTo(4);
        assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(throttle.currentRate()).isEqualTo(4.0);
    }

    @Test
    void a429StormLongerThanTheAllowedWaitFails() {
        routes.put("/v1/users/7", ex -> new Answer(429, "", Map.of("Retry-After", "20")));
        assertThatThrownBy(() -> client().get("users/7", new RequestCounter()))
                .isInstanceOfSatisfying(VomoCallFailed.class, e -> assertThat(e.status()).hasValue(429));
    }

    @Test
    void aPageCutShortIsRetriedAndThenFailsTheScan() {
        AtomicInteger calls = new AtomicInteger();
        routes.put("/v1/users", ex -> Answer.json(page(records(1, 15), base + "/users?page=2")));
        routes.put("/v1/users?page=2", ex -> {
            calls.incrementAndGet();
            return Answer.json(page(records(16, 20), base + "/users?page=3"));
        });
        RequestCounter counter = new RequestCounter();
        assertThatThrownBy(() -> client().scan("users", counter, (r, p) -> { }))
                .isInstanceOfSatisfying(VomoCallFailed.class, e -> assertThat(e.getMessage()).contains("cut short"));
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void malformedJsonIsRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        routes.put("/v1/users", ex -> calls.incrementAndGet() == 1 ? Answer.json("{\"data\":[{\"id\":1},")
                : Answer.json(page(records(1, 3), null)));
        List<JsonNode> seen = new ArrayList<>();
        client().scan("users", new RequestCounter(), (r, p) -> seen.addAll(r));
        assertThat(seen).hasSize(3);
    }

    @Test
    void aListAnswering403IsRejectedWithItsStatusAndPage() {
        routes.put("/v1/groups/4/members", ex -> new Answer(403, "{\"message\":\"This action is unauthorized.\"}", Map.of()));
        assertThatThrownBy(() -> client().scan("groups/4/members", new RequestCounter(), (r, p) -> { }))
                .isInstanceOfSatisfying(ListRejected.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.page()).isEqualTo(1);
                });
    }

    @Test
    void neverSendsTheTokenToAnotherOrigin() {
        routes.put("/v1/users", ex -> Answer.json(page(records(1, 15), "http://evil.example:1/v1/users?page=2")));
        assertThatThrownBy(() -> client().scan("users", new RequestCounter(), (r, p) -> { }))
                .isInstanceOfSatisfying(VomoCallFailed.class, e -> assertThat(e.getMessage()).contains("origin"));
        assertThat(authHeaders).hasSize(1);
    }

    @Test
    void aNextLinkThatLoopsFails() {
        routes.put("/v1/users", ex -> Answer.json(page(records(1, 15), base + "/users")));
        assertThatThrownBy(() -> client().scan("users", new RequestCounter(), (r, p) -> { }))
                .isInstanceOfSatisfying(VomoCallFailed.class, e -> assertThat(e.getMessage()).contains("already read"));
    }

    @Test
    void notFoundAndForbiddenDetailsAreAnswersNotFailures() throws Exception {
        routes.put("/v1/users/8", ex -> new Answer(403, "{\"message\":\"This action is unauthorized.\"}", Map.of()));
        RequestCounter counter = new RequestCounter();
        assertThat(client().get("users/9", counter).status()).isEqualTo(404);
        assertThat(client().get("users/8", counter).status()).isEqualTo(403);
        assertThat(counter.requests()).isEqualTo(2);
    }
}
