package io.vomorecon.reconciler.cli;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.platform.config.ConfigLoader;
import io.vomorecon.platform.kafka.CoPartitioningException;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vomo-recon reconciler --config FILE}: runs the streams reconciler until SIGTERM. */
@Command(name = "reconciler", mixinStandardHelpOptions = true,
        description = "Run the Kafka Streams reconciler: runs, findings, run summaries, alerts and the anomaly hold.")
public final class ReconcilerCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration (docs/reconciler.md); every key can be overridden by VOMO_RECON_<KEY>.")
    Path config;

    @Override
    public Integer call() throws Exception {
        ReconcilerApp app;
        try {
            ReconcilerConfig cfg = ConfigLoader.load(ReconcilerConfig.class, Optional.ofNullable(config));
            app = ReconcilerApp.start(cfg, Clock.systemUTC(), System.getenv());
        } catch (ConfigException | CoPartitioningException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "reconciler-shutdown"));
        app.awaitStopped();
        return 0;
    }

    /** Runs the command on its own (the application jar registers it under {@code vomo-recon}). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ReconcilerCommand()).execute(args));
    }
}
