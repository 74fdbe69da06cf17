package io.vomorecon.poller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.platform.config.ConfigLoader;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.RunKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PollerConfigTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            bootstrap-servers: localhost:9092
            workers: 3
            http:
              max-attempts: 4
            customers:
              - id: acme
                base-url: http://127.0.0.1:8089/v1
                organization-id: "9001"
                token-env: ACME_TOKEN
                size: 60000
                cadences:
                  users: { incremental: daily, audit-sample: off }
              - id: globex
                base-url: https://api.vomo.org/v1
                organization-id: 77
                token-file: /run/secrets/globex
            """;

    private PollerConfig load(String yaml) throws Exception {
        Path f = dir.resolve("customers.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(PollerConfig.class, Optional.of(f), Map.of());
    }

    @Test
    void readsCustomersWithDefaultsAndOverrides() throws Exception {
        PollerConfig c = load(GOOD);
        assertThat(c.workers()).isEqualTo(3);
        assertThat(c.http().maxAttempts()).isEqualTo(4);
        assertThat(c.http().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        CustomerConfig acme = c.requireCustomer("acme");
        assertThat(acme.throttleShare()).isEqualTo(0.5);
        assertThat(acme.enabled()).isTrue();
        List<CadenceTable.Entry> entries = CadenceTable.resolve(acme.size(), c.scheduler().largeCustomerUsers(), acme.cadences());
        assertThat(entries).contains(new CadenceTable.Entry(Resource.USERS, RunKind.FULL, Cadence.DAILY),
                new CadenceTable.Entry(Resource.USERS, RunKind.INCREMENTAL, Cadence.DAILY),
                new CadenceTable.Entry(Resource.GROUPS, RunKind.FULL, Cadence.DAILY),
                new CadenceTable.Entry(Resource.FORMS, RunKind.FULL, Cadence.MONTHLY));
        assertThat(entries).noneMatch(e -> e.kind() == RunKind.AUDIT_SAMPLE);
        assertThat(c.requireCustomer("globex").organizationId()).isEqualTo("77");
    }

    @Test
    void badValuesNameTheirKey() throws Exception {
        assertThatThrownBy(() -> load(GOOD.replace("audit-sample: off", "schedule: weekly")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("customers[0].cadences.users.schedule"));
        assertThatThrownBy(() -> load(GOOD.replace("incremental: daily", "incremental: hourly")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("customers[0].cadences.users.incremental"));
        assertThatThrownBy(() -> load(GOOD.replace("    token-file: /run/secrets/globex\n", "")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("customers[1].token-env"));
        assertThatThrownBy(() -> load(GOOD.replace("token-env: ACME_TOKEN", "token: abc")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("customers[0].token"));
        assertThatThrownBy(() -> load(GOOD.replace("id: globex", "id: acme")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("customers[1].id"));
        assertThatThrownBy(() -> load(GOOD.replace("size: 60000", "size: 60000\n    throttle-share: 1.5")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("customers[0].throttle-share"));
    }

    @Test
    void aMissingTokenVariableNamesTheKeyNeverAValue() throws Exception {
        PollerConfig c = load(GOOD);
        assertThatThrownBy(() -> Secret.token(c.customers().get(0), "customers[0]", Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("customers[0].token-env");
                    assertThat(e.getMessage()).contains("ACME_TOKEN");
                });
        Secret s = Secret.token(c.customers().get(0), "customers[0]", Map.of("ACME_TOKEN", "t0ken"));
        assertThat(s.reveal()).isEqualTo("t0ken");
        assertThat(s.toString()).doesNotContain("t0ken");
    }
}
