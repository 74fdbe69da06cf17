package io.vomorecon.sandbox.bench;

import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.MutationRates;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How fast the sandbox serves a full listing of a 50,000-user customer (3,334 pages) with rate
 * limits off, against a baseline in the same run: the same number of requests to a static
 * handler on the same server and pool, returning a body of the same size. Prints the median
 * requests/s of several passes of each and their ratio.
 *
 * <p>Run: {@code mvn -q -pl vomo-sandbox exec:java -Dexec.mainClass=io.vomorecon.sandbox.bench.SandboxBenchmark
 * [-Dexec.args="users passes clients"]}
 */
public final class SandboxBenchmark {

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;

        long t0 = System.nanoTime();
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.of(1, new CustomerSpec("bench", users)).withRates(MutationRates.none()))) {
            double genSeconds = (System.nanoTime() - t0) / 1e9;
            String token = sandbox.customer("bench").token();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            byte[] samplePage = http.send(request(sandbox.baseUrl() + "/users?page=1", token), HttpResponse.BodyHandlers.ofByteArray()).body();
            sandbox.apiServer().addStatic("/baseline", samplePage);
            String base = sandbox.baseUrl().replace("/v1", "");
            int pages = (users + 14) / 15;

            System.out.printf(Locale.ROOT, "generated %d users in %.2f s; %d pages of 15; %d client threads; %d passes%n",
                    users, genSeconds, pages, clients, passes);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            double[] api = new double[passes];
            double[] baseline = new double[passes];
            pass(pool, http, token, pages, clients, p -> sandbox.baseUrl() + "/users?page=" + p);
            pass(pool, http, token, pages, clients, p -> base + "/baseline");
            for (int i = 0; i < passes; i++) {
                api[i] = pass(pool, http, token, pages, clients, p -> sandbox.baseUrl() + "/users?page=" + p);
                baseline[i] = pass(pool, http, token, pages, clients, p -> base + "/baseline");
                System.out.printf(Locale.ROOT, "pass %d: sandbox %.0f req/s, static baseline %.0f req/s%n", i + 1, api[i], baseline[i]);
            }
            pool.shutdown();
            double a = median(api);
            double b = median(baseline);
            System.out.printf(Locale.ROOT, "median: sandbox full listing %.0f req/s (%.2f s for %d pages), baseline %.0f req/s, ratio %.2f%n",
                    a, pages / a, pages, b, a / b);
        }
    }

    private static HttpRequest request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
    }

    /** Requests pages 1..n (each once) from {@code clients} threads; returns requests per second. */
    private static double pass(ExecutorService pool, HttpClient http, String token, int pages, int clients,
                               java.util.function.IntFunction<String> url) throws Exception {
        AtomicInteger next = new AtomicInteger(1);
        long start = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                int n = 0;
                for (int p = next.getAndIncrement(); p <= pages; p = next.getAndIncrement()) {
                    HttpResponse<byte[]> r = http.send(request(url.apply(p), token), HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("page " + p + " answered " + r.statusCode());
                    }
                    n++;
                }
                return n;
            }));
        }
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get();
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
