package io.vomorecon.poller.run;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A scripted VOMO over a real socket for scanner tests: fixed answers per path and query (a path
 * alone answers every query not scripted), a count of requests per path, the most requests it ever had in flight at once, and
 * two gates a test can put on paths: {@link #gather} holds requests until a number of them are
 * in flight together (proof of overlap), {@link #hold} holds requests until the test opens it.
 * Sixteen server threads, so that the server is never what limits the overlap.
 */
final class StubVomo implements AutoCloseable {

    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "stub-vomo");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Supplier<Answer>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Predicate<String> gathered = p -> false;
    private volatile CountDownLatch gathering = new CountDownLatch(0);
    private volatile Predicate<String> held = p -> false;
    private final CountDownLatch opened = new CountDownLatch(1);

    StubVomo() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            boolean counted = true;
            try {
                served.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                if (gathered.test(path)) {
                    gathering.countDown();
                    // Bounded: a serial client never brings the others, and must fail the test, not hang it.
                    gathering.await(5, TimeUnit.SECONDS);
                }
                if (held.test(path)) {
                    opened.await(20, TimeUnit.SECONDS);
                }
                Supplier<Answer> route = query == null ? null : routes.get(path + "?" + query);
                route = route == null ? routes.get(path) : route;
                Answer a = route == null ? new Answer(404, "{\"message\":\"Not found\"}") : route.get();
                byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
                // No longer in flight once the answer leaves: a client may send its next request as soon as it has it.
                inFlight.decrementAndGet();
                counted = false;
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    ex.getResponseBody().write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The client gave up on this request (a cancelled read): nothing to answer.
            } finally {
                if (counted) {
                    inFlight.decrementAndGet();
                }
                ex.close();
            }
        });
        server.start();
    }

    /** e.g. {@code http://127.0.0.1:41234/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Answers {@code /v1/<path>} (optionally with {@code ?<query>}) with 200 and the body. */
    StubVomo json(String path, String body) {
        return answer(path, () -> new Answer(200, body));
    }

    StubVomo status(String path, int status) {
        return answer(path, () -> new Answer(status, "{\"message\":\"HTTP " + status + "\"}"));
    }

    StubVomo answer(String path, Supplier<Answer> answer) {
        routes.put("/v1/" + path, answer);
        return this;
    }

    /** Requests to paths {@code which} accepts wait until {@code n} of them are in the server at once (at most 5 s). */
    void gather(Predicate<String> which, int n) {
        gathering = new CountDownLatch(n);
        gathered = which;
    }

    /** Requests to paths {@code which} accepts wait until {@link #open()} (at most 20 s). */
    void hold(Predicate<String> which) {
        held = which;
    }

    void open() {
        opened.countDown();
    }

    int served(String path) {
        AtomicInteger n = served.get("/v1/" + path);
        return n == null ? 0 : n.get();
    }

    int servedMatching(Predicate<String> which) {
        return served.entrySet().stream().filter(e -> which.test(e.getKey())).mapToInt(e -> e.getValue().get()).sum();
    }

    int inFlight() {
        return inFlight.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    void resetMaxInFlight() {
        maxInFlight.set(inFlight.get());
    }

    @Override
    public void close() {
        open();
        server.stop(0);
        threads.shutdownNow();
    }
}
