package io.vomorecon.poller.vomo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.Secret;
import io.vomorecon.poller.throttle.AdaptiveThrottle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A list's pages requested ahead: the pages taken are those following links.next gives, in the
 * same order and with the same failures, whatever the list does while it is read (grows, shrinks,
 * pages some other way); the pages really are in flight together; a page nobody takes fails
 * nothing. Against a JDK HttpServer with eight threads, so the server never serialises the reads.
 */
class PagesAheadTest {

    private HttpServer server;
    private ExecutorService serverThreads;
    private String base;
    private final Map<String, Supplier<Answer>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private ParallelReads reads;

    record Answer(int status, String body) {
    }

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK
        // (40 ms a request); read once per JVM, so it only helps when no server was made before this class.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    @BeforeEach
    void start() throws IOException {
        serverThreads = Executors.newFixedThreadPool(8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(serverThreads);
        server.createContext("/", ex -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                String key = ex.getRequestURI().getRawPath()
                        + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
                served.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                Supplier<Answer> route = routes.get(key);
                Answer a = route == null ? new Answer(404, "{\"message\":\"Not found\"}") : route.get();
                byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(a.status(), bytes.length);
                ex.getResponseBody().write(bytes);
            } finally {
                inFlight.decrementAndGet();
                ex.close();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        reads = new ParallelReads(4, "r-test");
    }

    @AfterEach
    void stop() {
        reads.close();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private VomoClient client() {
        HttpSettings s = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 2, Duration.ofMillis(5),
                Duration.ofMillis(20), Duration.ofSeconds(30), null);
        return new VomoClient("acme", base, Secret.of("t"), new AdaptiveThrottle("acme", 100_000, Duration.ofSeconds(5), Clock.systemUTC()),
                VomoClient.httpClient(s), s, Clock.systemUTC(), d -> { });
    }

    /** Page {@code n} of a Laravel list at {@code path} (query {@code extra} kept before the page), with {@code count} records. */
    private String page(String path, String extra, int n, int lastPage, int count, String next) {
        List<String> data = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            data.add("{\"id\":" + ((n - 1) * 15 + i + 1) + "}");
        }
        String url = base + "/" + path + "?" + extra;
        return "{\"data\":[" + String.join(",", data) + "],\"links\":{\"first\":\"" + url + "page=1\",\"last\":\"" + url + "page="
                + lastPage + "\",\"next\":" + (next == null ? "null" : "\"" + next + "\"") + "},\"meta\":{\"current_page\":" + n
                + ",\"last_page\":" + lastPage + ",\"per_page\":15,\"total\":" + lastPage * 15 + "}}";
    }

    /** A list of {@code pages} full pages at users?{@code extra}page=N, as the sandbox and VOMO page it. */
    private void list(String extra, int pages) {
        for (int n = 1; n <= pages; n++) {
            String next = n < pages ? base + "/users?" + extra + "page=" + (n + 1) : null;
            String body = page("users", extra, n, pages, 15, next);
            routes.put("/v1/users" + (n == 1 ? (extra.isEmpty() ? "" : "?" + extra.substring(0, extra.length() - 1)) : "?" + extra + "page=" + n),
                    () -> new Answer(200, body));
        }
    }

    private record Scanned(List<Long> ids, List<Integer> pageNumbers, int pages, long requests) {
    }

    private Scanned scan(String path, ParallelReads ahead) throws VomoCallFailed {
        List<Long> ids = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        RequestCounter counter = new RequestCounter();
        int pages = client().scan(path, counter, (records, n) -> {
            numbers.add(n);
            for (JsonNode r : records) {
                ids.add(r.get("id").asLong());
            }
        }, ahead);
        return new Scanned(ids, numbers, pages, counter.requests());
    }

    @Test
    void aLongListReadAheadIsTheListReadLinkByLinkWithTheSameRequests() throws Exception {
        list("updated_after=2025-06-01T00%3A00%3A00Z&", 60);
        Scanned serial = scan("users?updated_after=2025-06-01T00%3A00%3A00Z", null);
        assertThat(maxInFlight.get()).as("link by link, one request at a time").isEqualTo(1);

        Scanned ahead = scan("users?updated_after=2025-06-01T00%3A00%3A00Z", reads);

        assertThat(serial.ids()).hasSize(60 * 15).doesNotHaveDuplicates();
        assertThat(ahead.ids()).as("records in page order").isEqualTo(serial.ids());
        assertThat(ahead.pageNumbers()).isEqualTo(serial.pageNumbers()).startsWith(1, 2, 3).endsWith(60);
        assertThat(ahead.pages()).isEqualTo(60);
        assertThat(ahead.requests()).as("one request a page, as link by link").isEqualTo(serial.requests()).isEqualTo(60);
        // That pages are in flight together is proven, without a race, by pagesReallyOverlap.
    }

    @Test
    void pagesReallyOverlap() throws Exception {
        list("", 6);
        CountDownLatch third = new CountDownLatch(1);
        String page2 = page("users", "", 2, 6, 15, base + "/users?page=3");
        String page3 = page("users", "", 3, 6, 15, base + "/users?page=4");
        // Page 2 answers only once page 3 was asked for: a client reading link by link would wait 5 s here and fail the test.
        routes.put("/v1/users?page=2", () -> {
            try {
                return third.await(5, TimeUnit.SECONDS) ? new Answer(200, page2) : new Answer(500, "{}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(500, "{}");
            }
        });
        routes.put("/v1/users?page=3", () -> {
            third.countDown();
            return new Answer(200, page3);
        });
        Scanned s = scan("users", reads);
        assertThat(s.pages()).isEqualTo(6);
        assertThat(s.ids()).hasSize(90);
        assertThat(served.get("/v1/users?page=2").get()).as("page 2 answered at its first request").isEqualTo(1);
    }

    @Test
    void aListThatGrowsWhileReadIsFollowedPastThePlannedLastPage() throws Exception {
        list("", 5);
        // Page 5 was the last when page 1 was read; by the time it is read, records were added.
        String page5 = page("users", "", 5, 6, 15, base + "/users?page=6");
        routes.put("/v1/users?page=5", () -> new Answer(200, page5));
        String page6 = page("users", "", 6, 6, 4, null);
        routes.put("/v1/users?page=6", () -> new Answer(200, page6));

        Scanned s = scan("users", reads);
        assertThat(s.pages()).isEqualTo(6);
        assertThat(s.pageNumbers()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(s.ids()).hasSize(5 * 15 + 4).doesNotHaveDuplicates();
    }

    @Test
    void aListThatShrinksWhileReadEndsWhereItsLinksEndAndThePagesPastItFailNothing() throws Exception {
        list("", 8);
        // Page 4 became the last (records were deleted); pages 5 to 8 now fail, which must not matter.
        String page4 = page("users", "", 4, 4, 15, null);
        routes.put("/v1/users?page=4", () -> new Answer(200, page4));
        for (int n = 5; n <= 8; n++) {
            routes.put("/v1/users?page=" + n, () -> new Answer(500, "{\"message\":\"Server Error\"}"));
        }
        Scanned s = scan("users", reads);
        assertThat(s.pages()).isEqualTo(4);
        assertThat(s.pageNumbers()).containsExactly(1, 2, 3, 4);
        assertThat(s.ids()).hasSize(60);
    }

    @Test
    void aPageWhoseNextIsNotThePlannedOneIsFollowedLinkByLinkFromThere() throws Exception {
        list("", 6);
        // Page 3 leads elsewhere (a server that changes how it pages): the planned pages 4 to 6 are dropped.
        String page3 = page("users", "", 3, 6, 15, base + "/users?cursor=abc");
        routes.put("/v1/users?page=3", () -> new Answer(200, page3));
        String cursor = "{\"data\":[{\"id\":1001},{\"id\":1002}],\"links\":{\"next\":null},\"meta\":{\"per_page\":15}}";
        routes.put("/v1/users?cursor=abc", () -> new Answer(200, cursor));

        Scanned s = scan("users", reads);
        assertThat(s.pageNumbers()).containsExactly(1, 2, 3, 4);
        assertThat(s.ids()).hasSize(3 * 15 + 2).endsWith(1001L, 1002L);
        assertThat(served.get("/v1/users?cursor=abc").get()).isEqualTo(1);
    }

    @Test
    void aTakenPageThatFailsFailsTheScanAsLinkByLink() {
        list("", 6);
        routes.put("/v1/users?page=3", () -> new Answer(403, "{\"message\":\"This action is unauthorized.\"}"));
        assertThatThrownBy(() -> scan("users", reads)).isInstanceOfSatisfying(ListRejected.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.page()).isEqualTo(3);
        });
        assertThatThrownBy(() -> scan("users", null)).isInstanceOfSatisfying(ListRejected.class, e -> assertThat(e.page()).isEqualTo(3));
    }

    @Test
    void aCutShortPageIsRetriedThenFailsTheScanAsLinkByLink() {
        list("", 6);
        String short2 = page("users", "", 2, 6, 9, base + "/users?page=3");
        routes.put("/v1/users?page=2", () -> new Answer(200, short2));
        assertThatThrownBy(() -> scan("users", reads))
                .isInstanceOfSatisfying(VomoCallFailed.class, e -> assertThat(e.getMessage()).contains("cut short"));
        assertThat(served.get("/v1/users?page=2").get()).as("two tries").isEqualTo(2);
    }

    // ---- the plan ----

    private static URI u(String s) {
        return URI.create(s);
    }

    @Test
    void planKeepsTheOtherParametersInTheirPlace() {
        PagesAhead plan = PagesAhead.of(u("http://h:1/v1/users?updated_after=x&page=2&updated_before=y"), OptionalLong.of(40),
                Optional.of(u("http://h:1/v1/users?updated_after=x&page=40&updated_before=y"))).orElseThrow();
        assertThat(plan.url(7)).isEqualTo(u("http://h:1/v1/users?updated_after=x&page=7&updated_before=y"));
        assertThat(plan.pages()).hasSize(39).startsWith(2, 3).endsWith(40);
        assertThat(PagesAhead.of(u("http://h:1/v1/users?page=2"), OptionalLong.of(3), Optional.empty()).orElseThrow().url(3))
                .isEqualTo(u("http://h:1/v1/users?page=3"));
    }

    @Test
    void noPlanWhenThePagingIsNotUnambiguous() {
        Optional<URI> none = Optional.empty();
        assertThat(PagesAhead.of(u("http://h/v1/users?cursor=abc"), OptionalLong.of(40), none)).as("no page parameter").isEmpty();
        assertThat(PagesAhead.of(u("http://h/v1/users?page=3"), OptionalLong.of(40), none)).as("next is not page 2").isEmpty();
        assertThat(PagesAhead.of(u("http://h/v1/users?page=2&page=2"), OptionalLong.of(40), none)).as("two page parameters").isEmpty();
        assertThat(PagesAhead.of(u("http://h/v1/users?page=2"), OptionalLong.empty(), none)).as("no last_page").isEmpty();
        assertThat(PagesAhead.of(u("http://h/v1/users?page=2"), OptionalLong.of(2), none)).as("nothing to read ahead").isEmpty();
        assertThat(PagesAhead.of(u("http://h/v1/users?page=2"), OptionalLong.of(40), Optional.of(u("http://h/v1/users?page=39"))))
                .as("links.last disagrees with meta.last_page").isEmpty();
        assertThat(PagesAhead.of(u("http://h/v1/users?page=2"), OptionalLong.of(40), Optional.of(u("http://h/v1/users?page=40"))))
                .isPresent();
    }
}
