package io.vomorecon.app.demo;

import io.vomorecon.reconciler.cli.ReconcilerApp;
import io.vomorecon.reconciler.cli.ReviewCommand;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.reconciler.review.DecisionSigner;
import io.vomorecon.schemas.values.ReviewDecision;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real reconciler behind the harness's port: {@link ReconcilerApp} (Kafka Streams, EOS, its
 * own state directory) with a review secret made up for this process only (it lives in memory
 * and in no file or log), and approvals published the way {@code vomo-recon review approve} does.
 */
public final class StreamsReconciler implements ReconcilerPort {

    private static final String SECRET_ENV = "VOMO_RECON_E2E_ADMIN_SECRET";

    private final ReconcilerApp app;
    private final ReconcilerConfig config;
    private final DecisionSigner signer;
    private final Clock clock;

    private StreamsReconciler(ReconcilerApp app, ReconcilerConfig config, DecisionSigner signer, Clock clock) {
        this.app = app;
        this.config = config;
        this.signer = signer;
        this.clock = clock;
    }

    /** The factory the demo and the IT use. */
    public static ReconcilerPort start(String bootstrap, String prefix, Path stateDir, Clock clock, Duration partnerPollingInterval) {
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        Map<String, String> env = Map.of(SECRET_ENV, HexFormat.of().formatHex(raw));
        ReconcilerConfig cfg = ReconcilerConfig.defaults()
                .withBootstrap(bootstrap, prefix, prefix + "vomo-recon-reconciler", stateDir.toString())
                .withReview(new ReconcilerConfig.Review(Optional.of(SECRET_ENV), Optional.empty()))
                .withPartnerPollingInterval(partnerPollingInterval)
                .withStreamThreads(2);
        cfg.validate();
        ReconcilerApp app = ReconcilerApp.start(cfg, clock, env);
        try {
            if (!app.awaitRunning(Duration.ofMinutes(2))) {
                app.close();
                throw new IllegalStateException("the reconciler did not reach RUNNING within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            app.close();
            throw new IllegalStateException("interrupted while starting the reconciler", e);
        }
        return new StreamsReconciler(app, cfg, DecisionSigner.fromConfig(cfg.review(), env), clock);
    }

    @Override
    public String groupId() {
        return config.applicationId();
    }

    @Override
    public List<String> internalInputTopics() {
        String id = config.applicationId();
        return List.of(id + "-run-parts-repartition", id + "-run-decisions-repartition", id + "-run-verdicts-repartition");
    }

    @Override
    public String sweepsChangelog() {
        return config.applicationId() + "-sweeps-changelog";
    }

    @Override
    public void approve(String runId, String operator, String reason) throws Exception {
        ReviewCommand.decide(config, signer, runId, ReviewDecision.Decision.APPROVE, operator, reason, clock);
    }

    @Override
    public void close() {
        app.close();
    }

}
