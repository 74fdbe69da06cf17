package io.vomorecon.sandbox.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.MutationRates;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.sandbox.api.ApiFault;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The partner client retries a storm's 429s; it waits out Retry-After over HTTP and not in process. */
class PartnerHttpTest {

    static Sandbox sandbox;

    private final List<Long> waits = new ArrayList<>();
    private PartnerHttp client;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.of(3, new CustomerSpec("acme", 50)).withRates(MutationRates.none()));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void client() {
        sandbox.controls("acme").faults().clearForced();
        client = new PartnerHttp(HttpClient.newHttpClient(), sandbox.baseUrl(), sandbox.customer("acme").token(),
                Duration.ofSeconds(5), waits::add);
    }

    @Test
    void overHttpAStormIsRetriedAfterEachRetryAfter() throws Exception {
        long refused = throttled();
        sandbox.forceFault("acme", ApiFault.STORM, 2);

        assertThat(client.get("/campaigns")).isPresent();

        assertThat(waits).containsExactly(1000L, 1000L);
        assertThat(throttled() - refused).isEqualTo(2);
    }

    @Test
    void inProcessAStormIsRetriedWithoutWaiting() throws Exception {
        client.direct(Optional.of(sandbox.apiServer()));
        long refused = throttled();
        sandbox.forceFault("acme", ApiFault.STORM, 2);

        assertThat(client.get("/campaigns")).isPresent();

        assertThat(waits).isEmpty();
        assertThat(throttled() - refused).isEqualTo(2);
    }

    @Test
    void aStormLongerThanTheAttemptsFailsTheRequestInProcessToo() {
        client.direct(Optional.of(sandbox.apiServer()));
        sandbox.forceFault("acme", ApiFault.STORM, 10);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.get("/campaigns"))
                .isInstanceOf(PartnerHttp.ApiError.class).hasMessageContaining("429");
        assertThat(waits).isEmpty();
    }

    private static long throttled() {
        return sandbox.controls("acme").stats().throttledByAgent().getOrDefault(PartnerHttp.USER_AGENT, 0L);
    }
}
