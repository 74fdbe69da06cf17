package io.vomorecon.poller.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.Secret;
import io.vomorecon.poller.throttle.AdaptiveThrottle;
import io.vomorecon.poller.vomo.VomoCallFailed;
import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.schemas.values.Verification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verdict for a project date that VOMO still serves by id with status "deleted" (VOMO-API.md: a date
 * disappears only by that status), which the sandbox does not produce (it answers 404), and the reads a batch
 * shares ({@link SharedReads}); the sandbox's situations are covered by DeletionVerifierIT.
 */
class DeletionVerifierTest {

    private static final String MEMBERS = "{\"data\":[{\"user_id\":1,\"membership_status\":\"active\"},"
            + "{\"user_id\":2,\"membership_status\":\"inactive\"}],\"links\":{\"next\":null},\"meta\":{\"per_page\":15}}";
    private static final String FORMS = "{\"data\":[{\"id\":1,\"name\":\"Intake\"}],\"links\":{\"next\":null},\"meta\":{\"per_page\":15}}";

    private HttpServer server;
    private String body;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final DeletionVerifier verifier = new DeletionVerifier(Clock.systemUTC());
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private VomoClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/v1/projects/date/77", ex -> answer(ex, 200, body));
        server.createContext("/v1/projects/date/88", ex -> {
            try {
                gate.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(ex, 404, "");
        });
        server.createContext("/v1/projects/date/99", ex -> answer(ex, 503, ""));
        server.createContext("/v1/groups/5/members", ex -> answer(ex, 200, MEMBERS));
        server.createContext("/v1/forms", ex -> answer(ex, 200, FORMS));
        server.createContext("/v1/groups/6/members", ex -> {
            String q = ex.getRequestURI().getRawQuery();
            int page = q == null ? 1 : Integer.parseInt(q.replace("page=", ""));
            answer(ex, 200, memberPage(page, 20));
        });
        server.start();
        HttpSettings s = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofMillis(5), Duration.ofMillis(20),
                Duration.ofSeconds(5), null);
        client = new VomoClient("acme", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", Secret.of("t"),
                new AdaptiveThrottle("acme", 1000, Duration.ofSeconds(5), Clock.systemUTC()), VomoClient.httpClient(s), s,
                Clock.systemUTC(), d -> { });
    }

    private void answer(com.sun.net.httpserver.HttpExchange ex, int status, String text) throws IOException {
        hits.computeIfAbsent(ex.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @AfterEach
    void stop() {
        gate.countDown();
        pool.shutdownNow();
        server.stop(0);
    }

    private int hitsOf(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    /** Page {@code page} of a Laravel-paged member list of {@code last} full pages (users 1 to 15 * last). */
    private String memberPage(int page, int last) {
        StringBuilder data = new StringBuilder();
        for (int i = 1; i <= 15; i++) {
            data.append(i == 1 ? "" : ",").append("{\"user_id\":").append((page - 1) * 15 + i).append(",\"membership_status\":\"active\"}");
        }
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/groups/6/members?page=";
        return "{\"data\":[" + data + "],\"links\":{\"last\":\"" + url + last + "\",\"next\":"
                + (page < last ? "\"" + url + (page + 1) + "\"" : "null") + "},\"meta\":{\"per_page\":15,\"last_page\":" + last + "}}";
    }

    private static Finding candidate(String key) {
        return new Finding(Topics.SCHEMA_VERSION, ContentHash.stableId(key, "DELETION"), FindingKind.DELETION, FindingStatus.CANDIDATE,
                Optional.empty(), "acme", key.split("/")[1], key, "r-1", RunKind.SCHEDULE, Instant.now(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Map.of(), Optional.empty());
    }

    private Verification verify(String key) throws Exception {
        return verifier.verify(candidate(key), new DeletionVerifier.Target(client, "9001"));
    }

    /** Verifies the keys concurrently on the pool, all with the same shared reads. */
    private List<Future<Verification>> verifyTogether(List<String> keys, SharedReads reads) {
        List<Future<Verification>> out = new ArrayList<>();
        for (String key : keys) {
            out.add(pool.submit(() -> verifier.verify(candidate(key), new DeletionVerifier.Target(client, "9001"), reads)));
        }
        return out;
    }

    private static List<String> participationsOf(String dateId, int count) {
        List<String> keys = new ArrayList<>();
        for (int user = 1; user <= count; user++) {
            keys.add("acme/participations/" + dateId + "/" + user);
        }
        return keys;
    }

    @Test
    void aDateServedWithStatusDeletedIsDeletedAndItsParticipantsWithIt() throws Exception {
        body = "{\"data\":{\"id\":77,\"project_id\":5,\"status\":\"deleted\",\"participants\":[{\"user_id\":3,\"status\":\"signed_up\"}]}}";
        assertThat(verify("acme/project-dates/5/77").verdict()).isEqualTo(Verdict.DELETED);
        assertThat(verify("acme/participations/77/3").verdict()).as("parent gone: the child is gone").isEqualTo(Verdict.DELETED);
        body = "{\"data\":{\"id\":77,\"project_id\":5,\"status\":\"scheduled\",\"participants\":[{\"user_id\":3,\"status\":\"signed_up\"}]}}";
        assertThat(verify("acme/project-dates/5/77").verdict()).isEqualTo(Verdict.FILTER_MISMATCH);
        assertThat(verify("acme/participations/77/3").verdict()).isEqualTo(Verdict.FILTER_MISMATCH);
        assertThat(hitsOf("/v1/projects/date/77")).as("one candidate on its own sends its read").isEqualTo(4);
    }

    @Test
    void thirtyParticipationsOfOneDeletedDateReadTheDateOnceWhileTheReadIsInFlight() throws Exception {
        try (SharedReads reads = new SharedReads()) {
            List<Future<Verification>> verdicts = verifyTogether(participationsOf("88", 30), reads);
            // The first read is held by the server: the other three readers must wait for it, not send their own.
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.sharedReads() >= 3);
            assertThat(reads.requestsSent()).isEqualTo(1);
            gate.countDown();
            for (Future<Verification> f : verdicts) {
                Verification v = f.get(10, TimeUnit.SECONDS);
                assertThat(v.verdict()).isEqualTo(Verdict.DELETED);
                assertThat(v.httpStatus()).isEqualTo(404);
                assertThat(v.evidence()).isEqualTo("parent: GET /v1/projects/date/88 answered 404");
            }
            assertThat(hitsOf("/v1/projects/date/88")).isEqualTo(1);
            assertThat(reads.requestsSent()).isEqualTo(1);
            assertThat(reads.sharedReads()).as("29 requests saved").isEqualTo(29);
        }
    }

    @Test
    void aDateAndItsParticipationsShareTheReadAndTheNextBatchReadsAgain() throws Exception {
        body = "{\"data\":{\"id\":77,\"project_id\":5,\"status\":\"deleted\",\"participants\":[]}}";
        List<String> keys = new ArrayList<>(participationsOf("77", 5));
        keys.add("acme/project-dates/5/77");
        try (SharedReads reads = new SharedReads()) {
            List<Verification> verdicts = new ArrayList<>();
            for (Future<Verification> f : verifyTogether(keys, reads)) {
                verdicts.add(f.get(10, TimeUnit.SECONDS));
            }
            assertThat(verdicts).extracting(Verification::verdict).containsOnly(Verdict.DELETED);
            assertThat(verdicts.get(0).evidence()).isEqualTo("parent: GET /v1/projects/date/77 answered 200 with status deleted");
            assertThat(verdicts.get(5).evidence()).isEqualTo("GET /v1/projects/date/77 answered 200 with status deleted");
            assertThat(reads.sharedReads()).isEqualTo(5);
        }
        assertThat(hitsOf("/v1/projects/date/77")).isEqualTo(1);
        body = "{\"data\":{\"id\":77,\"project_id\":5,\"status\":\"scheduled\",\"participants\":[{\"user_id\":1,\"status\":\"signed_up\"}]}}";
        try (SharedReads next = new SharedReads()) {
            assertThat(verifier.verify(candidate("acme/participations/77/1"), new DeletionVerifier.Target(client, "9001"), next).verdict())
                    .as("a later batch sees VOMO as it is now").isEqualTo(Verdict.FILTER_MISMATCH);
        }
        assertThat(hitsOf("/v1/projects/date/77")).isEqualTo(2);
    }

    @Test
    void aGroupsMembersAndTheFormsListAreScannedOncePerBatchWithUnchangedEvidence() throws Exception {
        try (SharedReads reads = new SharedReads()) {
            List<Future<Verification>> f = verifyTogether(List.of("acme/group-members/5/1", "acme/group-members/5/2",
                    "acme/group-members/5/9", "acme/forms/1", "acme/forms/2"), reads);
            assertThat(f.get(0).get(10, TimeUnit.SECONDS).evidence()).isEqualTo("member 1 in GET /groups/5/members answered 200: "
                    + "still there, in the customer's organisation and active; the list query missed it");
            assertThat(f.get(1).get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.SOFT_DELETED);
            Verification gone = f.get(2).get(10, TimeUnit.SECONDS);
            assertThat(gone.verdict()).isEqualTo(Verdict.DELETED);
            assertThat(gone.evidence()).isEqualTo("GET /groups/5/members lists 2 members, not 9");
            assertThat(f.get(3).get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.FILTER_MISMATCH);
            assertThat(f.get(4).get(10, TimeUnit.SECONDS).evidence()).isEqualTo("no detail endpoint; absent from every page of GET /forms");
            assertThat(reads.requestsSent()).isEqualTo(2);
            assertThat(reads.sharedReads()).isEqualTo(3);
        }
        assertThat(hitsOf("/v1/groups/5/members")).isEqualTo(1);
        assertThat(hitsOf("/v1/forms")).isEqualTo(1);
    }

    @Test
    void aLongMemberListIsReadAheadWithTheRecordsOfOnePageAfterAnotherAndNoThreadOutlivesTheBatch() throws Exception {
        List<com.fasterxml.jackson.databind.JsonNode> serial;
        try (SharedReads reads = new SharedReads()) {
            serial = reads.scan(client, "groups/6/members");
            assertThat(reads.requestsSent()).isEqualTo(20);
        }
        List<com.fasterxml.jackson.databind.JsonNode> ahead;
        try (SharedReads reads = new SharedReads(4)) {
            ahead = reads.scan(client, "groups/6/members");
            assertThat(reads.requestsSent()).as("one request a page, as one after another").isEqualTo(20);
            assertThat(Thread.getAllStackTraces().keySet()).as("pages were read ahead on the batch's own threads")
                    .anyMatch(t -> t.getName().startsWith("poller-scan-") && t.isAlive());
        }
        assertThat(serial).hasSize(300);
        assertThat(ahead).isEqualTo(serial);
        assertThat(Thread.getAllStackTraces().keySet()).as("no read thread outlives its batch")
                .noneMatch(t -> t.getName().startsWith("poller-scan-") && t.isAlive());
    }

    @Test
    void aFailedReadIsSharedAsAFailureAndAFinishedBatchRefusesReads() throws Exception {
        SharedReads reads = new SharedReads();
        for (Future<Verification> f : verifyTogether(participationsOf("99", 3), reads)) {
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(VomoCallFailed.class);
        }
        assertThat(hitsOf("/v1/projects/date/99")).as("max-attempts 1: one request, its failure shared").isEqualTo(1);
        reads.close();
        assertThatThrownBy(() -> reads.get(client, "projects/date/77")).isInstanceOf(IllegalStateException.class);
        assertThat(hitsOf("/v1/projects/date/77")).isZero();
    }
}
