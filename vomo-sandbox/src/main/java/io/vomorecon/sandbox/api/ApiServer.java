package io.vomorecon.sandbox.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vomorecon.sandbox.SimClock;
import io.vomorecon.sandbox.truth.GroundTruth;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.world.Campaign;
import io.vomorecon.sandbox.world.Certificate;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.sandbox.world.Form;
import io.vomorecon.sandbox.world.FormCompletion;
import io.vomorecon.sandbox.world.Group;
import io.vomorecon.sandbox.world.GroupMember;
import io.vomorecon.sandbox.world.Listed;
import io.vomorecon.sandbox.world.Organization;
import io.vomorecon.sandbox.world.Project;
import io.vomorecon.sandbox.world.ProjectDate;
import io.vomorecon.sandbox.world.SandboxWorld;
import io.vomorecon.sandbox.world.SortedIndex;
import io.vomorecon.sandbox.world.User;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's VOMO API on a real socket (loopback only): the documented endpoints under
 * {@code /v1}, the Laravel envelope with 15 records a page, inclusive filters, Bearer auth per
 * customer organisation, a per-token rate limit, and injected faults. Answers are a pure function
 * of the world, the quirks, the simulated clock and the request; it never writes the world.
 */
public final class ApiServer implements AutoCloseable {

    public static final int PAGE_SIZE = 15;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK: about 40 ms per keep-alive request. Read once, when the server class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SandboxWorld world;
    private final SimClock clock;
    private final Render render;
    private final GroundTruth truth;
    private final Map<String, CustomerControls> controls;
    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService delays;

    private ApiServer(SandboxWorld world, SimClock clock, Render render, GroundTruth truth,
                      Map<String, CustomerControls> controls, int port, int threads) throws IOException {
        this.world = world;
        this.clock = clock;
        this.render = render;
        this.truth = truth;
        this.controls = controls;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "sandbox-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.delays = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-http-delays");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    public static ApiServer start(SandboxWorld world, SimClock clock, Render render, GroundTruth truth,
                                  Map<String, CustomerControls> controls, int port, int threads) {
        try {
            ApiServer s = new ApiServer(world, clock, render, truth, controls, port, threads);
            s.server.start();
            LOG.info("VOMO sandbox API listening on {} ({} worker threads)", s.baseUrl(), threads);
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the sandbox API to port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Serves a fixed body at a path outside {@code /v1}, on the same server and worker pool: the
     * benchmark's baseline (what a request costs when the handler does nothing).
     */
    public void addStatic(String path, byte[] body) {
        server.createContext(path, ex -> send(ex, new Answer(200, body, 0, 0)));
    }

    /** e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
        pool.shutdownNow();
    }

    // ---- the exchange ----

    /** One answer: status, JSON body, optional Retry-After, and how long to hold it back. */
    record Answer(int status, byte[] body, long retryAfter, long delayMillis) {
        Answer delayed(long millis) {
            return new Answer(status, body, retryAfter, millis);
        }
    }

    private void handle(HttpExchange ex) {
        Answer a = answerOr500(ex.getRequestMethod(), ex.getRequestURI(), ex.getRequestHeaders()::getFirst);
        if (a.delayMillis() > 0) {
            Answer late = a;
            delays.schedule(() -> send(ex, late), a.delayMillis(), TimeUnit.MILLISECONDS);
        } else {
            send(ex, a);
        }
    }

    private static void send(HttpExchange ex, Answer a) {
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            if (a.retryAfter() > 0) {
                ex.getResponseHeaders().set("Retry-After", Long.toString(a.retryAfter()));
            }
            ex.sendResponseHeaders(a.status(), a.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(a.body());
            }
        } catch (IOException e) {
            LOG.debug("client went away before its answer was sent: {}", e.toString());
        }
    }

    /** A whole answer as a caller in the same process receives it: status, body, Retry-After seconds (0 if none). */
    public record DirectAnswer(int status, byte[] body, long retryAfter) {
    }

    /**
     * Answers one GET exactly as over HTTP (same routing, token check, rate limit, faults, counters
     * and ground truth), without a socket: for callers that act "before the demo starts", such as a
     * partner's initial load. A slow or timed-out answer is returned at once; its delay is not played.
     */
    public DirectAnswer get(URI uri, String token, String userAgent) {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "User-Agent", userAgent,
                "Host", uri.getAuthority() == null ? "" : uri.getAuthority());
        Answer a = answerOr500("GET", uri, headers::get);
        return new DirectAnswer(a.status(), a.body(), a.retryAfter());
    }

    /** The answer, or a 500 with a log line when answering failed (over the socket and in process alike). */
    private Answer answerOr500(String method, URI uri, Function<String, String> header) {
        try {
            return answer(method, uri, header);
        } catch (RuntimeException e) {
            LOG.warn("sandbox API failed on {}: {}", uri.getRawPath(), e.toString(), e);
            return message(500, "Server Error");
        }
    }

    private Answer answer(String method, URI uri, Function<String, String> header) {
        if (!"GET".equals(method)) {
            return message(405, "The " + method + " method is not supported for this route.");
        }
        String path = uri.getRawPath();
        if (!path.startsWith("/v1/")) {
            return message(404, "Not Found.");
        }
        Optional<CustomerWorld> who = bearer(header.apply("Authorization")).flatMap(world::byToken);
        if (who.isEmpty()) {
            return message(401, "Unauthenticated.");
        }
        CustomerWorld w = who.get();
        CustomerControls c = controls.get(w.slug());
        String agent = header.apply("User-Agent");
        long wait = c.bucket().tryAcquire();
        if (wait > 0) {
            c.stats().throttled(agent);
            return new Answer(429, json("message", "Too Many Attempts."), wait, 0);
        }
        String[] seg = segments(path.substring(4));
        ApiFault fault = c.faults().early();
        if (fault == ApiFault.STORM) {
            c.stats().throttled(agent);
            return new Answer(429, json("message", "Too Many Attempts."), 1, 0);
        }
        c.stats().served(agent);
        if (fault == ApiFault.ERROR_500) {
            truth.record(w.slug(), truthKey(w, seg), TruthClass.API_500, "GET " + path);
            return message(500, "Server Error");
        }
        if (fault == ApiFault.TIMEOUT) {
            truth.record(w.slug(), truthKey(w, seg), TruthClass.API_TIMEOUT, "GET " + path);
            return message(504, "Gateway Timeout").delayed(Math.max(1, c.faults().settings().timeoutMillis()));
        }
        String host = Optional.ofNullable(header.apply("Host")).filter(h -> !h.isEmpty()).orElse(
                server.getAddress().getAddress().getHostAddress() + ":" + port());
        Request rq = new Request(w, c, Query.parse(uri.getRawQuery()), "http://" + host + path);
        Answer a;
        try {
            a = w.read(() -> route(rq, seg));
        } catch (Query.Invalid invalid) {
            a = new Answer(422, validation(invalid), 0, 0);
        }
        if (fault == ApiFault.SLOW) {
            truth.record(w.slug(), truthKey(w, seg), TruthClass.API_SLOW, "GET " + path);
            return a.delayed(Math.max(1, c.faults().settings().slowMillis()));
        }
        return a;
    }

    private static Optional<String> bearer(String h) {
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String t = h.substring(7).trim();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    private static String[] segments(String p) {
        return java.util.Arrays.stream(p.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    /** The ground-truth key of a request: the record's key, or the prefix of the list it read. */
    private static String truthKey(CustomerWorld w, String[] seg) {
        String c = w.slug();
        if (seg.length == 0) {
            return RecordKey.customerPrefix(c);
        }
        if (seg[0].equals("projects") && seg.length == 3 && seg[1].equals("date")) {
            return RecordKey.prefix(c, Resource.PROJECT_DATES) + "?date=" + seg[2];
        }
        if (seg[0].equals("groups") && seg.length == 3) {
            return RecordKey.prefix(c, Resource.GROUP_MEMBERS, seg[1]);
        }
        if (seg[0].equals("forms") && seg.length >= 3) {
            return seg.length == 4 ? RecordKey.of(c, Resource.FORM_COMPLETIONS, seg[1], seg[3]).encode()
                    : RecordKey.prefix(c, Resource.FORM_COMPLETIONS, seg[1]);
        }
        if (seg.length == 2 && !seg[1].equals("today")) {
            return RecordKey.of(c, seg[0], seg[1]).encode();
        }
        return RecordKey.prefix(c, seg[0]);
    }

    // ---- routing ----

    private record Request(CustomerWorld w, CustomerControls c, Query q, String url) {
    }

    private Answer route(Request rq, String[] s) {
        CustomerWorld w = rq.w();
        long now = clock.epochSecond();
        if (s.length == 0) {
            return notFound();
        }
        switch (s[0]) {
            case "users":
                if (s.length == 1) {
                    return listUsers(rq);
                }
                if (s.length == 2) {
                    return byId(s[1], w::user, u -> u.forbidden,
                            (g, u) -> render.user(g, w, u, true));
                }
                break;
            case "projects":
                if (s.length == 1) {
                    return listProjects(rq, now);
                }
                if (s.length == 2 && s[1].equals("today")) {
                    return listToday(rq, now);
                }
                if (s.length == 3 && s[1].equals("date")) {
                    return byId(s[2], id -> w.date(id).filter(d -> !d.isDeleted()),
                            d -> w.project(d.projectId).map(p -> p.forbidden).orElse(false),
                            (g, d) -> render.date(g, d, true));
                }
                if (s.length == 2) {
                    return byId(s[1], w::project, p -> p.forbidden, (g, p) -> render.project(g, w, p, true, now));
                }
                break;
            case "groups":
                if (s.length == 1) {
                    return listed(rq, w.groupIndex(), commonFilters(rq.q(), "name_like", gr -> gr.name, Group::createdAt),
                            gr -> RecordKey.of(w.slug(), Resource.GROUPS, Long.toString(gr.id())),
                            (g, gr) -> render.group(g, w, gr));
                }
                if (s.length == 2) {
                    return byId(s[1], w::group, gr -> gr.forbidden, (g, gr) -> render.group(g, w, gr));
                }
                if (s.length == 3 && s[2].equals("members")) {
                    return listMembers(rq, s[1]);
                }
                break;
            case "campaigns":
                if (s.length == 1) {
                    return listed(rq, w.campaignIndex(), commonFilters(rq.q(), "name_like", c -> c.name, Campaign::createdAt),
                            c -> RecordKey.of(w.slug(), Resource.CAMPAIGNS, Long.toString(c.id())),
                            (g, c) -> render.campaign(g, w, c));
                }
                if (s.length == 2) {
                    return byId(s[1], w::campaign, c -> c.forbidden, (g, c) -> render.campaign(g, w, c));
                }
                break;
            case "organizations":
                if (s.length == 1) {
                    List<Organization> orgs = List.of(w.organization(), w.sister());
                    return page(rq, orgs, o -> RecordKey.of(w.slug(), "organizations", Long.toString(o.id())), render::organization);
                }
                if (s.length == 2) {
                    OptionalLong id = parseId(s[1]);
                    if (id.isEmpty()) {
                        return notFound();
                    }
                    if (id.getAsLong() == w.parent().id()) {
                        return forbidden();
                    }
                    return List.of(w.organization(), w.sister()).stream().filter(o -> o.id() == id.getAsLong()).findFirst()
                            .map(o -> detail(g -> render.organization(g, o))).orElseGet(ApiServer::notFound);
                }
                break;
            case "forms":
                if (s.length == 1) {
                    Predicate<Form> p = and(commonFilters(rq.q(), "name_like", f -> f.name, Form::createdAt),
                            rq.q().bool("active").map(a -> (Predicate<Form>) f -> f.active == a).orElse(null));
                    return listed(rq, w.formIndex(), p, f -> RecordKey.of(w.slug(), Resource.FORMS, Long.toString(f.id())),
                            (g, f) -> render.form(g, w, f));
                }
                if (s.length == 3 && s[2].equals("completions")) {
                    return listCompletions(rq, s[1]);
                }
                if (s.length == 4 && s[2].equals("completions")) {
                    OptionalLong fid = parseId(s[1]);
                    OptionalLong cid = parseId(s[3]);
                    if (fid.isEmpty() || cid.isEmpty()) {
                        return notFound();
                    }
                    return w.form(fid.getAsLong()).map(f -> f.completions.get(cid.getAsLong()))
                            .map(c -> detail(g -> render.completion(g, c))).orElseGet(ApiServer::notFound);
                }
                break;
            case "certificates":
                if (s.length == 1) {
                    return listed(rq, w.certificateIndex(), commonFilters(rq.q(), "name_like", c -> c.name, Certificate::createdAt),
                            c -> RecordKey.of(w.slug(), Resource.CERTIFICATES, Long.toString(c.id())),
                            (g, c) -> render.certificate(g, w, c));
                }
                break;
            default:
                break;
        }
        return notFound();
    }

    private Answer listUsers(Request rq) {
        Query q = rq.q();
        Optional<String> name = q.like("name_like");
        Optional<String> email = q.like("email_like");
        Predicate<User> p = and(commonFilters(q, null, null, User::createdAt),
                name.map(n -> (Predicate<User>) u -> u.fullName().toLowerCase(Locale.ROOT).contains(n)).orElse(null),
                email.map(e -> (Predicate<User>) u -> u.email.toLowerCase(Locale.ROOT).contains(e)).orElse(null));
        CustomerWorld w = rq.w();
        return listed(rq, w.userIndex(), p, u -> RecordKey.of(w.slug(), Resource.USERS, Long.toString(u.id())),
                (g, u) -> render.user(g, w, u, false));
    }

    private Answer listProjects(Request rq, long now) {
        Query q = rq.q();
        CustomerWorld w = rq.w();
        Optional<Boolean> active = q.bool("active");
        Optional<Boolean> published = q.bool("published");
        Optional<Boolean> anytime = q.bool("anytime");
        Optional<String> orgSlug = q.get("org_slug");
        OptionalLong datesBefore = q.before("dates_before");
        OptionalLong datesAfter = q.after("dates_after");
        Predicate<Project> p = and(commonFilters(q, "name_like", pr -> pr.name, Project::createdAt),
                active.map(a -> (Predicate<Project>) pr -> pr.active == a).orElse(null),
                published.map(a -> (Predicate<Project>) pr -> (pr.publishedAt != 0 && !pr.draft) == a).orElse(null),
                anytime.map(a -> (Predicate<Project>) pr -> pr.anytime == a).orElse(null),
                orgSlug.map(sl -> (Predicate<Project>) pr -> w.organization().slug().equals(sl)).orElse(null),
                datesBefore.isPresent() || datesAfter.isPresent() ? pr -> pr.dates.stream().anyMatch(d -> !d.isDeleted()
                        && (datesBefore.isEmpty() || d.startsAt <= datesBefore.getAsLong())
                        && (datesAfter.isEmpty() || d.startsAt >= datesAfter.getAsLong())) : null);
        return listed(rq, w.projectIndex(), p, pr -> RecordKey.of(w.slug(), Resource.PROJECTS, Long.toString(pr.id())),
                (g, pr) -> render.project(g, w, pr, false, now));
    }

    private Answer listToday(Request rq, long now) {
        CustomerWorld w = rq.w();
        LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(now, 86_400));
        List<ProjectDate> dates = new ArrayList<>();
        for (ProjectDate d : w.datesInIdOrder()) {
            if (!d.isDeleted() && LocalDate.ofEpochDay(Math.floorDiv(d.startsAt, 86_400)).equals(today)
                    && w.project(d.projectId).map(w::listable).orElse(false)) {
                dates.add(d);
            }
        }
        return page(rq, dates, d -> RecordKey.of(w.slug(), Resource.PROJECT_DATES, Long.toString(d.projectId), Long.toString(d.id)),
                (g, d) -> render.date(g, d, true));
    }

    private Answer listMembers(Request rq, String groupId) {
        CustomerWorld w = rq.w();
        OptionalLong gid = parseId(groupId);
        if (gid.isEmpty()) {
            return notFound();
        }
        Optional<Group> group = w.group(gid.getAsLong());
        if (group.isEmpty()) {
            return notFound();
        }
        if (group.get().forbidden) {
            return forbidden();
        }
        List<GroupMember> members = members(w, group.get(), rq.q());
        return page(rq, members, m -> RecordKey.of(w.slug(), Resource.GROUP_MEMBERS, groupId, Long.toString(m.userId)), render::member);
    }

    private Answer listCompletions(Request rq, String formId) {
        CustomerWorld w = rq.w();
        OptionalLong fid = parseId(formId);
        if (fid.isEmpty() || w.form(fid.getAsLong()).isEmpty()) {
            return notFound();
        }
        List<FormCompletion> list = completions(w, w.form(fid.getAsLong()).get(), rq.q());
        return page(rq, list, c -> RecordKey.of(w.slug(), Resource.FORM_COMPLETIONS, formId, Long.toString(c.id)),
                render::completion);
    }

    /**
     * A group's members as its list shows them: the filters applied to the world's cached list
     * order (a filtered sorted list stays sorted, and the order is total, so this is the list a
     * filter-then-sort gives). Under the world's lock.
     */
    static List<GroupMember> members(CustomerWorld w, Group group, Query q) {
        OptionalLong after = q.after("updated_after");
        OptionalLong before = q.before("updated_before");
        Optional<String> status = q.get("status");
        List<GroupMember> inOrder = w.membersInListOrder(group);
        if (after.isEmpty() && before.isEmpty() && status.isEmpty()) {
            return inOrder;
        }
        return inOrder.stream()
                .filter(m -> after.isEmpty() || m.updatedAt >= after.getAsLong())
                .filter(m -> before.isEmpty() || m.updatedAt <= before.getAsLong())
                .filter(m -> status.isEmpty() || m.status.equals(status.get()))
                .toList();
    }

    /** A form's completions as its list shows them; as {@link #members}. */
    static List<FormCompletion> completions(CustomerWorld w, Form form, Query q) {
        OptionalLong user = q.id("user_id");
        OptionalLong createdAfter = q.after("created_after");
        OptionalLong createdBefore = q.before("created_before");
        OptionalLong updatedAfter = q.after("updated_after");
        OptionalLong updatedBefore = q.before("updated_before");
        List<FormCompletion> inOrder = w.completionsInListOrder(form);
        if (user.isEmpty() && createdAfter.isEmpty() && createdBefore.isEmpty() && updatedAfter.isEmpty() && updatedBefore.isEmpty()) {
            return inOrder;
        }
        return inOrder.stream()
                .filter(c -> user.isEmpty() || c.userId == user.getAsLong())
                .filter(c -> createdAfter.isEmpty() || c.createdAt >= createdAfter.getAsLong())
                .filter(c -> createdBefore.isEmpty() || c.createdAt <= createdBefore.getAsLong())
                .filter(c -> updatedAfter.isEmpty() || c.updatedAt >= updatedAfter.getAsLong())
                .filter(c -> updatedBefore.isEmpty() || c.updatedAt <= updatedBefore.getAsLong())
                .toList();
    }

    // ---- lists ----

    @FunctionalInterface
    interface RecordWriter<T> {
        void write(JsonGenerator g, T record) throws IOException;
    }

    /** created_after/before and a *_like filter on a name, common to most lists (null when none given). */
    private static <T> Predicate<T> commonFilters(Query q, String likeParam, Function<T, String> name,
                                                  java.util.function.ToLongFunction<T> createdAt) {
        OptionalLong ca = q.after("created_after");
        OptionalLong cb = q.before("created_before");
        Optional<String> like = likeParam == null ? Optional.empty() : q.like(likeParam);
        return and(ca.isPresent() ? t -> createdAt.applyAsLong(t) >= ca.getAsLong() : null,
                cb.isPresent() ? t -> createdAt.applyAsLong(t) <= cb.getAsLong() : null,
                like.isPresent() ? t -> name.apply(t).toLowerCase(Locale.ROOT).contains(like.get()) : null);
    }

    @SafeVarargs
    private static <T> Predicate<T> and(Predicate<T>... ps) {
        Predicate<T> out = null;
        for (Predicate<T> p : ps) {
            if (p != null) {
                out = out == null ? p : out.and(p);
            }
        }
        return out;
    }

    /** A list from a sorted index: updated_after/before by binary search, other filters by a scan. */
    private <T extends Listed> Answer listed(Request rq, SortedIndex<T> index, Predicate<T> filter,
                                             Function<T, RecordKey> keyOf, RecordWriter<T> writer) {
        OptionalLong after = rq.q().after("updated_after");
        OptionalLong before = rq.q().before("updated_before");
        int lo = after.isPresent() ? index.firstAtOrAfter(after.getAsLong()) : 0;
        int hi = before.isPresent() ? index.firstAfter(before.getAsLong()) : index.size();
        List<T> items = lo < hi ? index.view().subList(lo, hi) : List.of();
        if (filter != null) {
            items = items.stream().filter(filter).toList();
        }
        return page(rq, items, keyOf, writer);
    }

    private <T> Answer page(Request rq, List<T> items, Function<T, RecordKey> keyOf, RecordWriter<T> writer) {
        int total = items.size();
        int lastPage = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = rq.q().page();
        int from = (page - 1) * PAGE_SIZE;
        List<T> data = from < total ? items.subList(from, Math.min(total, from + PAGE_SIZE)) : List.of();
        boolean hasNext = page < lastPage;
        if (hasNext && !data.isEmpty()) {
            int cut = rq.c().faults().cutShort(data.size());
            if (cut > 0) {
                for (T left : data.subList(data.size() - cut, data.size())) {
                    truth.record(rq.w().slug(), keyOf.apply(left).encode(), TruthClass.PAGE_CUT_SHORT,
                            "left out of page " + page + " of " + rq.url());
                }
                data = data.subList(0, data.size() - cut);
            }
        }
        List<T> served = data;
        String url = rq.url();
        Query q = rq.q();
        return ok(g -> {
            g.writeArrayFieldStart("data");
            for (T t : served) {
                writer.write(g, t);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("links");
            g.writeStringField("first", url + "?" + q.withPage(1));
            g.writeStringField("last", url + "?" + q.withPage(lastPage));
            link(g, "prev", page > 1 ? url + "?" + q.withPage(Math.min(page - 1, lastPage)) : null);
            link(g, "next", hasNext ? url + "?" + q.withPage(page + 1) : null);
            g.writeEndObject();
            g.writeObjectFieldStart("meta");
            render.counter(g, "current_page", page);
            if (served.isEmpty()) {
                g.writeNullField("from");
            } else {
                render.counter(g, "from", from + 1L);
            }
            render.counter(g, "last_page", lastPage);
            g.writeStringField("path", url);
            render.counter(g, "per_page", PAGE_SIZE);
            if (served.isEmpty()) {
                g.writeNullField("to");
            } else {
                render.counter(g, "to", from + (long) served.size());
            }
            render.counter(g, "total", total);
            g.writeEndObject();
        }, true);
    }

    private static void link(JsonGenerator g, String name, String url) throws IOException {
        if (url == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, url);
        }
    }

    // ---- details ----

    private <T> Answer byId(String rawId, Function<Long, Optional<T>> find, Predicate<T> forbidden, RecordWriter<T> writer) {
        OptionalLong id = parseId(rawId);
        if (id.isEmpty()) {
            return notFound();
        }
        Optional<T> found = find.apply(id.getAsLong());
        if (found.isEmpty()) {
            return notFound();
        }
        if (forbidden.test(found.get())) {
            return forbidden();
        }
        return detail(g -> writer.write(g, found.get()));
    }

    /** A single record wrapped as {@code {"data": {...}}}. */
    private static Answer detail(BodyWriter record) {
        return ok(g -> {
            g.writeFieldName("data");
            record.write(g);
        });
    }

    private static OptionalLong parseId(String s) {
        try {
            return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    // ---- bodies ----

    @FunctionalInterface
    private interface BodyWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private static Answer ok(BodyWriter body) {
        return ok(body, true);
    }

    private static Answer ok(BodyWriter body, boolean wrapInObject) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            if (wrapInObject) {
                g.writeStartObject();
            }
            body.write(g);
            if (wrapInObject) {
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot render an answer", e);
        }
        return new Answer(200, out.toByteArray(), 0, 0);
    }

    private static Answer notFound() {
        return message(404, "Not Found.");
    }

    private static Answer forbidden() {
        return message(403, "This action is unauthorized.");
    }

    private static Answer message(int status, String message) {
        return new Answer(status, json("message", message), 0, 0);
    }

    private static byte[] json(String field, String value) {
        return ok(g -> g.writeStringField(field, value)).body();
    }

    private static byte[] validation(Query.Invalid invalid) {
        return ok(g -> {
            g.writeStringField("message", "The given data was invalid.");
            g.writeObjectFieldStart("errors");
            g.writeArrayFieldStart(invalid.field);
            g.writeString(invalid.getMessage());
            g.writeEndArray();
            g.writeEndObject();
        }).body();
    }
}
