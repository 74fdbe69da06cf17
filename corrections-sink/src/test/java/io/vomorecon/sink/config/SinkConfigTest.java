package io.vomorecon.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.platform.config.ConfigLoader;
import io.vomorecon.schemas.values.CorrectionOutcome.Mode;
import io.vomorecon.sink.plan.Policy;
import io.vomorecon.sink.plan.PolicyBook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkConfigTest {

    @TempDir
    Path dir;

    private SinkConfig load(String yaml, Map<String, String> env) throws Exception {
        Path f = dir.resolve("sink.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(SinkConfig.class, Optional.of(f), env);
    }

    @Test
    void policiesResolveResourceOverCustomerOverDefaults() throws Exception {
        SinkConfig c = load("""
                bootstrap-servers: localhost:9092
                destination:
                  jdbc-url: jdbc:postgresql://localhost:5432/crm
                policy:
                  auto-fix-drift: true
                customers:
                  acme:
                    mode: DELEGATE
                    resources:
                      users: { hard-delete: true, auto-fix-drift: false }
                """, Map.of());
        PolicyBook book = PolicyBook.from(c);

        assertThat(book.policyFor("acme", "users")).isEqualTo(new Policy(Mode.DELEGATE, false, true));
        assertThat(book.policyFor("acme", "groups")).isEqualTo(new Policy(Mode.DELEGATE, true, false));
        assertThat(book.policyFor("globex", "users")).isEqualTo(new Policy(Mode.DIRECT, true, false));
    }

    @Test
    void defaultsAreSafeAndEnvironmentOverridesApply() throws Exception {
        SinkConfig c = load("""
                bootstrap-servers: localhost:9092
                destination:
                  jdbc-url: jdbc:postgresql://localhost:5432/crm
                """, Map.of("VOMO_RECON_WRITES_BATCHING", "false", "VOMO_RECON_DESTINATION_PASSWORD", "s3cret",
                "VOMO_RECON_RETRY_MAX_BACKOFF", "20s"));

        assertThat(PolicyBook.from(c).policyFor("any", "users")).isEqualTo(Policy.DEFAULT);
        assertThat(c.writes().batching()).isFalse();
        assertThat(c.writes().batchSize()).isEqualTo(500);
        assertThat(c.retry().maxAttempts()).isEqualTo(10);
        assertThat(c.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.destination().password()).contains("s3cret");
        assertThat(c.destination().toString()).doesNotContain("s3cret");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> load("""
                bootstrap-servers: localhost:9092
                destination: { jdbc-url: "jdbc:mysql://x/y" }
                """, Map.of())).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("destination.jdbc-url"));
        assertThatThrownBy(() -> load("""
                bootstrap-servers: localhost:9092
                destination: { jdbc-url: "jdbc:postgresql://x/y" }
                customers: { acme: { resources: { invoices: { hard-delete: true } } } }
                """, Map.of())).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.key()).isEqualTo("customers.acme.resources.invoices"));
        assertThatThrownBy(() -> load("""
                bootstrap-servers: localhost:9092
                destination: { jdbc-url: "jdbc:postgresql://x/y" }
                policy: { mode: SOMETIMES }
                """, Map.of())).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("policy.mode"));
        assertThatThrownBy(() -> load("bootstrap-servers: localhost:9092\n", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("destination.jdbc-url"));
        assertThatThrownBy(() -> load("""
                bootstrap-servers: localhost:9092
                destination: { jdbc-url: "jdbc:postgresql://x/y" }
                retry: { initial-backoff: 5s, max-backoff: 1s }
                """, Map.of())).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("retry.max-backoff"));
    }
}
