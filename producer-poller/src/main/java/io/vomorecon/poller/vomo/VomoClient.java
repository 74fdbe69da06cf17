package io.vomorecon.poller.vomo;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.Secret;
import io.vomorecon.poller.throttle.AdaptiveThrottle;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.VomoValues;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VOMO API as one customer's token sees it, over {@code java.net.http}. Every request waits
 * for the customer's {@link AdaptiveThrottle}, is counted on the caller's {@link RequestCounter},
 * and is retried with jittered exponential backoff (resilience4j) on 5xx, I/O errors, timeouts
 * and malformed bodies; a 429 halves the throttle and waits out {@code Retry-After} without
 * using up a retry. List scans follow {@code links.next} exactly as given.
 *
 * <p>Safe to call from several threads at once (a scan's parallel reads share one client and one
 * {@link RequestCounter}): its state is immutable after construction, and the {@code HttpClient},
 * the resilience4j {@code Retry} (a fresh context per call) and the throttle are thread-safe.
 *
 * <p>Never logs or puts into an exception the token, a query value that could be personal, or a
 * record's content; never sends the token to another origin than the configured base URL.
 */
public final class VomoClient {

    private static final Logger LOG = LoggerFactory.getLogger(VomoClient.class);
    /** VOMO's fixed page size; a non-last page with fewer records was cut short. */
    public static final int PAGE_SIZE = 15;
    /** Lets VOMO (and the sandbox's per-agent counters) tell reconciliation's requests from the partner's own. */
    public static final String USER_AGENT = "vomo-recon-poller/0.1";

    private final String customer;
    private final URI base;
    private final Secret token;
    private final AdaptiveThrottle throttle;
    private final HttpClient http;
    private final HttpSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Retry retry;

    public VomoClient(String customer, String baseUrl, Secret token, AdaptiveThrottle throttle, HttpClient http,
                      HttpSettings settings, Clock clock, Sleeper sleeper) {
        this.customer = customer;
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.token = Objects.requireNonNull(token);
        this.throttle = throttle;
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff());
        this.retry = Retry.of("vomo-" + customer, RetryConfig.<VomoResponse>custom()
                .maxAttempts(settings.maxAttempts())
                .retryExceptions(Transient.class)
                .intervalBiFunction(IntervalBiFunction.ofIntervalFunction(backoff))
                .build());
    }

    /** An {@link HttpClient} with the configured connect timeout; share one across customers. */
    public static HttpClient httpClient(HttpSettings settings) {
        return HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public String customer() {
        return customer;
    }

    public AdaptiveThrottle throttle() {
        return throttle;
    }

    /**
     * One GET of a path below the base URL ({@code users/8205}) or an absolute URL of the same
     * origin. Answers every status that is not worth retrying (2xx, 401, 403, 404, 422, ...);
     * throws when 5xx or I/O errors outlast the retries or 429s outlast the allowed wait.
     */
    public VomoResponse get(String pathOrUrl, RequestCounter counter) throws VomoCallFailed {
        return get(resolve(pathOrUrl), counter, body -> Optional.empty());
    }

    /** Receives the records of one page of a list scan. */
    @FunctionalInterface
    public interface PageHandler {
        void onPage(List<JsonNode> records, int pageNumber) throws VomoCallFailed;
    }

    /**
     * Reads every page of a list, from {@code path} on through {@code links.next}. Any answer but
     * 2xx, a page that fails past its retries, a non-last page with fewer than 15 records (cut
     * short) that stays so past the retries, or a {@code links.next} that loops or leaves the
     * origin, throws: the caller's run aborts. Returns the number of pages read.
     */
    public int scan(String path, RequestCounter counter, PageHandler handler) throws VomoCallFailed {
        return scan(path, counter, handler, null);
    }

    /**
     * The same, with the pages after the first requested up to {@code ahead}'s concurrency at once
     * when page 1 shows how the list is paged ({@link PagesAhead}): round-trip latency, not the
     * throttle, bounds a scan of thousands of pages. Each page is still taken only when the page
     * before it named exactly its URL as {@code links.next}, so the pages taken are the pages that
     * following the links gives, in the same order, with the same checks and failures; where a page
     * names another next (the list grew or shrank while it was read, or the server pages some other
     * way), the pages requested ahead are dropped and the scan goes on from the link that page gave,
     * one page after another. {@code ahead} null reads one page after another throughout; it must
     * not be given by a caller that is itself one of its read threads.
     */
    public int scan(String path, RequestCounter counter, PageHandler handler, ParallelReads ahead) throws VomoCallFailed {
        URI next = resolve(path);
        Set<URI> seen = new HashSet<>();
        int page = 0;
        while (next != null) {
            if (!seen.add(next)) {
                throw new VomoCallFailed(display(next), "links.next points back to a page already read", OptionalInt.empty());
            }
            page++;
            ListPage p = page(next, page, counter).orThrow();
            handler.onPage(p.records(), page);
            next = p.next();
            if (page == 1 && ahead != null && next != null) {
                Optional<PagesAhead> plan = PagesAhead.of(next, p.lastPage(), p.last());
                if (plan.isPresent()) {
                    Position at = takeAhead(plan.get(), next, seen, counter, handler, ahead);
                    page = at.page();
                    next = at.next();
                }
            }
        }
        return page;
    }

    /** Where a scan stands after the pages it took from those requested ahead: the last page taken and its links.next. */
    private record Position(int page, URI next) {
    }

    private Position takeAhead(PagesAhead plan, URI second, Set<URI> seen, RequestCounter counter, PageHandler handler,
                               ParallelReads ahead) throws VomoCallFailed {
        int[] taken = {1};
        URI[] wanted = {second};
        ahead.inOrderWhile(plan.pages(), n -> display(plan.url(n)), n -> page(plan.url(n), n, counter), (n, read) -> {
            URI url = plan.url(n);
            if (!url.equals(wanted[0]) || !seen.add(url)) {
                return false;
            }
            ListPage p = read.orThrow();
            taken[0] = n;
            handler.onPage(p.records(), n);
            wanted[0] = p.next();
            return wanted[0] != null;
        });
        return new Position(taken[0], wanted[0]);
    }

    /** One page of a list as read: its records, its links.next, and what its meta and links say of the whole list. */
    private record ListPage(List<JsonNode> records, URI next, OptionalLong lastPage, Optional<URI> last) {
    }

    /** A page's read: the page, or the failure that its turn in the scan throws. */
    private record PageRead(ListPage page, VomoCallFailed failure) {
        ListPage orThrow() throws VomoCallFailed {
            if (failure != null) {
                throw failure;
            }
            return page;
        }
    }

    /** Reads page {@code number} of a list at {@code uri}; never throws, so that a page nobody takes fails nothing. */
    private PageRead page(URI uri, int number, RequestCounter counter) {
        try {
            VomoResponse r = get(uri, counter, body -> pageProblem(body, number));
            if (!r.ok()) {
                return new PageRead(null, new ListRejected(display(uri), r.status(), number));
            }
            JsonNode data = r.body().isArray() ? r.body() : r.body().get("data");
            List<JsonNode> records = new ArrayList<>(data.size());
            data.forEach(records::add);
            JsonNode links = r.body().path("links");
            URI next = link(links.get("next"));
            OptionalLong lastPage = lastPage(r.body());
            Optional<URI> last;
            try {
                last = Optional.ofNullable(link(links.get("last")));
            } catch (VomoCallFailed e) {
                // Only ever used to plan pages ahead: a last link off the origin plans nothing.
                last = Optional.empty();
                lastPage = OptionalLong.empty();
            }
            return new PageRead(new ListPage(records, next, lastPage, last), null);
        } catch (VomoCallFailed e) {
            return new PageRead(null, e);
        }
    }

    /** A link of a page, resolved (so it must stay on the configured origin); null when absent. */
    private URI link(JsonNode link) throws VomoCallFailed {
        return link == null || link.isNull() || link.asText().isBlank() ? null : resolve(link.asText());
    }

    private static OptionalLong lastPage(JsonNode body) {
        try {
            Optional<Long> n = VomoValues.count(body.path("meta").get("last_page"));
            return n.isPresent() ? OptionalLong.of(n.get()) : OptionalLong.empty();
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<String> pageProblem(JsonNode body, int page) {
        if (body.isArray()) {
            return Optional.empty(); // an unpaginated list (tolerated): one page
        }
        JsonNode data = body.get("data");
        if (data == null || !data.isArray()) {
            return Optional.of("page " + page + " has no data array");
        }
        JsonNode next = body.path("links").get("next");
        boolean last = next == null || next.isNull() || next.asText().isBlank();
        if (!last) {
            long perPage = perPage(body);
            if (data.size() < perPage) {
                return Optional.of("page " + page + " has " + data.size() + " of " + perPage + " records but is not the last (cut short)");
            }
        }
        return Optional.empty();
    }

    private static long perPage(JsonNode body) {
        try {
            return VomoValues.count(body.path("meta").get("per_page")).orElse((long) PAGE_SIZE);
        } catch (RuntimeException e) {
            return PAGE_SIZE;
        }
    }

    private VomoResponse get(URI uri, RequestCounter counter, BodyCheck check) throws VomoCallFailed {
        try {
            return Retry.decorateCheckedSupplier(retry, () -> attempt(uri, counter, check)).get();
        } catch (Transient t) {
            throw new VomoCallFailed(display(uri), t.getMessage() + " after " + settings.maxAttempts() + " tries", t.status);
        } catch (VomoCallFailed e) {
            throw e;
        } catch (Throwable t) {
            throw new VomoCallFailed(display(uri), "unexpected " + t.getClass().getSimpleName(), OptionalInt.empty());
        }
    }

    private VomoResponse attempt(URI uri, RequestCounter counter, BodyCheck check) throws VomoCallFailed, Transient {
        Duration waitedOnRateLimit = Duration.ZERO;
        int rateLimitedInARow = 0;
        while (true) {
            if (!throttle.acquire()) {
                throw new VomoCallFailed(display(uri), "no request permit from the throttle within the allowed wait",
                        OptionalInt.empty());
            }
            counter.sent();
            HttpResponse<byte[]> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri)
                        .timeout(settings.requestTimeout())
                        .header("Authorization", "Bearer " + token.reveal())
                        .header("Accept", "application/json")
                        .header("User-Agent", USER_AGENT)
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                counter.retried();
                throw new Transient("timed out after " + settings.requestTimeout().toMillis() + " ms", OptionalInt.empty());
            } catch (IOException e) {
                counter.retried();
                throw new Transient("I/O error (" + e.getClass().getSimpleName() + ")", OptionalInt.empty());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VomoCallFailed(display(uri), "interrupted", OptionalInt.empty());
            }
            int status = response.statusCode();
            if (status == 429) {
                counter.rateLimited();
                throttle.onRateLimited();
                rateLimitedInARow++;
                Duration wait = RetryAfter.parse(response.headers().firstValue("Retry-After"), clock.instant())
                        .orElse(backoff(rateLimitedInARow));
                if (waitedOnRateLimit.plus(wait).compareTo(settings.maxRateLimitedWait()) > 0) {
                    throw new VomoCallFailed(display(uri), "rate limited (429) for longer than "
                            + settings.maxRateLimitedWait().toSeconds() + " s", OptionalInt.of(429));
                }
                LOG.debug("{} {}: 429, waiting {} ms", customer, display(uri), wait.toMillis());
                sleep(uri, wait);
                waitedOnRateLimit = waitedOnRateLimit.plus(wait);
                continue;
            }
            if (status >= 500) {
                counter.retried();
                throw new Transient("HTTP " + status, OptionalInt.of(status));
            }
            JsonNode body = parse(response.body());
            if (status >= 200 && status < 300) {
                if (body == null) {
                    counter.retried();
                    throw new Transient("HTTP " + status + " with a body that is not JSON", OptionalInt.of(status));
                }
                Optional<String> problem = check.problem(body);
                if (problem.isPresent()) {
                    counter.retried();
                    throw new Transient(problem.get(), OptionalInt.of(status));
                }
            }
            return new VomoResponse(status, body, display(uri));
        }
    }

    private Duration backoff(int attempt) {
        long base = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 10);
        long capped = Math.min(base, settings.maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + (long) (Math.random() * (capped / 2.0)));
    }

    private void sleep(URI uri, Duration d) throws VomoCallFailed {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VomoCallFailed(display(uri), "interrupted while waiting out a 429", OptionalInt.of(429));
        }
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private URI resolve(String pathOrUrl) throws VomoCallFailed {
        URI u;
        try {
            String p = pathOrUrl.startsWith("/") ? pathOrUrl.substring(1) : pathOrUrl;
            u = pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? URI.create(pathOrUrl) : base.resolve(p);
        } catch (IllegalArgumentException e) {
            throw new VomoCallFailed("(unparsable link)", "not a URL", OptionalInt.empty());
        }
        if (!Objects.equals(u.getScheme(), base.getScheme()) || !Objects.equals(u.getHost(), base.getHost())
                || u.getPort() != base.getPort()) {
            throw new VomoCallFailed(u.getPath(), "link leaves the configured origin; the token is not sent there",
                    OptionalInt.empty());
        }
        return u;
    }

    /** How a request to {@code pathOrUrl} is named in logs and errors (as a failed request's path names it). */
    public String display(String pathOrUrl) {
        try {
            return display(resolve(pathOrUrl));
        } catch (VomoCallFailed e) {
            return pathOrUrl;
        }
    }

    /** The path and query of a URI, for logs and errors (ids and our own filters only). */
    static String display(URI u) {
        return u.getRawQuery() == null ? u.getRawPath() : u.getRawPath() + "?" + u.getRawQuery();
    }

    @FunctionalInterface
    private interface BodyCheck {
        Optional<String> problem(JsonNode body);
    }

    /** A failure worth another try: 5xx, I/O error, timeout, malformed or cut-short body. */
    static final class Transient extends Exception {
        final OptionalInt status;

        Transient(String message, OptionalInt status) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
