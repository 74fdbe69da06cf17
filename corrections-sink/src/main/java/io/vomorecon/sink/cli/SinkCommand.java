package io.vomorecon.sink.cli;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.platform.config.ConfigLoader;
import io.vomorecon.sink.config.SinkConfig;
import io.vomorecon.sink.external.ExternalWriteException;
import io.vomorecon.sink.external.JdbcExternalSystem;
import io.vomorecon.sink.runtime.CorrectionsSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vomo-recon sink --config FILE}: runs the corrections sink until SIGTERM, then finishes
 * the batch in progress, commits it and closes. Exit codes: 0 after a clean stop, 1 after a
 * fatal error, 2 for bad configuration (its message only).
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Applies corrections for findings to the destination and records every outcome.")
public final class SinkCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SinkCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see docs/sink.md); VOMO_RECON_* variables override it")
    Optional<Path> config = Optional.empty();

    @Override
    public Integer call() {
        SinkConfig cfg;
        try {
            cfg = ConfigLoader.load(SinkConfig.class, config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Clock clock = Clock.systemUTC();
        JdbcExternalSystem destination = JdbcExternalSystem.open(cfg.destination(), clock);
        if (cfg.destination().createTables()) {
            try {
                destination.createTables();
            } catch (ExternalWriteException e) {
                System.err.println("cannot prepare the destination tables: " + e.reason());
                destination.close();
                return 1;
            }
        }
        CorrectionsSink sink = new CorrectionsSink(cfg, destination, clock);
        Thread hook = new Thread(() -> {
            LOG.info("shutdown requested: finishing the batch in progress");
            sink.stop();
            try {
                if (!sink.awaitStopped(Duration.ofSeconds(60))) {
                    LOG.warn("the sink did not stop within 60 s; its uncommitted batch will be redelivered");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            destination.close();
        }, "sink-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        sink.run();
        destination.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            LOG.debug("JVM is shutting down; the hook is already running");
        }
        return sink.failure().isPresent() ? 1 : 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SinkCommand()).execute(args));
    }
}
