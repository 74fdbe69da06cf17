package io.vomorecon.app.cli;

import io.vomorecon.app.FoundationConfig;
import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the embedded single-node Kafka broker until SIGTERM or Ctrl-C, with every topic created. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run an embedded single-node Kafka broker (KRaft) until stopped; its data persists in --data-dir.")
public final class BrokerCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default: broker.data-dir, or .vomo-recon/kafka).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", description = "Listener port (default: broker.port, or 9092; a taken port falls back to a free one).")
    Integer port;

    @Option(names = "--no-topics", description = "Do not create vomo-recon's topics on start.")
    boolean noTopics;

    @Override
    public Integer call() {
        FoundationConfig cfg = config.load();
        Path dir = dataDir != null ? dataDir : cfg.brokerDataDir();
        int p = port != null ? port : cfg.brokerPort();
        EmbeddedKafka kafka = EmbeddedKafka.start(dir, p);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "broker-shutdown"));
        if (!noTopics) {
            TopicBootstrap.Report report = TopicBootstrap.ensure(kafka.bootstrapServers(), cfg.prefix(), cfg.partitions(), (short) 1);
            System.out.println("topics ready: " + report.partitions().size() + " (" + report.created().size() + " created now)");
        }
        System.out.println("broker listening on " + kafka.bootstrapServers() + "; data in " + dir.toAbsolutePath()
                + "; stop with Ctrl-C or SIGTERM");
        kafka.awaitShutdown();
        return 0;
    }
}
