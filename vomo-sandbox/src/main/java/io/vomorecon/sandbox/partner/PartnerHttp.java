package io.vomorecon.sandbox.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.sandbox.api.ApiServer;
import io.vomorecon.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner's own small VOMO client (it is the partner's code, not vomo-recon's poller): Bearer
 * token, a timeout, a few retries on 429 (honouring Retry-After) and on 5xx. Never logs the token.
 *
 * <p>In process (requests handed to the API's handler, {@link #direct}), a retry's wait is not
 * slept: only a harness on a simulated clock asks in process, its clock stands still while the
 * partner polls, so a {@code Retry-After} of one second has no simulated length, and sleeping it
 * in real time would only stretch the run. The retry itself still happens (a storm's refusals
 * are counted by requests, not by time). Over HTTP the wait is slept.
 */
final class PartnerHttp {

    static final String USER_AGENT = "vomo-sandbox-partner/1";
    private static final Logger LOG = LoggerFactory.getLogger(PartnerHttp.class);
    private static final int ATTEMPTS = 4;

    /** A non-2xx answer that retries did not cure. */
    static final class ApiError extends IOException {
        final int status;

        ApiError(int status, String path) {
            super("HTTP " + status + " for " + path);
            this.status = status;
        }
    }

    private final HttpClient http;
    private final String base;
    private final String token;
    private final Duration timeout;
    private final Pause pause;
    /** When set, requests go to the API's handler in this process instead of over the socket (the initial load). */
    private volatile ApiServer direct;

    PartnerHttp(HttpClient http, String base, String token, Duration timeout) {
        this(http, base, token, timeout, PartnerHttp::sleep);
    }

    PartnerHttp(HttpClient http, String base, String token, Duration timeout, Pause pause) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.pause = pause;
    }

    /** How the client waits before a retry (a seam for the test of the in-process rule). */
    @FunctionalInterface
    interface Pause {
        void millis(long millis) throws IOException;
    }

    /** Sends the following requests to {@code api} in process (no socket), or over HTTP again when empty. */
    void direct(Optional<ApiServer> api) {
        this.direct = api.orElse(null);
    }

    private record Reply(int status, byte[] body, Optional<Long> retryAfter) {
    }

    /** GET a path (below /v1) or an absolute URL from links.next; empty on 404 and 403. */
    Optional<JsonNode> get(String pathOrUrl) throws IOException {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Reply r;
            try {
                r = send(url);
            } catch (IOException e) {
                last = e;
                LOG.debug("partner GET {} failed (attempt {}): {}", pathOrUrl, attempt, e.toString());
                continue;
            }
            int s = r.status();
            if (s == 200) {
                return Optional.of(Json.mapper().readTree(r.body()));
            }
            if (s == 404 || s == 403) {
                return Optional.empty();
            }
            last = new ApiError(s, pathOrUrl);
            if (s == 429 || s >= 500) {
                long wait = Math.min(s == 429 ? r.retryAfter().orElse(1L) * 1000 : 100L * attempt, 2000);
                if (direct == null) {
                    pause.millis(wait);
                } else {
                    LOG.debug("partner GET {} answered {} in process; retrying without the {} ms wait", pathOrUrl, s, wait);
                }
                continue;
            }
            throw last;
        }
        throw last;
    }

    private Reply send(String url) throws IOException {
        ApiServer api = direct;
        if (api != null) {
            ApiServer.DirectAnswer a = api.get(URI.create(url), token, USER_AGENT);
            return new Reply(a.status(), a.body(), a.retryAfter() > 0 ? Optional.of(a.retryAfter()) : Optional.empty());
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer " + token).header("User-Agent", USER_AGENT).GET().build();
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").map(Long::parseLong));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
