package io.vomorecon.sandbox.bench;

import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.MutationRates;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.sandbox.api.ApiServer;
import io.vomorecon.sandbox.api.Render;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.sandbox.world.Group;
import io.vomorecon.sandbox.world.GroupMember;
import io.vomorecon.sandbox.world.Listed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How fast the sandbox serves a 50,000-user customer with rate limits off, each case against a
 * baseline in the same run; prints medians of several passes and their ratios:
 * <ol>
 * <li>a full {@code /users} listing (3,334 pages) and every page of every group's members over HTTP,
 *     each against the same number of requests to a static handler on the same server and pool
 *     returning a body of the same size;</li>
 * <li>the same members pages answered in process ({@link ApiServer#get}: the handler's own CPU, no socket);</li>
 * <li>the members list step as it was (copy and sort the group for every page) against the cached
 *     list order, and VOMO timestamps by {@code DateTimeFormatter} (as before) against
 *     {@link Render#timestamp}. The former ways live here only, as the baseline.</li>
 * </ol>
 *
 * <p>Run: {@code mvn -q -pl vomo-sandbox exec:java -Dexec.mainClass=io.vomorecon.sandbox.bench.SandboxBenchmark
 * [-Dexec.args="users passes clients"]}
 */
public final class SandboxBenchmark {

    private static final Comparator<Listed> LIST_ORDER = Comparator.comparingLong(Listed::updatedAt).thenComparingLong(Listed::id);
    private static final DateTimeFormatter[] FORMATTERS = {
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'", Locale.ROOT),
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", Locale.ROOT),
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT),
    };

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;

        long t0 = System.nanoTime();
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.of(1, new CustomerSpec("bench", users)).withRates(MutationRates.none()))) {
            double genSeconds = (System.nanoTime() - t0) / 1e9;
            CustomerWorld w = sandbox.world().require("bench");
            String token = w.token();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = sandbox.baseUrl().replace("/v1", "");

            List<String> userPages = new ArrayList<>();
            for (int p = 1; p <= (users + 14) / 15; p++) {
                userPages.add(sandbox.baseUrl() + "/users?page=" + p);
            }
            List<Group> groups = w.read(() -> List.copyOf(w.groupIndex().view()));
            List<String> memberPages = new ArrayList<>();
            int largest = 0;
            for (Group g : groups) {
                int n = w.read(() -> g.members.size());
                largest = Math.max(largest, n);
                for (int p = 1; p <= Math.max(1, (n + 14) / 15); p++) {
                    memberPages.add(sandbox.baseUrl() + "/groups/" + g.id() + "/members?page=" + p);
                }
            }
            sandbox.apiServer().addStatic("/baseline-users", get(http, userPages.get(0), token));
            sandbox.apiServer().addStatic("/baseline-members", get(http, memberPages.get(0), token));
            List<String> usersBaseline = userPages.stream().map(u -> base + "/baseline-users").toList();
            List<String> membersBaseline = memberPages.stream().map(u -> base + "/baseline-members").toList();

            System.out.printf(Locale.ROOT, "generated %d users in %.2f s; %d user pages, %d groups (largest %d members) = %d member pages;"
                    + " %d client threads; %d passes%n", users, genSeconds, userPages.size(), groups.size(), largest, memberPages.size(),
                    clients, passes);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            compareOverHttp("full /users listing", pool, http, token, clients, passes, userPages, usersBaseline);
            compareOverHttp("every group's members pages", pool, http, token, clients, passes, memberPages, membersBaseline);
            pool.shutdown();

            double[] handler = new double[passes];
            inProcess(sandbox, token, memberPages);
            for (int i = 0; i < passes; i++) {
                handler[i] = inProcess(sandbox, token, memberPages);
            }
            System.out.printf(Locale.ROOT, "members pages answered in process (handler CPU, one thread): median %.1f µs a page%n",
                    median(handler) / 1e3);

            double[] sortEach = new double[passes];
            double[] cached = new double[passes];
            listStep(w, groups, false);
            listStep(w, groups, true);
            for (int i = 0; i < passes; i++) {
                sortEach[i] = listStep(w, groups, false);
                cached[i] = listStep(w, groups, true);
            }
            System.out.printf(Locale.ROOT, "members list step: sorted per request (before) %.1f µs a page, cached order %.2f µs a page,"
                    + " ratio %.0fx%n", median(sortEach) / 1e3, median(cached) / 1e3, median(sortEach) / median(cached));

            double[] formatter = new double[passes];
            double[] byHand = new double[passes];
            timestamps(false);
            timestamps(true);
            for (int i = 0; i < passes; i++) {
                formatter[i] = timestamps(false);
                byHand[i] = timestamps(true);
            }
            System.out.printf(Locale.ROOT, "timestamps: DateTimeFormatter (before) %.0f ns each, by hand %.0f ns each, ratio %.1fx%n",
                    median(formatter), median(byHand), median(formatter) / median(byHand));
        }
    }

    private static void compareOverHttp(String what, ExecutorService pool, HttpClient http, String token, int clients, int passes,
                                        List<String> urls, List<String> baselineUrls) throws Exception {
        double[] api = new double[passes];
        double[] baseline = new double[passes];
        pass(pool, http, token, clients, urls);
        pass(pool, http, token, clients, baselineUrls);
        for (int i = 0; i < passes; i++) {
            api[i] = pass(pool, http, token, clients, urls);
            baseline[i] = pass(pool, http, token, clients, baselineUrls);
            System.out.printf(Locale.ROOT, "%s pass %d: sandbox %.0f req/s, static baseline %.0f req/s%n", what, i + 1, api[i], baseline[i]);
        }
        double a = median(api);
        double b = median(baseline);
        System.out.printf(Locale.ROOT, "median: %s %.0f req/s (%.2f s for %d pages), baseline %.0f req/s, ratio %.2f%n",
                what, a, urls.size() / a, urls.size(), b, a / b);
    }

    private static byte[] get(HttpClient http, String url, String token) throws Exception {
        return http.send(request(url, token), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private static HttpRequest request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
    }

    /** Requests every url once from {@code clients} threads; returns requests per second. */
    private static double pass(ExecutorService pool, HttpClient http, String token, int clients, List<String> urls) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                int n = 0;
                for (int i = next.getAndIncrement(); i < urls.size(); i = next.getAndIncrement()) {
                    HttpResponse<byte[]> r = http.send(request(urls.get(i), token), HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(urls.get(i) + " answered " + r.statusCode());
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

    /** Every url answered in process on this thread; nanoseconds per answer. */
    private static double inProcess(Sandbox sandbox, String token, List<String> urls) {
        long bytes = 0;
        long start = System.nanoTime();
        for (String u : urls) {
            ApiServer.DirectAnswer a = sandbox.apiServer().get(URI.create(u), token, "benchmark");
            if (a.status() != 200) {
                throw new IllegalStateException(u + " answered " + a.status());
            }
            bytes += a.body().length;
        }
        long ns = System.nanoTime() - start;
        if (bytes == 0) {
            throw new IllegalStateException("no bytes answered");
        }
        return ns / (double) urls.size();
    }

    /**
     * The list step of every members page (the page's slice of the group in list order): either
     * copied and sorted per page, as before, or the world's cached order. Nanoseconds per page.
     */
    private static double listStep(CustomerWorld w, List<Group> groups, boolean cachedOrder) {
        return w.read(() -> {
            long check = 0;
            int pages = 0;
            long start = System.nanoTime();
            for (Group g : groups) {
                int n = g.members.size();
                for (int from = 0; from < Math.max(1, n); from += 15) {
                    List<GroupMember> inOrder = cachedOrder ? w.membersInListOrder(g)
                            : g.members.values().stream().sorted(LIST_ORDER).toList();
                    List<GroupMember> page = inOrder.subList(Math.min(from, n), Math.min(n, from + 15));
                    check += page.isEmpty() ? 0 : page.get(0).userId;
                    pages++;
                }
            }
            long ns = System.nanoTime() - start;
            if (check == 42) {
                System.out.println("(checksum)");
            }
            return ns / (double) pages;
        });
    }

    /** One million VOMO timestamps (2022-2026, all three shapes); nanoseconds per timestamp. */
    private static double timestamps(boolean byHand) {
        SplittableRandom r = new SplittableRandom(1);
        int n = 1_000_000;
        long chars = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = r.nextLong(1_640_995_200L, 1_798_761_600L);
            int shape = i % 3;
            String s = byHand ? Render.timestamp(t, shape) : FORMATTERS[shape].format(LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC));
            chars += s.length();
        }
        long ns = System.nanoTime() - start;
        if (chars == 0) {
            throw new IllegalStateException("nothing formatted");
        }
        return ns / (double) n;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
