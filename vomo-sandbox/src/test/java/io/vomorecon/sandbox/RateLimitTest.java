package io.vomorecon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-token bucket: 429 with Retry-After once spent, shared by every client of the token. */
class RateLimitTest {

    @Test
    void aSpentBucketAnswers429WithRetryAfterForEveryClientOfTheTokenOnly() {
        AtomicLong nanos = new AtomicLong();
        SandboxConfig config = SandboxConfig.of(3, new CustomerSpec("acme", 50), new CustomerSpec("globex", 50))
                .withRateLimit(RateLimit.of(2, 3));
        try (Sandbox s = Sandbox.start(config, nanos::get)) {
            ApiClient partner = new ApiClient(s.baseUrl(), s.customer("acme").token(), "partner-sync");
            ApiClient recon = new ApiClient(s.baseUrl(), s.customer("acme").token(), "vomo-recon");
            ApiClient other = new ApiClient(s.baseUrl(), s.customer("globex").token(), "vomo-recon");

            assertThat(partner.get("/users").status()).isEqualTo(200);
            assertThat(partner.get("/users").status()).isEqualTo(200);
            assertThat(recon.get("/users").status()).isEqualTo(200);
            ApiClient.Reply refused = recon.get("/users");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(partner.get("/users").status()).as("the bucket is the token's, not the client's").isEqualTo(429);
            assertThat(other.get("/users").status()).as("another token has its own bucket").isEqualTo(200);

            nanos.addAndGet(500_000_000L);
            assertThat(recon.get("/users").status()).isEqualTo(200);
            assertThat(recon.get("/users").status()).isEqualTo(429);

            nanos.addAndGet(10_000_000_000L);
            for (int i = 0; i < 3; i++) {
                assertThat(partner.get("/users").status()).as("refilled up to the burst").isEqualTo(200);
            }
            assertThat(partner.get("/users").status()).isEqualTo(429);

            assertThat(s.controls("acme").stats().throttledByAgent()).containsEntry("vomo-recon", 2L).containsEntry("partner-sync", 2L);
            assertThat(s.controls("acme").stats().servedByAgent()).containsEntry("vomo-recon", 2L).containsEntry("partner-sync", 5L);
        }
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilAPermit() {
        AtomicLong nanos = new AtomicLong();
        try (Sandbox s = Sandbox.start(SandboxConfig.of(3, new CustomerSpec("acme", 50)).withRateLimit(RateLimit.of(0.25, 1)), nanos::get)) {
            ApiClient c = new ApiClient(s.baseUrl(), s.customer("acme").token());
            assertThat(c.get("/users").status()).isEqualTo(200);
            assertThat(c.get("/users").header("Retry-After")).isEqualTo("4");
        }
    }
}
