package io.vomorecon.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A tiny test client of the sandbox API over a real socket. */
final class ApiClient {

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;
    private final String agent;

    ApiClient(String base, String token) {
        this(base, token, "sandbox-test");
    }

    ApiClient(String base, String token, String agent) {
        this.base = base;
        this.token = token;
        this.agent = agent;
    }

    ApiClient as(String otherToken) {
        return new ApiClient(base, otherToken, agent);
    }

    Reply get(String pathOrUrl) {
        return get(pathOrUrl, Duration.ofSeconds(20));
    }

    Reply get(String pathOrUrl, Duration timeout) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("User-Agent", agent).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every record of a list, following links.next as given; fails on any non-200. */
    List<JsonNode> all(String path) {
        List<JsonNode> out = new ArrayList<>();
        String next = path;
        while (next != null) {
            Reply r = get(next);
            if (r.status() != 200) {
                throw new AssertionError("GET " + next + " answered " + r.status() + ": " + r.body());
            }
            JsonNode page = r.json();
            page.get("data").forEach(out::add);
            JsonNode n = page.get("links").get("next");
            next = n.isNull() ? null : n.asText();
        }
        return out;
    }
}
