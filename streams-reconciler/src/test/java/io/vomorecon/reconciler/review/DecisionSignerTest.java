package io.vomorecon.reconciler.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.schemas.values.ReviewDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionSignerTest {

    static final Instant AT = Instant.parse("2026-01-10T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSignedDecisionVerifiesAndAnyChangeBreaksIt() {
        DecisionSigner s = new DecisionSigner("0123456789abcdef-secret".getBytes());
        String id = s.sign("r-1", ReviewDecision.Decision.APPROVE, "alice", "ok", AT);
        assertThat(s.verifies(new ReviewDecision(1, id, "r-1", ReviewDecision.Decision.APPROVE, "alice", "ok", AT))).isTrue();
        assertThat(s.verifies(new ReviewDecision(1, id, "r-1", ReviewDecision.Decision.REJECT, "alice", "ok", AT))).isFalse();
        assertThat(s.verifies(new ReviewDecision(1, id, "r-1", ReviewDecision.Decision.APPROVE, "mallory", "ok", AT))).isFalse();
        assertThat(new DecisionSigner("another-secret-0123456789".getBytes())
                .verifies(new ReviewDecision(1, id, "r-1", ReviewDecision.Decision.APPROVE, "alice", "ok", AT))).isFalse();
    }

    @Test
    void theSecretComesFromANamedEnvironmentVariableOrFileNeverInline() throws Exception {
        var env = new ReconcilerConfig.Review(Optional.of("RECON_SECRET"), Optional.empty());
        assertThat(DecisionSigner.fromConfig(env, Map.of("RECON_SECRET", "0123456789abcdef!"))).isNotNull();
        assertThatThrownBy(() -> DecisionSigner.fromConfig(env, Map.of())).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.key()).isEqualTo("review.admin-secret-env"));
        Path f = dir.resolve("secret");
        Files.writeString(f, "file-secret-0123456789\n");
        assertThat(DecisionSigner.fromConfig(new ReconcilerConfig.Review(Optional.empty(), Optional.of(f.toString())), Map.of()))
                .isNotNull();
        assertThatThrownBy(() -> DecisionSigner.fromConfig(new ReconcilerConfig.Review(Optional.empty(), Optional.empty()), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("0123456789");
    }
}
