package io.vomorecon.app.cli;

import io.vomorecon.app.demo.E2eSettings;
import io.vomorecon.app.demo.E2eWorlds;
import io.vomorecon.app.demo.EndToEnd;
import io.vomorecon.app.demo.Scorecard;
import io.vomorecon.app.demo.Scorer;
import io.vomorecon.app.demo.StreamsReconciler;
import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.sandbox.SandboxCustomer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo: the whole product in one process against the VOMO sandbox, two simulated weeks of
 * cadences on one simulated clock, then the score against the sandbox's ground truth. Exit 0
 * only when every promise holds (docs/demo.md); otherwise it names what fell short and exits 1.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run sandbox, partner sync, poller, reconciler and sink together for two simulated weeks and score the result.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--keep-running", description = "Leave everything up afterwards and print the addresses.")
    boolean keepRunning;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the demo keeps its data (default .vomo-recon/demo; emptied at start).")
    Path dataDir = Path.of(".vomo-recon", "demo");

    @Option(names = "--days", paramLabel = "N", description = "Simulated days to play (default: the demo world's ${DEFAULT-VALUE}).")
    int days = (int) E2eWorlds.demo().simulated().toDays();

    @Option(names = "--step-hours", paramLabel = "H", description = "Simulated hours per step: the partner polls once a step, "
            + "jobs due in a step start at its end (default ${DEFAULT-VALUE}).")
    int stepHours = (int) E2eWorlds.demo().step().toHours();

    @Option(names = "--verbose", description = "Also print the components' log lines on the console (they always go to "
            + "demo.log in the data folder).")
    boolean verbose;

    @Option(names = "--rate-limit", paramLabel = "R", description = "Requests/s per customer token in the sandbox (default ${DEFAULT-VALUE}).")
    double rateLimit = E2eWorlds.demo().rateLimit();

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        if (days < 1 || stepHours < 1 || 24 % stepHours != 0 || rateLimit <= 0) {
            System.err.println("demo: --days must be at least 1, --step-hours a divisor of 24, --rate-limit above 0");
            return 2;
        }
        E2eSettings settings = E2eWorlds.demo().withSimulated(Duration.ofDays(days)).withStep(Duration.ofHours(stepHours))
                .withRateLimit(rateLimit);
        wipe(dataDir);
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("demo.log").toAbsolutePath();
        DemoLog.toFile(log, verbose);
        say(t0, "the components' log: " + log + (verbose ? " (and the console)" : " (warnings and errors also here)"));
        say(t0, "[1/6] starting the embedded Kafka broker...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0)) {
            say(t0, "      broker on " + kafka.bootstrapServers());
            say(t0, "[2/6] starting the embedded PostgreSQL destination...");
            try (EmbeddedPg pg = EmbeddedPg.start(Optional.of(dataDir.resolve("postgres")), 0)) {
                DataSource ds = pg.createDatabase("destination");
                say(t0, "      PostgreSQL on " + pg.jdbcUrl("destination"));
                say(t0, "[3/6] starting the sandbox, the partner sync, the reconciler, the sink and the poller...");
                try (EndToEnd e2e = EndToEnd.start(settings, kafka.bootstrapServers(), "", ds, pg.jdbcUrl("destination"), dataDir,
                        Optional.of(StreamsReconciler::start), line -> say(t0, "      " + line))) {
                    say(t0, "[4/6] playing " + settings.simulated().toDays() + " simulated days in steps of "
                            + settings.step().toMinutes() + " minutes...");
                    e2e.play();
                    say(t0, "      where the barriers waited: " + e2e.barrierWaits());
                    say(t0, "[5/6] final reconciliation...");
                    e2e.converge();
                    say(t0, "      where the barriers waited (whole run): " + e2e.barrierWaits());
                    say(t0, "[6/6] scoring against the ground truth...");
                    Scorecard card = new Scorer(e2e).score();
                    Path runs = dataDir.resolve("run-summaries.jsonl").toAbsolutePath();
                    Path truth = dataDir.resolve("ground-truth.jsonl").toAbsolutePath();
                    e2e.exportRunSummaries(runs);
                    e2e.sandbox().truth().exportTo(truth);
                    System.out.println();
                    card.table().forEach(System.out::println);
                    System.out.println();
                    System.out.println("run verdicts: " + card.runVerdicts());
                    System.out.println("run summaries (recon.runs): " + runs);
                    System.out.println("ground truth:               " + truth);
                    System.out.println();
                    for (Scorecard.Check c : card.checks()) {
                        System.out.printf("%s %s: %s%n", c.passed() ? "[ok]  " : "[FAIL]", c.name(), c.detail());
                    }
                    System.out.printf("%nfinished in %.0f s%n", (System.nanoTime() - t0) / 1e9);
                    if (!card.passed()) {
                        System.out.println("NOT what the product promises: " + card.failures().size() + " check(s) failed (above).");
                    } else {
                        System.out.println("Every promise holds: every detectable gap found, no false deletion, converged.");
                    }
                    if (keepRunning) {
                        keepUp(kafka, pg, e2e);
                    }
                    return card.passed() ? 0 : 1;
                }
            }
        }
    }

    private static void keepUp(EmbeddedKafka kafka, EmbeddedPg pg, EndToEnd e2e) throws InterruptedException {
        System.out.println();
        System.out.println("Everything stays up (Ctrl-C to stop):");
        System.out.println("  Kafka broker:   " + kafka.bootstrapServers());
        System.out.println("  PostgreSQL:     " + pg.jdbcUrl("destination"));
        System.out.println("  VOMO sandbox:   " + e2e.sandbox().baseUrl());
        for (SandboxCustomer c : e2e.sandbox().customers()) {
            System.out.println("    customer " + c.id() + " (organisation " + c.organizationId() + "): sandbox token " + c.token());
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-stop"));
        stop.await();
    }

    private static void say(long t0, String line) {
        System.out.printf("[%5.1fs] %s%n", (System.nanoTime() - t0) / 1e9, line);
    }

    /** The demo starts from nothing every time: its own data folder is emptied (never anything else). */
    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
