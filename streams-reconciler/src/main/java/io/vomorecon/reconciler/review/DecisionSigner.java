package io.vomorecon.reconciler.review;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.schemas.values.ReviewDecision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates review decisions with the shared admin secret: the operator command signs a
 * decision (its id is an HMAC-SHA256 over run, decision, operator, reason and time), and the
 * reconciler honours only decisions whose id verifies. A decision written to the topic by anyone
 * without the secret is refused. Never logs or exposes the secret.
 */
public final class DecisionSigner {

    private static final String PREFIX = "hmac-sha256:";
    private final byte[] secret;

    public DecisionSigner(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the admin secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    /** The secret named by the configuration (env var or file); a ConfigException when it is named wrongly or absent. */
    public static DecisionSigner fromConfig(ReconcilerConfig.Review review, Map<String, String> env) {
        String value;
        if (review.adminSecretEnv().isPresent()) {
            String name = review.adminSecretEnv().get();
            value = env.get(name);
            ConfigException.check(value != null && !value.isBlank(), "review.admin-secret-env",
                    "names environment variable " + name + ", which is not set", "export " + name + " with the shared admin secret");
        } else if (review.adminSecretFile().isPresent()) {
            Path p = Path.of(review.adminSecretFile().get());
            try {
                value = Files.readString(p, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new ConfigException("review.admin-secret-file", "file " + p + " cannot be read",
                        "create it with the shared admin secret, readable only by the service user");
            }
        } else {
            throw new ConfigException("review.admin-secret-env", "neither review.admin-secret-env nor review.admin-secret-file is set",
                    "name an environment variable or a file that holds the shared admin secret (never the secret itself)");
        }
        ConfigException.check(value.length() >= 16, review.adminSecretEnv().isPresent() ? "review.admin-secret-env"
                : "review.admin-secret-file", "the admin secret is shorter than 16 characters", "use a long random secret");
        return new DecisionSigner(value.getBytes(StandardCharsets.UTF_8));
    }

    public String sign(String runId, ReviewDecision.Decision decision, String operator, String reason, java.time.Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String canonical = String.join("\u0000", runId, decision.name(), operator, reason, at.toString());
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JVM", e);
        }
    }

    public boolean verifies(ReviewDecision d) {
        if (d.decisionId() == null || d.runId() == null || d.operator() == null || d.reason() == null || d.decidedAt() == null
                || d.decision() == null) {
            return false;
        }
        String expected = sign(d.runId(), d.decision(), d.operator(), d.reason(), d.decidedAt());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), d.decisionId().getBytes(StandardCharsets.UTF_8));
    }
}
