package io.vomorecon.poller.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.poller.config.RunPlan;
import io.vomorecon.poller.vomo.ListRejected;
import io.vomorecon.poller.vomo.ParallelReads;
import io.vomorecon.poller.vomo.RequestCounter;
import io.vomorecon.poller.vomo.VomoCallFailed;
import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.poller.vomo.VomoResponse;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.VomoValues;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.Snapshot;
import io.vomorecon.schemas.values.SnapshotEvent;
import io.vomorecon.schemas.values.TimeWindow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads VOMO for one run of any kind and returns the deduplicated snapshots and the scope the
 * run covered. The scope is what a complete run vouches for: a per-parent prefix is only in it
 * when the parent's children were read in full, or when the parent answered 404 (gone, so its
 * children are gone); a parent answering 403 is left out (unreadable is not empty).
 *
 * <p>The per-parent reads (PARTICIPATIONS' project and date details, SCHEDULE's project
 * details, MEMBERSHIP's and FORM_COMPLETIONS' child lists) run up to {@code concurrency} at once
 * through {@link ParallelReads}, their results folded in parent order, so a scan's result is the
 * serial scan's whatever the concurrency. The pages of the scan's own lists (a FULL run's 3,334
 * pages of 50,000 users) are requested ahead the same way when page 1 shows how the list is paged,
 * each taken only when the page before it named it as {@code links.next} (see {@code VomoClient.scan}
 * with {@code ParallelReads}); a parent's child pages, read on a read thread, stay serial.
 *
 * <p>Never decides anything about deletions; never drops a record silently (unusable records go
 * to the DLQ with the reason); never lets a read thread outlive {@link #scan}.
 */
public final class VomoScanner {

    private static final Logger LOG = LoggerFactory.getLogger(VomoScanner.class);

    private final VomoClient client;
    private final Clock clock;
    private final SampleStore samples;
    private final int sampleSize;
    private final int concurrency;
    /** How many unlisted known dates make checking them against every project's all_dates worth it (see participations). */
    private int liveDateCheckFrom = LIVE_DATE_CHECK_FROM;

    /** The default of {@link #liveDateCheckFrom}: below it, reading the unlisted dates by id is cheap anyway. */
    static final int LIVE_DATE_CHECK_FROM = 64;

    /** @param concurrency the requests one scan may have in flight ({@code http.concurrency}; 1 reads one after another) */
    public VomoScanner(VomoClient client, Clock clock, SampleStore samples, int sampleSize, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.client = client;
        this.clock = clock;
        this.samples = samples;
        this.sampleSize = sampleSize;
        this.concurrency = concurrency;
    }

    /** The same scanner with another threshold for the live-date check (tests compare both ways of reading). */
    VomoScanner liveDateCheckFrom(int unlistedDates) {
        this.liveDateCheckFrom = unlistedDates;
        return this;
    }

    /** Performs the scan of one run; never throws for VOMO failures (they become the abort reason). */
    public ScanResult<SnapshotEvent> scan(RunSpec spec) {
        return scan(spec, Set.of());
    }

    /**
     * The same, with the parents the destination still holds children for. A PARTICIPATIONS run
     * lists dates through the projects' {@code all_dates}, which a deleted date leaves: without
     * these, the participations of a deleted date would never be in a complete run's scope and
     * never become deletion candidates. Each such date not listed is read by id: 404 puts its
     * prefix in the scope with no children (gone), a live date is treated like a listed one (in
     * the scope only when it starts in the window).
     */
    public ScanResult<SnapshotEvent> scan(RunSpec spec, Set<String> knownParents) {
        Scan s = new Scan(spec, knownParents);
        try {
            switch (spec.kind()) {
                case FULL -> s.full();
                case INCREMENTAL -> s.incremental();
                case PARTICIPATIONS -> s.participations();
                case SCHEDULE -> s.schedule();
                case MEMBERSHIP -> s.membership();
                case FORM_COMPLETIONS -> s.formCompletions();
                case AUDIT_SAMPLE -> s.auditSample();
            }
        } catch (VomoCallFailed e) {
            s.abortReason = Optional.of(e.getMessage());
        } finally {
            s.reads.close();
        }
        return new ScanResult<>(s.buffer, new ArrayList<>(s.scope), s.rejects, s.abortReason, s.counter.requests());
    }

    /** The state of one scan. */
    private final class Scan {
        final RunSpec spec;
        final RequestCounter counter = new RequestCounter();
        final RunBuffer<SnapshotEvent> buffer = new RunBuffer<>();
        final Set<String> scope = new LinkedHashSet<>();
        final List<DeadLetter> rejects = new ArrayList<>();
        Optional<String> abortReason = Optional.empty();
        final Set<String> knownParents;
        final ParallelReads reads;

        Scan(RunSpec spec, Set<String> knownParents) {
            this.knownParents = knownParents;
            if (!RunPlan.supports(spec.resource(), spec.kind())) {
                throw new IllegalArgumentException(spec.kind() + " runs cannot read " + spec.resource().path());
            }
            this.spec = spec;
            this.reads = new ParallelReads(concurrency, spec.runId());
        }

        String c() {
            return spec.customer();
        }

        void full() throws VomoCallFailed {
            Resource r = spec.resource();
            ReservoirSample<String> sample = new ReservoirSample<>(sampleSize, new Random(spec.runId().hashCode()));
            // The scope is what the run set out to cover; only a RUN_COMPLETED vouches that it did.
            scope.add(RecordKey.prefix(c(), r));
            list(r.path(), (records, page) -> {
                for (JsonNode rec : records) {
                    topLevel(rec).ifPresent(id -> {
                        if (!buffer.contains(RecordKey.of(c(), r, id).encode())) {
                            sample.offer(id);
                        }
                        add(RecordKey.of(c(), r, id).encode(), rec);
                    });
                }
            });
            if (RunPlan.DETAIL_READABLE.contains(r)) {
                samples.put(c(), r, sample.sample());
            }
        }

        void incremental() throws VomoCallFailed {
            Resource r = spec.resource();
            TimeWindow w = spec.window().orElseThrow(() -> new IllegalArgumentException("an INCREMENTAL run needs a window"));
            String path = RunPlan.UPDATED_AFTER_FILTER.contains(r)
                    ? r.path() + "?updated_after=" + enc(w.from()) + "&updated_before=" + enc(w.to())
                    : r.path();
            scope.add(RecordKey.prefix(c(), r));
            list(path, (records, page) -> {
                for (JsonNode rec : records) {
                    Optional<Instant> updated = safeInstant(rec.get("updated_at"));
                    // The server filter is inclusive; the client filter keeps the same window for resources without one.
                    if (updated.isPresent() && !w.contains(updated.get())) {
                        continue;
                    }
                    topLevel(rec).ifPresent(id -> add(RecordKey.of(c(), r, id).encode(), rec));
                }
            });
        }

        void participations() throws VomoCallFailed {
            TimeWindow w = spec.window().orElseThrow(() -> new IllegalArgumentException("a PARTICIPATIONS run needs a window"));
            Map<String, Boolean> dates = new LinkedHashMap<>();
            // Dates all_dates shows live and starting outside the window: a known parent among them needs no read
            // (read by id it would answer 200 and be left out of the scope for its start).
            Set<String> liveOutside = new java.util.HashSet<>();
            List<String> projects = listIds("projects?dates_after=" + enc(w.from()) + "&dates_before=" + enc(w.to()));
            reads.inOrder(projects, id -> client.display("projects/" + seg(id)), id -> client.get("projects/" + seg(id), counter),
                    (projectId, p) -> {
                if (!p.ok()) {
                    LOG.debug("run {}: project {} answered {} while listing dates; skipped", spec.runId(), projectId, p.status());
                    return;
                }
                for (JsonNode d : p.record().path("all_dates")) {
                    Optional<String> dateId = dateId(d);
                    if (dateId.isEmpty()) {
                        continue;
                    }
                    // Decided on the date's own detail when all_dates carries no times.
                    Optional<Boolean> inWindow = d.isObject() ? overlaps(d, w) : Optional.empty();
                    if (inWindow.orElse(true)) {
                        dates.putIfAbsent(dateId.get(), inWindow.isPresent());
                    } else {
                        liveOutside.add(dateId.get());
                    }
                }
            });
            int listed = dates.size();
            List<String> unlisted = new ArrayList<>();
            for (String known : knownParents) {
                if (!dates.containsKey(known) && !liveOutside.contains(known)) {
                    unlisted.add(known);
                }
            }
            if (unlisted.size() >= liveDateCheckFrom) {
                unlisted.removeAll(liveOutsideInOtherProjects(new java.util.HashSet<>(projects), w, unlisted.size()));
            }
            for (String known : unlisted) {
                dates.putIfAbsent(known, false);
            }
            if (dates.size() > listed) {
                LOG.debug("run {}: {} dates the destination holds participations for are not listed; read by id", spec.runId(),
                        dates.size() - listed);
            }
            reads.inOrder(new ArrayList<>(dates.keySet()), id -> client.display("projects/date/" + seg(id)),
                    id -> client.get("projects/date/" + seg(id), counter), (dateId, d) -> {
                String prefix = RecordKey.prefix(c(), Resource.PARTICIPATIONS, dateId);
                if (d.status() == 404) {
                    scope.add(prefix);
                    return;
                }
                if (!d.ok()) {
                    LOG.info("run {}: project date {} answered HTTP {}; its participations are left out of the scope",
                            spec.runId(), dateId, d.status());
                    return;
                }
                JsonNode date = d.record();
                if (!dates.get(dateId) && !overlaps(date, w).orElse(true)) {
                    return;
                }
                scope.add(prefix);
                for (JsonNode participant : date.path("participants")) {
                    Optional<String> userId = safeId(participant.get("user_id"));
                    if (userId.isEmpty()) {
                        reject(prefix, participant, "participant of project date " + dateId + " has no user_id");
                        continue;
                    }
                    add(RecordKey.of(c(), Resource.PARTICIPATIONS, dateId, userId.get()).encode(), participant);
                }
            });
        }

        /**
         * The known dates that the other projects' {@code all_dates} show live and starting outside
         * the window, when reading those projects costs fewer requests than reading the unlisted
         * dates by id; otherwise none. A date the destination still holds participations for is
         * mostly a past one of a project with no date in the window: the daily run of a large
         * customer read thousands of such dates by id only to leave each out of its scope. Only
         * dates positively seen live with their times are spared; a project that cannot be read,
         * an entry without times or one starting inside the window leave their dates to the
         * read by id, so the run's records and scope are what reading every date by id gives.
         */
        Set<String> liveOutsideInOtherProjects(Set<String> alreadyRead, TimeWindow w, int unlisted) throws VomoCallFailed {
            // Listed without rejecting id-less records: what this listing finds only spares reads, it is not the run's data.
            Set<String> ids = new LinkedHashSet<>();
            list("projects", (records, page) -> records.forEach(rec -> safeId(rec.get("id")).ifPresent(ids::add)));
            List<String> others = new ArrayList<>();
            for (String id : ids) {
                if (!alreadyRead.contains(id)) {
                    others.add(id);
                }
            }
            Set<String> live = new java.util.HashSet<>();
            if (others.size() >= unlisted) {
                LOG.debug("run {}: {} dates the destination holds are not listed; {} other projects: dates read by id", spec.runId(),
                        unlisted, others.size());
                return live;
            }
            reads.inOrder(others, id -> client.display("projects/" + seg(id)), id -> client.get("projects/" + seg(id), counter),
                    (projectId, p) -> {
                if (!p.ok()) {
                    return;
                }
                for (JsonNode d : p.record().path("all_dates")) {
                    Optional<String> dateId = dateId(d);
                    if (dateId.isPresent() && d.isObject() && !needsDetail(d) && overlaps(d, w).filter(in -> !in).isPresent()) {
                        live.add(dateId.get());
                    }
                }
            });
            LOG.debug("run {}: {} dates the destination holds are not listed; {} of them live outside the window by the all_dates "
                    + "of {} other projects", spec.runId(), unlisted, live.size(), others.size());
            return live;
        }

        void schedule() throws VomoCallFailed {
            reads.inOrder(listIds("projects"), id -> client.display("projects/" + seg(id)), this::readProject, (projectId, read) -> {
                VomoResponse p = read.project();
                String prefix = RecordKey.prefix(c(), Resource.PROJECT_DATES, projectId);
                if (p.status() == 404) {
                    scope.add(prefix);
                    return;
                }
                if (!p.ok()) {
                    LOG.info("run {}: project {} answered HTTP {}; its dates are left out of the scope", spec.runId(), projectId,
                            p.status());
                    return;
                }
                Iterator<VomoResponse> details = read.dateReads().iterator();
                for (JsonNode d : p.record().path("all_dates")) {
                    Optional<String> dateId = dateId(d);
                    if (dateId.isEmpty()) {
                        reject(prefix, d, "an all_dates entry of project " + projectId + " has no id");
                        continue;
                    }
                    JsonNode record = d;
                    if (needsDetail(d)) {
                        if (!details.hasNext()) {
                            throw read.failure().orElseThrow(() -> new IllegalStateException(
                                    "project " + projectId + ": fewer date reads than bare all_dates entries"));
                        }
                        VomoResponse detail = details.next();
                        if (detail.status() == 404) {
                            continue;
                        }
                        if (!detail.ok()) {
                            throw new VomoCallFailed("projects/date/" + dateId.get(), "answered HTTP " + detail.status()
                                    + " for a date listed in all_dates", OptionalInt.of(detail.status()));
                        }
                        record = detail.record();
                    }
                    add(RecordKey.of(c(), Resource.PROJECT_DATES, projectId, dateId.get()).encode(), record);
                }
                scope.add(prefix);
            });
        }

        /**
         * Reads a project and, in {@code all_dates} order, the detail of each entry that carries no
         * times; stops where the fold would stop (a failed read, or an answer other than 2xx/404).
         * Runs on a read thread: touches nothing of the scan but the request counter.
         */
        ProjectRead readProject(String projectId) throws VomoCallFailed {
            VomoResponse p = client.get("projects/" + seg(projectId), counter);
            List<VomoResponse> dateReads = new ArrayList<>();
            if (p.ok()) {
                for (JsonNode d : p.record().path("all_dates")) {
                    Optional<String> dateId = dateId(d);
                    if (dateId.isEmpty() || !needsDetail(d)) {
                        continue;
                    }
                    VomoResponse detail;
                    try {
                        detail = client.get("projects/date/" + seg(dateId.get()), counter);
                    } catch (VomoCallFailed e) {
                        return new ProjectRead(p, dateReads, Optional.of(e));
                    }
                    dateReads.add(detail);
                    if (!detail.ok() && detail.status() != 404) {
                        break;
                    }
                }
            }
            return new ProjectRead(p, dateReads, Optional.empty());
        }

        void membership() throws VomoCallFailed {
            perParent("groups", Resource.GROUP_MEMBERS, g -> "groups/" + seg(g) + "/members", "user_id");
        }

        void formCompletions() throws VomoCallFailed {
            perParent("forms", Resource.FORM_COMPLETIONS, f -> "forms/" + seg(f) + "/completions", "id");
        }

        /** One prefix per active parent, its children read in full (paged) from {@code childPath}. */
        void perParent(String parentList, Resource child, java.util.function.Function<String, String> childPath, String childIdField)
                throws VomoCallFailed {
            List<String> parents = new ArrayList<>();
            list(parentList, (records, page) -> {
                for (JsonNode rec : records) {
                    Optional<String> id = topLevel(rec);
                    if (id.isPresent() && active(rec)) {
                        parents.add(id.get());
                    }
                }
            });
            reads.inOrder(new ArrayList<>(new LinkedHashSet<>(parents)), p -> client.display(childPath.apply(p)),
                    p -> readChildren(childPath.apply(p)), (parentId, read) -> {
                String prefix = RecordKey.prefix(c(), child, parentId);
                for (List<JsonNode> page : read.pages()) {
                    for (JsonNode rec : page) {
                        Optional<String> id = safeId(rec.get(childIdField));
                        if (id.isEmpty()) {
                            reject(prefix, rec, child.path() + " record below " + parentId + " has no " + childIdField);
                            continue;
                        }
                        add(RecordKey.of(c(), child, parentId, id.get()).encode(), rec);
                    }
                }
                if (read.failure().isPresent()) {
                    VomoCallFailed failure = read.failure().get();
                    if (failure instanceof ListRejected e && e.page() == 1 && e.httpStatus() == 404) {
                        scope.add(prefix);
                        return;
                    }
                    if (failure instanceof ListRejected e && e.page() == 1 && e.httpStatus() == 403) {
                        LOG.info("run {}: {} answered 403; left out of the scope", spec.runId(), e.path());
                        return;
                    }
                    throw failure;
                }
                scope.add(prefix);
            });
        }

        /** Every page of one parent's children up to the first failure (kept with them). Runs on a read thread. */
        ChildPages readChildren(String path) {
            List<List<JsonNode>> pages = new ArrayList<>();
            try {
                client.scan(path, counter, (records, page) -> pages.add(records));
                return new ChildPages(pages, Optional.empty());
            } catch (VomoCallFailed e) {
                return new ChildPages(pages, Optional.of(e));
            }
        }

        void auditSample() throws VomoCallFailed {
            Resource r = spec.resource();
            List<String> ids = samples.get(c(), r).orElse(List.of());
            if (ids.isEmpty()) {
                LOG.info("run {}: no sample from a FULL run of {} on this instance; drawing one with a list scan",
                        spec.runId(), r.path());
                ReservoirSample<String> sample = new ReservoirSample<>(sampleSize, new Random(spec.runId().hashCode()));
                Set<String> seen = new java.util.HashSet<>();
                list(r.path(), (records, page) -> {
                    for (JsonNode rec : records) {
                        topLevel(rec).filter(seen::add).ifPresent(sample::offer);
                    }
                });
                ids = sample.sample();
            }
            for (String id : ids) {
                String key = RecordKey.of(c(), r, id).encode();
                VomoResponse d = client.get(r.path() + "/" + seg(id), counter);
                scope.add(key);
                if (d.ok()) {
                    add(key, d.record());
                } else if (d.status() != 404 && d.status() != 403) {
                    throw new VomoCallFailed(d.path(), "detail answered HTTP " + d.status(), java.util.OptionalInt.of(d.status()));
                }
            }
        }

        /**
         * Every page of a list, read by the scan itself: its pages after the first are requested
         * ahead through the scan's parallel reads (VomoClient.scan). Never from a read thread.
         */
        void list(String path, VomoClient.PageHandler handler) throws VomoCallFailed {
            client.scan(path, counter, handler, reads);
        }

        List<String> listIds(String path) throws VomoCallFailed {
            Set<String> ids = new LinkedHashSet<>();
            list(path, (records, page) -> records.forEach(rec -> topLevel(rec).ifPresent(ids::add)));
            return new ArrayList<>(ids);
        }

        Optional<String> topLevel(JsonNode rec) {
            Optional<String> id = safeId(rec.get("id"));
            if (id.isEmpty()) {
                reject(RecordKey.prefix(c(), spec.resource()), rec, spec.resource().path() + " record without a usable id");
            }
            return id;
        }

        void add(String key, JsonNode record) {
            Snapshot s;
            try {
                s = Snapshots.of(spec, key, record, clock.instant());
            } catch (IllegalArgumentException e) {
                reject(key, record, "updated_at is not a VOMO timestamp");
                return;
            }
            buffer.add(key, s, s.updatedAt());
        }

        void reject(String key, JsonNode record, String reason) {
            LOG.warn("run {}: {}; sent to the DLQ", spec.runId(), reason);
            rejects.add(new DeadLetter(Topics.SCHEMA_VERSION, "producer-poller", "vomo-api", Optional.empty(), Optional.empty(),
                    Optional.of(key), reason, "UnusableRecord", Optional.of(record.toString()), DeadLetter.PayloadEncoding.UTF8,
                    Map.of("runId", spec.runId()), clock.instant()));
        }
    }

    /** A project's detail answer and the answers to the date reads of its bare all_dates entries, up to the first failure. */
    private record ProjectRead(VomoResponse project, List<VomoResponse> dateReads, Optional<VomoCallFailed> failure) {
    }

    /** The pages of one parent's child list, up to the failure that ended the list (if one did). */
    private record ChildPages(List<List<JsonNode>> pages, Optional<VomoCallFailed> failure) {
    }

    /** An all_dates entry's id: the entry itself or its {@code id}. */
    private static Optional<String> dateId(JsonNode d) {
        return d.isObject() ? safeId(d.get("id")) : safeId(d);
    }

    /** Whether an all_dates entry is a bare id (no times): its record is read by id. */
    private static boolean needsDetail(JsonNode d) {
        return !d.isObject() || d.size() <= 1;
    }

    private static boolean active(JsonNode rec) {
        JsonNode a = rec.get("active");
        if (a != null && !a.isNull()) {
            try {
                if (!VomoValues.bool(a).orElse(true)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return true;
            }
        }
        JsonNode status = rec.get("status");
        return status == null || !status.isTextual() || !status.asText().trim().equalsIgnoreCase("inactive");
    }

    /**
     * Whether a date starts in the window (the meaning VOMO's {@code dates_after}/{@code dates_before}
     * filters have, so the project list and this check agree); empty when it carries no start.
     */
    private static Optional<Boolean> overlaps(JsonNode date, TimeWindow w) {
        return safeInstant(date.get("starts_at")).map(w::contains);
    }

    private static Optional<String> safeId(JsonNode n) {
        try {
            return VomoValues.id(n);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> safeInstant(JsonNode n) {
        try {
            return VomoValues.instant(n);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String enc(Instant t) {
        return URLEncoder.encode(t.toString(), StandardCharsets.UTF_8);
    }

    private static String seg(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
