package io.vomorecon.sandbox.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.FaultSettings;
import io.vomorecon.sandbox.MutationRates;
import io.vomorecon.sandbox.Quirks;
import io.vomorecon.sandbox.RateLimit;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.sandbox.SandboxCustomer;
import io.vomorecon.sandbox.partner.PartnerSync;
import io.vomorecon.sandbox.partner.PartnerSyncConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vomo-recon sandbox}: runs the VOMO sandbox API, its simulated clock and mutation engine,
 * and the reference partner sync against a Kafka and a PostgreSQL (embedded ones unless given),
 * and prints where everything listens and each customer's id, size and throwaway sandbox token.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Run the VOMO sandbox: API, simulated clock, mutations, faults and the reference partner sync.")
public final class SandboxCommand implements Callable<Integer> {

    static final List<String> NAMES = List.of("acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "tyrell");

    @Spec
    CommandSpec spec;

    @Option(names = "--customers", defaultValue = "4", description = "Number of customers (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--sizes", split = ",", defaultValue = "300,2000,10000,50000",
            description = "Users per customer, used in turn (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--seed", defaultValue = "1", description = "World seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--port", defaultValue = "0", description = "API port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--faults", defaultValue = "realistic", description = "Fault profile: none, realistic, chaos (default ${DEFAULT-VALUE}).")
    String faults;

    @Option(names = "--rate-limit", defaultValue = "200", description = "Requests per second per token; 0 = off (default ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--speed", defaultValue = "PT1H", description = "Simulated time per real second (default ${DEFAULT-VALUE}).")
    Duration speed;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers; an embedded broker when absent.")
    Optional<String> bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "", description = "Topic namespace (default none).")
    String topicPrefix;

    @Option(names = "--jdbc-url", description = "Destination PostgreSQL JDBC URL; an embedded PostgreSQL when absent.")
    Optional<String> jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "postgres")
    String jdbcUser;

    @Option(names = "--jdbc-password-env", defaultValue = "VOMO_RECON_JDBC_PASSWORD",
            description = "Environment variable holding the JDBC password (default ${DEFAULT-VALUE}).")
    String jdbcPasswordEnv;

    @Option(names = "--data-dir", defaultValue = ".vomo-recon/sandbox", description = "Data of the embedded broker and PostgreSQL.")
    Path dataDir;

    @Option(names = "--no-partner", description = "Serve the API only, without the reference partner sync.")
    boolean noPartner;

    @Option(names = "--ground-truth", description = "Write the ground truth as JSON lines to this file on exit.")
    Optional<Path> groundTruth;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Deque<AutoCloseable> started = new ArrayDeque<>();
        CountDownLatch stop = new CountDownLatch(1);
        try {
            SandboxConfig config = config();
            Sandbox sandbox = Sandbox.start(config);
            started.push(sandbox);
            out.printf("VOMO sandbox API: %s%n", sandbox.baseUrl());
            if (!noPartner) {
                String bootstrap = bootstrapServers.orElseGet(() -> {
                    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0);
                    started.push(kafka);
                    return kafka.bootstrapServers();
                });
                TopicBootstrap.ensure(bootstrap, topicPrefix, 3, (short) 1);
                DataSource db = destination(started, out);
                out.printf("Kafka: %s (topic prefix '%s')%n", bootstrap, topicPrefix);
                PartnerSync partner = PartnerSync.start(sandbox, PartnerSyncConfig.of(bootstrap, topicPrefix, db));
                started.push(partner);
                partner.bootstrap();
                partner.startPolling();
            }
            out.println("customers (sandbox tokens are throwaway values):");
            for (SandboxCustomer c : sandbox.customers()) {
                out.printf("  %-10s organization-id %-6d users %-6d token %s%n", c.id(), c.organizationId(), c.users(), c.token());
            }
            out.flush();
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            started.push(clock::shutdownNow);
            clock.scheduleAtFixedRate(() -> sandbox.advance(speed), 1, 1, TimeUnit.SECONDS);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                groundTruth.ifPresent(f -> sandbox.truth().exportTo(f));
                closeAll(started);
                stop.countDown();
            }, "sandbox-shutdown"));
            stop.await();
            return 0;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            closeAll(started);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(started);
            return 1;
        }
    }

    SandboxConfig config() {
        ConfigException.check(customers >= 1 && customers <= 100, "customers", customers + " is out of range", "use 1-100");
        ConfigException.check(!sizes.isEmpty(), "sizes", "no size given", "use e.g. --sizes 300,50000");
        List<CustomerSpec> specs = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String slug = i < NAMES.size() ? NAMES.get(i) : "customer-" + (i + 1);
            specs.add(new CustomerSpec(slug, sizes.get(i % sizes.size())));
        }
        RateLimit limit = rateLimit > 0 ? RateLimit.of(rateLimit, (int) Math.max(1, rateLimit * 2)) : RateLimit.off();
        return new SandboxConfig(specs, seed, port, SandboxConfig.DEFAULT_START, FaultSettings.profile(faults), Quirks.all(),
                limit, MutationRates.defaults(), 8);
    }

    private DataSource destination(Deque<AutoCloseable> started, PrintWriter out) {
        if (jdbcUrl.isPresent()) {
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(jdbcUrl.get());
            hc.setUsername(jdbcUser);
            hc.setPassword(System.getenv(jdbcPasswordEnv));
            hc.setMaximumPoolSize(4);
            HikariDataSource ds = new HikariDataSource(hc);
            started.push(ds);
            out.printf("PostgreSQL: %s%n", jdbcUrl.get());
            return ds;
        }
        EmbeddedPg pg = EmbeddedPg.start(Optional.of(dataDir.resolve("postgres")), 0);
        started.push(pg);
        out.printf("PostgreSQL: %s%n", pg.jdbcUrl("destination"));
        return pg.createDatabase("destination");
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(SandboxCommand.class).warn("could not close {}: {}", c, e.toString());
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new SandboxCommand()).execute(args));
    }
}
