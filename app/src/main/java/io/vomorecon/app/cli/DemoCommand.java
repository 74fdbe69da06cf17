package io.vomorecon.app.cli;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.schemas.mapping.DestinationTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo. Today it starts the parts that exist (the embedded broker with every topic, and the
 * embedded PostgreSQL destination with its tables) and says plainly what is not there yet.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start everything in one process and show the result (see README for what exists today).")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--keep-running", description = "Leave everything up and print the addresses.")
    boolean keepRunning;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the demo keeps its data (default .vomo-recon/demo).")
    Path dataDir = Path.of(".vomo-recon", "demo");

    @Override
    public Integer call() throws Exception {
        System.out.println("[1/2] starting the embedded Kafka broker...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0)) {
            TopicBootstrap.Report topics = TopicBootstrap.ensure(kafka.bootstrapServers(), "", 3, (short) 1);
            System.out.println("      broker on " + kafka.bootstrapServers() + ", " + topics.partitions().size() + " topics ready");
            System.out.println("[2/2] starting the embedded PostgreSQL destination...");
            try (EmbeddedPg pg = EmbeddedPg.start(Optional.of(dataDir.resolve("postgres")), 0)) {
                DataSource ds = pg.createDatabase("destination");
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    for (String ddl : DestinationTables.createAll()) {
                        s.execute(ddl);
                    }
                }
                System.out.println("      PostgreSQL on " + pg.jdbcUrl("destination") + " with the destination tables");
                System.out.println();
                System.out.println("Not there yet: the VOMO sandbox, the poller, the reconciler and the sink are being built");
                System.out.println("(issues 3 to 7); this demo will run them end to end once they land.");
                if (keepRunning) {
                    System.out.println("Everything stays up; stop with Ctrl-C.");
                    Thread.currentThread().join();
                }
            }
        }
        return 0;
    }
}
