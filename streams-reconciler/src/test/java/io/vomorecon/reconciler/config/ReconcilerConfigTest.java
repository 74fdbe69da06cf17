package io.vomorecon.reconciler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.platform.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsGiveAGraceOfTwicePartnerPolling() {
        ReconcilerConfig c = ConfigLoader.load(ReconcilerConfig.class, Optional.empty(), Map.of());
        assertThat(c.grace()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.anomaly().forCustomer("acme").pollingBrokenGapRate()).isEqualTo(0.5);
        assertThat(c.anomaly().dailyGapRateAlert()).isEqualTo(0.01);
        assertThat(c.rocksdb().blockCacheMb()).isEqualTo(64);
    }

    @Test
    void perCustomerThresholdsOverrideOnlyWhatTheyName() throws Exception {
        Path f = dir.resolve("r.yaml");
        Files.writeString(f, """
                partner-polling-interval: 20m
                anomaly:
                  defaults:
                    mass-deletion-threshold: 300
                  customers:
                    acme:
                      polling-broken-gap-rate: 0.3
                """);
        ReconcilerConfig c = ConfigLoader.load(ReconcilerConfig.class, Optional.of(f), Map.of("VOMO_RECON_GRACE_PERIOD", "45m"));
        assertThat(c.grace()).isEqualTo(Duration.ofMinutes(45));
        assertThat(c.anomaly().forCustomer("acme").pollingBrokenGapRate()).isEqualTo(0.3);
        assertThat(c.anomaly().forCustomer("acme").massDeletionThreshold()).isEqualTo(300);
        assertThat(c.anomaly().forCustomer("globex").pollingBrokenGapRate()).isEqualTo(0.5);
    }

    @Test
    void badValuesNameTheKey() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "sweep:\n  slice-budget: 30s\n");
        assertThatThrownBy(() -> ConfigLoader.load(ReconcilerConfig.class, Optional.of(f), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("sweep.slice-budget"));
        Files.writeString(f, "anomaly:\n  customers:\n    acme:\n      polling-broken-gap-rate: 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(ReconcilerConfig.class, Optional.of(f), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("anomaly.customers.acme.polling-broken-gap-rate"));
    }
}
