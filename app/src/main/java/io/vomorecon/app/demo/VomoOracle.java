package io.vomorecon.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vomorecon.sandbox.api.ApiServer;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scorer's own reading of VOMO (the sandbox), written independently of the poller: every
 * record a customer's token lists, keyed like the product keys them, and the HTTP status of one
 * record by id. It is what "the destination equals VOMO" is checked against. It sends its own
 * User-Agent so that the throttling figures never count it as vomo-recon's share. The demo asks
 * the sandbox API's request handler in the same process (same routing, answers and counters as
 * over HTTP, without the socket: the scoring reads every record once).
 */
final class VomoOracle {

    static final String USER_AGENT = "vomo-recon-e2e-oracle/1";

    private final ApiServer api;
    private final String baseUrl;

    /** Reads through the sandbox API's request handler in this process. */
    VomoOracle(ApiServer api, String baseUrl) {
        this.api = api;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    private static Answer answer(int status, byte[] body) throws IOException {
        return new Answer(status, body.length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(body));
    }

    /** Every record the customer's token lists, by encoded key: the VOMO side of the convergence check. */
    Map<String, JsonNode> live(String customer, String token) throws IOException, InterruptedException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Resource r : List.of(Resource.USERS, Resource.CAMPAIGNS, Resource.CERTIFICATES)) {
            for (JsonNode rec : list(r.path(), token)) {
                out.put(RecordKey.of(customer, r, id(rec.get("id"))).encode(), strip(rec));
            }
        }
        for (JsonNode p : list("projects", token)) {
            String projectId = id(p.get("id"));
            out.put(RecordKey.of(customer, Resource.PROJECTS, projectId).encode(), strip(p));
            Answer detail = get("projects/" + projectId, token);
            if (detail.status() != 200) {
                continue;
            }
            for (JsonNode d : detail.body().path("data").path("all_dates")) {
                String dateId = d.isObject() ? id(d.get("id")) : id(d);
                Answer date = get("projects/date/" + dateId, token);
                if (date.status() != 200) {
                    continue;
                }
                JsonNode dr = date.body().path("data");
                out.put(RecordKey.of(customer, Resource.PROJECT_DATES, projectId, dateId).encode(), strip(dr));
                for (JsonNode participant : dr.path("participants")) {
                    out.put(RecordKey.of(customer, Resource.PARTICIPATIONS, dateId, id(participant.get("user_id"))).encode(),
                            participant);
                }
            }
        }
        for (JsonNode g : list("groups", token)) {
            String groupId = id(g.get("id"));
            out.put(RecordKey.of(customer, Resource.GROUPS, groupId).encode(), strip(g));
            for (JsonNode m : list("groups/" + groupId + "/members", token)) {
                out.put(RecordKey.of(customer, Resource.GROUP_MEMBERS, groupId, id(m.get("user_id"))).encode(), m);
            }
        }
        for (JsonNode f : list("forms", token)) {
            String formId = id(f.get("id"));
            out.put(RecordKey.of(customer, Resource.FORMS, formId).encode(), strip(f));
            if (f.path("active").isBoolean() && !f.path("active").asBoolean()) {
                continue;
            }
            for (JsonNode c : list("forms/" + formId + "/completions", token)) {
                out.put(RecordKey.of(customer, Resource.FORM_COMPLETIONS, formId, id(c.get("id"))).encode(), c);
            }
        }
        return out;
    }

    /** The HTTP status and body of one record by id (nested keys: the parent's detail), for the deletion checks. */
    Answer byId(RecordKey key, String token) throws IOException, InterruptedException {
        List<String> ids = key.idPath();
        return switch (Resource.require(key.resource())) {
            case USERS, PROJECTS, GROUPS, CAMPAIGNS -> get(key.resource() + "/" + ids.get(0), token);
            case PROJECT_DATES -> get("projects/date/" + ids.get(1), token);
            case PARTICIPATIONS -> child(get("projects/date/" + ids.get(0), token), "participants", "user_id", ids.get(1));
            case GROUP_MEMBERS -> {
                Answer parent = get("groups/" + ids.get(0), token);
                if (parent.status() != 200) {
                    yield parent;
                }
                yield find(list("groups/" + ids.get(0) + "/members", token), "user_id", ids.get(1));
            }
            case FORM_COMPLETIONS -> get("forms/" + ids.get(0) + "/completions/" + ids.get(1), token);
            case FORMS -> find(list("forms", token), "id", ids.get(0));
            case CERTIFICATES -> find(list("certificates", token), "id", ids.get(0));
        };
    }

    private static Answer child(Answer parent, String field, String idField, String id) {
        if (parent.status() != 200) {
            return parent;
        }
        List<JsonNode> children = new ArrayList<>();
        parent.body().path("data").path(field).forEach(children::add);
        return find(children, idField, id);
    }

    private static Answer find(List<JsonNode> records, String idField, String id) {
        for (JsonNode r : records) {
            if (id.equals(id(r.get(idField)))) {
                ObjectNode wrapped = Json.mapper().createObjectNode();
                wrapped.set("data", r);
                return new Answer(200, wrapped);
            }
        }
        return new Answer(404, Json.mapper().createObjectNode());
    }

    /** Every page of a list. */
    List<JsonNode> list(String path, String token) throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        String next = baseUrl + "/" + path;
        while (next != null) {
            Answer a = fetch(URI.create(next), token);
            if (a.status() != 200) {
                throw new IOException("oracle: " + path + " answered HTTP " + a.status());
            }
            a.body().path("data").forEach(out::add);
            JsonNode n = a.body().path("links").path("next");
            next = n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
        }
        return out;
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return fetch(URI.create(baseUrl + "/" + path), token);
    }

    private Answer fetch(URI uri, String token) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                ApiServer.DirectAnswer d = api.get(uri, token, USER_AGENT);
                Answer a = answer(d.status(), d.body());
                if (a.status() >= 500 || a.status() == 429) {
                    last = new IOException("HTTP " + a.status());
                    continue;
                }
                return a;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("oracle: " + uri.getPath() + " failed 5 times: " + last.getMessage(), last);
    }

    private static JsonNode strip(JsonNode rec) {
        return rec;
    }

    static String id(JsonNode n) {
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("a record without id");
        }
        return n.isNumber() ? n.asText() : n.asText().trim();
    }

    /** One by-id answer. */
    record Answer(int status, JsonNode body) {
        Optional<JsonNode> data() {
            return status == 200 ? Optional.of(body.path("data")) : Optional.empty();
        }
    }
}
