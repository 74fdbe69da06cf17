package io.vomorecon.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    record Inner(Duration pollInterval, int share) {
    }

    record Sample(String bootstrapServers, Optional<String> topicsPrefix, List<String> customers, Inner throttle)
            implements Validated {
        @Override
        public void validate() {
            ConfigException.require(bootstrapServers, "bootstrap-servers", "set it to host:port of a Kafka broker");
            ConfigException.check(throttle == null || throttle.share() <= 100, "throttle.share", "is above 100", "give a percentage 1..100");
        }
    }

    @TempDir
    Path dir;

    @Test
    void fileValuesAreOverriddenByEnvironment() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "bootstrap-servers: a:1\ncustomers: [x]\nthrottle:\n  poll-interval: 15m\n  share: 20\n");
        Sample s = ConfigLoader.load(Sample.class, Optional.of(f),
                Map.of("VOMO_RECON_BOOTSTRAP_SERVERS", "b:2", "VOMO_RECON_CUSTOMERS", "acme, globex",
                        "VOMO_RECON_THROTTLE_SHARE", "30"));
        assertThat(s.bootstrapServers()).isEqualTo("b:2");
        assertThat(s.customers()).containsExactly("acme", "globex");
        assertThat(s.throttle().pollInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.throttle().share()).isEqualTo(30);
        assertThat(s.topicsPrefix()).isEmpty();
    }

    @Test
    void missingRequiredKeyNamesTheKeyAndTheFix() {
        assertThatThrownBy(() -> ConfigLoader.load(Sample.class, Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'bootstrap-servers'").hasMessageContaining("fix:");
    }

    @Test
    void unknownAndMistypedKeysAreNamed() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "bootstrap-servers: a:1\nthrottle:\n  share: 3\n  shares: 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(Sample.class, Optional.of(f), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("throttle.shares"));
        Files.writeString(f, "bootstrap-servers: a:1\nthrottle:\n  share: lots\n");
        assertThatThrownBy(() -> ConfigLoader.load(Sample.class, Optional.of(f), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("throttle.share"));
        Files.writeString(f, "bootstrap-servers: a:1\nthrottle:\n  poll-interval: soon\n  share: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(Sample.class, Optional.of(f), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("throttle.poll-interval"));
    }

    @Test
    void envNamesFollowTheKeys() {
        assertThat(ConfigLoader.envName("bootstrap-servers")).isEqualTo("VOMO_RECON_BOOTSTRAP_SERVERS");
        assertThat(ConfigLoader.leafPaths(Sample.class, "")).contains("throttle.poll-interval", "topics-prefix");
    }
}
