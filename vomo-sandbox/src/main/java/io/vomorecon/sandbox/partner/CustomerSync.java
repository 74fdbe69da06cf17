package io.vomorecon.sandbox.partner;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.sandbox.api.ApiServer;
import io.vomorecon.sandbox.SimClock;
import io.vomorecon.sandbox.truth.GroundTruth;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.sandbox.world.Listed;
import io.vomorecon.sandbox.world.SortedIndex;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.VomoValues;
import io.vomorecon.schemas.mapping.FieldMapping;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One customer's reference sync: a polling worker per {@link SyncStream}, each with its own
 * checkpoint on {@code updated_after}, advanced only after the batch was processed (unless a bug
 * says otherwise). Processes a record by writing the destination and the ledger. Deletions are
 * never handled. Every key a switched-on bug leaves wrong is recorded in the ground truth; to know
 * which keys a skipped page held it reads the sandbox's world (the answer key, not partner logic).
 */
final class CustomerSync {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerSync.class);

    private final String customer;
    private final CustomerWorld world;
    private final PartnerHttp http;
    private final Destination destination;
    private final Ledger ledger;
    private final PartnerBugs bugs;
    private final GroundTruth truth;
    private final SimClock clock;
    private final Map<SyncStream, Long> checkpoints = new EnumMap<>(SyncStream.class);
    private final Map<SyncStream, Long> lastRun = new EnumMap<>(SyncStream.class);
    private final Set<String> stuckRecorded = new HashSet<>();
    private long pushCounter;
    /** The open destination session of the current run (runs of one customer are serialised). */
    private Destination.Session session;

    CustomerSync(String customer, CustomerWorld world, PartnerHttp http, Destination destination, Ledger ledger,
                 PartnerBugs bugs, GroundTruth truth, SimClock clock) {
        this.customer = customer;
        this.world = world;
        this.http = http;
        this.destination = destination;
        this.ledger = ledger;
        this.bugs = bugs;
        this.truth = truth;
        this.clock = clock;
    }

    /** Routes this customer's requests to the API in process (or back to HTTP when empty). */
    void direct(Optional<ApiServer> api) {
        http.direct(api);
    }

    /** How many users the customer's world holds (to order the initial loads). */
    int size() {
        return world.userCount();
    }

    PartnerBugs bugs() {
        return bugs;
    }

    synchronized Optional<Instant> checkpoint(SyncStream s) {
        return Optional.ofNullable(checkpoints.get(s)).map(Instant::ofEpochSecond);
    }

    synchronized boolean due(SyncStream s, long now, long intervalSeconds) {
        Long last = lastRun.get(s);
        return last == null || now - last >= intervalSeconds;
    }

    /** One polling run of a stream; false when it failed and kept its checkpoint. */
    synchronized boolean run(SyncStream s) {
        lastRun.put(s, clock.epochSecond());
        try (Destination.Session open = destination.open()) {
            session = open;
            return switch (s) {
                case TODAY -> runToday();
                case FORM_COMPLETIONS -> runCompletions();
                default -> runList(s);
            };
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.warn("partner sync {} {} run failed, checkpoint kept: {}", customer, s, e.toString());
            return false;
        }
    }

    // ---- list streams ----

    private static String listPath(SyncStream s) {
        return switch (s) {
            case USERS -> "/users";
            case PROJECTS -> "/projects";
            case GROUPS -> "/groups";
            case CAMPAIGNS -> "/campaigns";
            case FORMS -> "/forms";
            case CERTIFICATES -> "/certificates";
            default -> throw new IllegalArgumentException(s + " is not a list stream");
        };
    }

    private record Item(RecordKey key, JsonNode record, long updatedAt) {
    }

    private boolean runList(SyncStream s) throws IOException, SQLException {
        Resource res = s.primary();
        long runStart = clock.epochSecond();
        Long cp = checkpoints.get(s);
        String path = listPath(s) + (cp == null ? "" : "?updated_after=" + Instant.ofEpochSecond(cp));

        Optional<PartnerBugs.Setting> stuck = bugs.get(SyncBug.CHECKPOINT_STUCK, res);
        if (stuck.isPresent()) {
            http.get(path);
            recordStuck(res, cp == null ? 0 : cp, runStart);
            bugs.fired(SyncBug.CHECKPOINT_STUCK);
            return true;
        }

        Optional<PartnerBugs.Setting> net = bugs.get(SyncBug.NETWORK_ERROR_MID_PAGINATION, res);
        Map<String, Item> batch = new LinkedHashMap<>();
        boolean cut = false;
        String next = path;
        int page = 1;
        try {
            while (next != null) {
                if (net.isPresent() && page == Math.max(2, net.get().param())) {
                    throw new IOException("connection reset reading page " + page + " (simulated network error)");
                }
                JsonNode body = http.get(next).orElseThrow(() -> new IOException("list answered 403/404"));
                for (JsonNode rec : body.get("data")) {
                    String id = VomoValues.requireId(rec, "id");
                    RecordKey key = RecordKey.of(customer, res, id);
                    batch.remove(key.encode());
                    batch.put(key.encode(), new Item(key, rec, updatedAt(rec)));
                }
                JsonNode n = body.get("links").get("next");
                next = n == null || n.isNull() ? null : n.asText();
                page++;
            }
        } catch (IOException e) {
            if (net.isEmpty()) {
                throw e;
            }
            cut = true;
            LOG.info("partner sync {} {}: {} after {} page(s); the buggy worker treats it as the end", customer, s, e.getMessage(), page - 1);
        }

        List<Item> items = new ArrayList<>(batch.values());
        long maxSeen = items.stream().mapToLong(Item::updatedAt).max().orElse(cp == null ? 0 : cp);
        Optional<PartnerBugs.Setting> crash = bugs.get(SyncBug.CRASH_MID_BATCH, res);
        Optional<PartnerBugs.Setting> fail = bugs.get(SyncBug.FAILURE_ADVANCES_CHECKPOINT, res);
        if (crash.isPresent() && items.size() <= crash.get().param()) {
            crash = Optional.empty();
        }
        Set<String> processed = new HashSet<>();
        List<Item> crashed = new ArrayList<>();
        List<Item> failed = new ArrayList<>();
        long minFailed = Long.MAX_VALUE;
        int i = 0;
        for (Item it : items) {
            i++;
            if (crash.isPresent() && i > crash.get().param()) {
                crashed.add(it);
                continue;
            }
            if (fail.isPresent() && i % fail.get().param() == 0) {
                failed.add(it);
                continue;
            }
            try {
                processListed(s, it, cp != null);
                processed.add(it.key().encode());
            } catch (SQLException | IOException | RuntimeException e) {
                LOG.warn("partner sync {} could not process {}: {}; the checkpoint stays before it", customer, it.key(), e.toString());
                minFailed = Math.min(minFailed, it.updatedAt());
            }
        }

        long newCp;
        if (cut) {
            newCp = runStart;
        } else if (crash.isPresent() || fail.isPresent()) {
            newCp = maxSeen;
        } else {
            newCp = minFailed < Long.MAX_VALUE ? minFailed : maxSeen;
        }
        checkpoints.put(s, newCp);

        if (crash.isPresent()) {
            for (Item it : crashed) {
                if (it.updatedAt() < newCp) {
                    truth.record(customer, it.key().encode(), TruthClass.CRASH_MID_BATCH, "worker died after " + crash.get().param()
                            + " of " + items.size() + " records; checkpoint already at " + Instant.ofEpochSecond(newCp));
                }
            }
            bugs.fired(SyncBug.CRASH_MID_BATCH);
            LOG.info("partner sync {} {}: crashed mid-batch after {} of {} records", customer, s, crash.get().param(), items.size());
        }
        if (fail.isPresent()) {
            for (Item it : failed) {
                if (it.updatedAt() < newCp) {
                    truth.record(customer, it.key().encode(), TruthClass.FAILURE_ADVANCED_CHECKPOINT,
                            "processing failed; checkpoint advanced to " + Instant.ofEpochSecond(newCp));
                }
            }
            bugs.fired(SyncBug.FAILURE_ADVANCES_CHECKPOINT);
        }
        if (cut) {
            long from = cp == null ? Long.MIN_VALUE : cp;
            for (var kv : listedBetween(res, from, newCp)) {
                String key = kv.getKey();
                boolean alreadyThere = ledger.get(key).flatMap(Ledger.Entry::version)
                        .map(v -> v.getEpochSecond() == kv.getValue()).orElse(false);
                if (!processed.contains(key) && !alreadyThere) {
                    truth.record(customer, key, TruthClass.NETWORK_ERROR_SKIPPED_PAGES,
                            "on a page never read; checkpoint jumped to " + Instant.ofEpochSecond(newCp));
                }
            }
            bugs.fired(SyncBug.NETWORK_ERROR_MID_PAGINATION);
        }
        LOG.debug("partner sync {} {}: {} record(s) read, {} processed, checkpoint {}", customer, s, items.size(), processed.size(),
                Instant.ofEpochSecond(newCp));
        return true;
    }

    private void processListed(SyncStream s, Item it, boolean incremental) throws SQLException, IOException {
        process(s.primary(), it.key(), it.record(), Optional.of(Instant.ofEpochSecond(it.updatedAt())), false, true);
        String id = it.key().id();
        switch (s) {
            case USERS -> {
                if (incremental) {
                    Optional<JsonNode> detail = http.get("/users/" + id);
                    if (detail.isPresent()) {
                        for (JsonNode p : detail.get().get("data").get("participations")) {
                            processParticipation(p);
                        }
                    }
                }
            }
            case PROJECTS -> {
                Optional<JsonNode> detail = http.get("/projects/" + id);
                if (detail.isPresent()) {
                    for (JsonNode d : detail.get().get("data").get("all_dates")) {
                        processDate(d, true);
                    }
                }
            }
            case GROUPS -> {
                String next = "/groups/" + id + "/members";
                while (next != null) {
                    Optional<JsonNode> page = http.get(next);
                    if (page.isEmpty()) {
                        break;
                    }
                    for (JsonNode m : page.get().get("data")) {
                        RecordKey key = RecordKey.of(customer, Resource.GROUP_MEMBERS, id, VomoValues.requireId(m, "user_id"));
                        process(Resource.GROUP_MEMBERS, key, m, Optional.of(Instant.ofEpochSecond(updatedAt(m))), false, true);
                    }
                    JsonNode n = page.get().get("links").get("next");
                    next = n.isNull() ? null : n.asText();
                }
            }
            default -> {
            }
        }
    }

    /** A project date from all_dates or today's list; when it changed, its participants are read too. */
    private void processDate(JsonNode d, boolean fetchParticipants) throws SQLException, IOException {
        String dateId = VomoValues.requireId(d, "id");
        RecordKey key = RecordKey.of(customer, Resource.PROJECT_DATES, VomoValues.requireId(d, "project_id"), dateId);
        Optional<Instant> version = Optional.of(Instant.ofEpochSecond(updatedAt(d)));
        boolean changed = process(Resource.PROJECT_DATES, key, d, version, false, true);
        if (d.has("participants")) {
            for (JsonNode p : d.get("participants")) {
                processParticipation(p);
            }
        } else if (changed && fetchParticipants) {
            Optional<JsonNode> detail = http.get("/projects/date/" + dateId);
            if (detail.isPresent()) {
                for (JsonNode p : detail.get().get("data").get("participants")) {
                    processParticipation(p);
                }
            }
        }
    }

    private void processParticipation(JsonNode p) throws SQLException {
        RecordKey key = RecordKey.of(customer, Resource.PARTICIPATIONS, VomoValues.requireId(p, "project_date_id"),
                VomoValues.requireId(p, "user_id"));
        process(Resource.PARTICIPATIONS, key, p, Optional.empty(), false, true);
    }

    // ---- today's dates and form completions ----

    private boolean runToday() throws IOException, SQLException {
        String next = "/projects/today";
        while (next != null) {
            Optional<JsonNode> page = http.get(next);
            if (page.isEmpty()) {
                return false;
            }
            for (JsonNode d : page.get().get("data")) {
                processDate(d, false);
            }
            JsonNode n = page.get().get("links").get("next");
            next = n.isNull() ? null : n.asText();
        }
        return true;
    }

    private boolean runCompletions() throws IOException, SQLException {
        Long cp = checkpoints.get(SyncStream.FORM_COMPLETIONS);
        long maxCreated = cp == null ? 0 : cp;
        List<String> forms = new ArrayList<>();
        String next = "/forms";
        while (next != null) {
            JsonNode page = http.get(next).orElseThrow(() -> new IOException("forms list answered 403/404"));
            for (JsonNode f : page.get("data")) {
                if (VomoValues.bool(f.get("active")).orElse(true)) {
                    forms.add(VomoValues.requireId(f, "id"));
                }
            }
            JsonNode n = page.get("links").get("next");
            next = n.isNull() ? null : n.asText();
        }
        for (String formId : forms) {
            next = "/forms/" + formId + "/completions" + (cp == null ? "" : "?created_after=" + Instant.ofEpochSecond(cp));
            while (next != null) {
                JsonNode page = http.get(next).orElseThrow(() -> new IOException("completions answered 403/404"));
                for (JsonNode c : page.get("data")) {
                    RecordKey key = RecordKey.of(customer, Resource.FORM_COMPLETIONS, formId, VomoValues.requireId(c, "id"));
                    process(Resource.FORM_COMPLETIONS, key, c, Optional.of(Instant.ofEpochSecond(updatedAt(c))), false, true);
                    maxCreated = Math.max(maxCreated, VomoValues.instant(c.get("created_at")).orElseThrow().getEpochSecond());
                }
                JsonNode n = page.get("links").get("next");
                next = n.isNull() ? null : n.asText();
            }
        }
        checkpoints.put(SyncStream.FORM_COMPLETIONS, maxCreated);
        return true;
    }

    // ---- processing one record ----

    /**
     * Writes one record to the destination and the ledger; false when the ledger already holds
     * this version and content (deduplication on id and updated_at, as the docs recommend).
     */
    private boolean process(Resource r, RecordKey key, JsonNode record, Optional<Instant> version, boolean force,
                            boolean pushBugsApply) throws SQLException {
        String k = key.encode();
        String hash = ContentHash.of(record);
        Optional<Ledger.Entry> prev = ledger.get(k);
        if (!force && prev.isPresent() && prev.get().version().equals(version) && prev.get().hash().equals(hash)) {
            return false;
        }
        Map<String, String> correct = FieldMapping.fromVomo(r, record);
        Map<String, String> fields = withMappingBug(r, k, correct);
        Instant now = clock.instant();
        String externalId = "crm-" + ContentHash.stableId(k).substring(0, 12);
        Optional<PartnerBugs.Setting> lost = pushBugsApply ? bugs.get(SyncBug.PUSH_LOST, r) : Optional.empty();
        Optional<PartnerBugs.Setting> stale = pushBugsApply ? bugs.get(SyncBug.PUSH_STALE, r) : Optional.empty();
        boolean turn = (lost.isPresent() || stale.isPresent())
                && ++pushCounter % lost.or(() -> stale).get().param() == 0;
        if (turn && stale.isPresent() && prev.isPresent()) {
            session.upsert(r, k, customer, externalId, prev.get().pushedFields(), prev.get().version(), prev.get().hash(), now);
            truth.record(customer, k, TruthClass.PUSH_STALE, "destination kept the values of " + prev.get().version().map(Object::toString).orElse("the previous read"));
            bugs.fired(SyncBug.PUSH_STALE);
        } else if (turn) {
            truth.record(customer, k, TruthClass.PUSH_LOST, "write failed after the ledger recorded pushed");
            bugs.fired(lost.isPresent() ? SyncBug.PUSH_LOST : SyncBug.PUSH_STALE);
        } else {
            session.upsert(r, k, customer, externalId, fields, version, hash, now);
        }
        ledger.record(customer, r.path(), k, new Ledger.Entry(version, hash, fields), externalId, now);
        return true;
    }

    private Map<String, String> withMappingBug(Resource r, String key, Map<String, String> correct) {
        if (bugs.get(SyncBug.MAPPING_BUG, r).isEmpty()) {
            return correct;
        }
        List<String> cols = FieldMapping.fields(r).stream().map(f -> f.column()).toList();
        String field = r == Resource.USERS ? "last_name" : cols.get(cols.size() > 1 ? 1 : 0);
        String from = r == Resource.USERS ? "first_name" : cols.get(0);
        Map<String, String> out = new LinkedHashMap<>(correct);
        String wrong = correct.get(from);
        if (wrong == null) {
            out.remove(field);
        } else {
            out.put(field, wrong);
        }
        if (!java.util.Objects.equals(out.get(field), correct.get(field))) {
            truth.record(customer, key, TruthClass.MAPPING_BUG, field + " pushed from " + from);
        }
        return out;
    }

    /** Delegate mode: re-read one key by id and process it again, whatever the ledger says. */
    synchronized boolean reprocess(RecordKey key) throws IOException, SQLException {
        Resource r = Resource.require(key.resource());
        List<String> ids = key.idPath();
        Optional<JsonNode> record = switch (r) {
            case USERS -> data(http.get("/users/" + ids.get(0)));
            case PROJECTS -> data(http.get("/projects/" + ids.get(0)));
            case GROUPS -> data(http.get("/groups/" + ids.get(0)));
            case CAMPAIGNS -> data(http.get("/campaigns/" + ids.get(0)));
            case PROJECT_DATES -> data(http.get("/projects/date/" + ids.get(1)));
            case FORM_COMPLETIONS -> data(http.get("/forms/" + ids.get(0) + "/completions/" + ids.get(1)));
            case PARTICIPATIONS -> data(http.get("/projects/date/" + ids.get(0))).flatMap(d -> find(d.get("participants"), "user_id", ids.get(1)));
            case GROUP_MEMBERS -> findInList("/groups/" + ids.get(0) + "/members", "user_id", ids.get(1));
            case FORMS -> findInList("/forms", "id", ids.get(0));
            case CERTIFICATES -> findInList("/certificates", "id", ids.get(0));
        };
        if (record.isEmpty()) {
            LOG.info("partner sync {}: re-process of {} skipped, VOMO does not answer it (the partner handles no deletions)", customer, key);
            return false;
        }
        Optional<Instant> version = record.get().has("updated_at") && r != Resource.PARTICIPATIONS
                ? Optional.of(Instant.ofEpochSecond(updatedAt(record.get()))) : Optional.empty();
        try (Destination.Session open = destination.open()) {
            session = open;
            process(r, key, record.get(), version, true, false);
        }
        LOG.info("partner sync {}: re-processed {} on request", customer, key);
        return true;
    }

    private static Optional<JsonNode> data(Optional<JsonNode> body) {
        return body.map(b -> b.get("data"));
    }

    private static Optional<JsonNode> find(JsonNode array, String field, String id) {
        for (JsonNode n : array) {
            if (VomoValues.id(n.get(field)).map(id::equals).orElse(false)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    private Optional<JsonNode> findInList(String path, String field, String id) throws IOException {
        String next = path;
        while (next != null) {
            Optional<JsonNode> page = http.get(next);
            if (page.isEmpty()) {
                return Optional.empty();
            }
            Optional<JsonNode> hit = find(page.get().get("data"), field, id);
            if (hit.isPresent()) {
                return hit;
            }
            JsonNode n = page.get().get("links").get("next");
            next = n.isNull() ? null : n.asText();
        }
        return Optional.empty();
    }

    // ---- ground-truth bookkeeping ----

    /** Keys VOMO would list for a resource with {@code from <= updated_at < to} (read from the world). */
    private List<Map.Entry<String, Long>> listedBetween(Resource r, long from, long to) {
        return world.read(() -> {
            SortedIndex<? extends Listed> index = switch (r) {
                case USERS -> world.userIndex();
                case PROJECTS -> world.projectIndex();
                case GROUPS -> world.groupIndex();
                case CAMPAIGNS -> world.campaignIndex();
                case FORMS -> world.formIndex();
                case CERTIFICATES -> world.certificateIndex();
                default -> throw new IllegalArgumentException(r + " has no list");
            };
            List<Map.Entry<String, Long>> out = new ArrayList<>();
            int lo = from == Long.MIN_VALUE ? 0 : index.firstAtOrAfter(from);
            int hi = index.firstAtOrAfter(to);
            for (int i = lo; i < hi; i++) {
                Listed l = index.get(i);
                out.add(Map.entry(RecordKey.of(customer, r, Long.toString(l.id())).encode(), l.updatedAt()));
            }
            return out;
        });
    }

    private void recordStuck(Resource r, long cp, long now) {
        for (var kv : listedBetween(r, cp, now + 1)) {
            boolean alreadyThere = ledger.get(kv.getKey()).flatMap(Ledger.Entry::version)
                    .map(v -> v.getEpochSecond() == kv.getValue()).orElse(false);
            if (!alreadyThere && stuckRecorded.add(kv.getKey() + "@" + kv.getValue())) {
                truth.record(customer, kv.getKey(), TruthClass.CHECKPOINT_STUCK, "changed at " + Instant.ofEpochSecond(kv.getValue())
                        + "; checkpoint stuck at " + Instant.ofEpochSecond(cp));
            }
        }
    }

    private static long updatedAt(JsonNode rec) {
        return VomoValues.instant(rec.get("updated_at")).orElseThrow(() -> new IllegalArgumentException("record has no updated_at"))
                .getEpochSecond();
    }
}
