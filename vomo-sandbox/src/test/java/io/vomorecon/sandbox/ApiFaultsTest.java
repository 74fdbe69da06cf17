package io.vomorecon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.sandbox.api.ApiFault;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.truth.TruthEntry;
import io.vomorecon.schemas.RecordKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every API fault happens as described and lands in the ground truth. */
class ApiFaultsTest {

    static Sandbox sandbox;
    static ApiClient client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.of(9, new CustomerSpec("acme", 400)).withRates(MutationRates.none()));
        client = new ApiClient(sandbox.baseUrl(), sandbox.customer("acme").token());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void calm() {
        sandbox.controls("acme").faults().clearForced();
        sandbox.setFaults("acme", new FaultSettings(0, 0, 300, 0, 1500, 0, 0, 0));
    }

    @Test
    void aForced500IsAServerErrorRecordedOnTheListItHit() {
        sandbox.forceFault("acme", ApiFault.ERROR_500, 1);
        assertThat(client.get("/users?page=2").status()).isEqualTo(500);
        assertThat(client.get("/users?page=2").status()).isEqualTo(200);
        TruthEntry e = last(TruthClass.API_500);
        assertThat(e.key()).isEqualTo("acme/users/");
        assertThat(e.detail()).contains("/v1/users");
    }

    @Test
    void aPageCutShortLeavesOutExactlyTheRecordedRecords() {
        Set<String> clean = keys(client.all("/users"));
        int before = sandbox.truth().of(TruthClass.PAGE_CUT_SHORT).size();
        sandbox.forceFault("acme", ApiFault.CUT_SHORT, 2);
        JsonNode first = client.get("/users").json();
        assertThat(first.get("data").size()).isLessThan(15);
        assertThat(first.get("links").get("next").isNull()).isFalse();
        Set<String> walked = keys(first.get("data"));
        String next = first.get("links").get("next").asText();
        while (next != null) {
            JsonNode page = client.get(next).json();
            walked.addAll(keys(page.get("data")));
            next = page.get("links").get("next").isNull() ? null : page.get("links").get("next").asText();
        }
        List<TruthEntry> cut = sandbox.truth().of(TruthClass.PAGE_CUT_SHORT);
        Set<String> recorded = new HashSet<>();
        cut.subList(before, cut.size()).forEach(e -> recorded.add(e.key()));
        Set<String> missing = new HashSet<>(clean);
        missing.removeAll(walked);
        assertThat(recorded).isNotEmpty().isEqualTo(missing);
    }

    @Test
    void aSlowAnswerArrivesLateButWhole() {
        sandbox.forceFault("acme", ApiFault.SLOW, 1);
        long t0 = System.nanoTime();
        ApiClient.Reply r = client.get("/projects");
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(r.status()).isEqualTo(200);
        assertThat(last(TruthClass.API_SLOW).key()).isEqualTo("acme/projects/");
    }

    @Test
    void aTimeoutHoldsTheAnswerPastTheClientsPatienceThenGives504() {
        sandbox.forceFault("acme", ApiFault.TIMEOUT, 2);
        assertThatThrownBy(() -> client.get("/groups", Duration.ofMillis(400))).hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(client.get("/groups", Duration.ofSeconds(10)).status()).isEqualTo(504);
        assertThat(last(TruthClass.API_TIMEOUT).key()).isEqualTo("acme/groups/");
    }

    @Test
    void aStormRefusesTheNextRequestsWith429() {
        sandbox.forceFault("acme", ApiFault.STORM, 3);
        for (int i = 0; i < 3; i++) {
            ApiClient.Reply r = client.get("/campaigns");
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.header("Retry-After")).isEqualTo("1");
        }
        assertThat(client.get("/campaigns").status()).isEqualTo(200);
        assertThat(last(TruthClass.RATE_LIMIT_STORM).detail()).startsWith("3 requests");
    }

    @Test
    void aProfileInjectsFaultsByProbability() {
        sandbox.setFaults("acme", new FaultSettings(1.0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(client.get("/certificates").status()).isEqualTo(500);
        sandbox.setFaults("acme", FaultSettings.none());
        assertThat(client.get("/certificates").status()).isEqualTo(200);
    }

    @Test
    void stormsStartAsTheSimulatedDaysPass() {
        sandbox.setFaults("acme", new FaultSettings(0, 0, 0, 0, 0, 0, 4, 2));
        int before = sandbox.truth().of(TruthClass.RATE_LIMIT_STORM).size();
        sandbox.advance(Duration.ofDays(2));
        assertThat(sandbox.truth().of(TruthClass.RATE_LIMIT_STORM).size() - before).isGreaterThanOrEqualTo(3);
        sandbox.controls("acme").faults().clearForced();
    }

    static TruthEntry last(TruthClass kind) {
        List<TruthEntry> all = sandbox.truth().of(kind);
        assertThat(all).as("ground truth of " + kind).isNotEmpty();
        return all.get(all.size() - 1);
    }

    static Set<String> keys(Iterable<JsonNode> users) {
        Set<String> out = new HashSet<>();
        users.forEach(u -> out.add(RecordKey.of("acme", "users", u.get("id").asText()).encode()));
        return out;
    }
}
