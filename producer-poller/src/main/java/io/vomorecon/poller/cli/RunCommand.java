package io.vomorecon.poller.cli;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.poller.config.PollerConfig;
import io.vomorecon.poller.config.RunPlan;
import io.vomorecon.poller.kafka.KafkaClients;
import io.vomorecon.poller.run.RunOutcome;
import io.vomorecon.poller.run.RunPublisher;
import io.vomorecon.poller.worker.PollerService;
import io.vomorecon.poller.worker.RunExecutor;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.TimeWindow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vomo-recon run --customer C --resource R --kind FULL}: one run by hand, published in the
 * run protocol like a scheduled one, its outcome printed (for an operator asking "is this
 * customer's sync broken?"). Exit 0 when the run completed, 1 when it aborted, 2 on bad
 * configuration or arguments.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Perform one reconciliation run now and print its result.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "The poller configuration (customers.yaml).")
    Path config;

    @Option(names = "--customer", required = true, description = "Customer id as in customers.yaml.")
    String customer;

    @Option(names = "--resource", required = true, description = "Resource path, e.g. users, group-members.")
    String resource;

    @Option(names = "--kind", defaultValue = "FULL", description = "Run kind: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    RunKind kind;

    @Option(names = "--since", description = "Window start for INCREMENTAL and PARTICIPATIONS (ISO instant; default: one day back).")
    Optional<Instant> since;

    @Option(names = "--destination", description = "Read the destination (external.state) instead of VOMO.")
    boolean destination;

    @Override
    public Integer call() {
        try {
            PollerConfig cfg = PollerConfig.load(config);
            cfg.requireCustomer(customer);
            Resource r = Resource.fromPath(resource).orElseThrow(() -> new ConfigException("--resource",
                    "'" + resource + "' is not a resource", "use one of " + List.of(Resource.values()).stream().map(Resource::path).toList()));
            if (!destination && !RunPlan.supports(r, kind)) {
                throw new ConfigException("--kind", kind + " runs cannot read " + r.path(), "use one of " + RunPlan.kindsFor(r));
            }
            Clock clock = Clock.systemUTC();
            Instant now = clock.instant();
            Optional<TimeWindow> window = kind == RunKind.INCREMENTAL || kind == RunKind.PARTICIPATIONS
                    ? Optional.of(new TimeWindow(since.orElse(now.minus(Duration.ofDays(1))),
                    kind == RunKind.PARTICIPATIONS ? now.plus(cfg.scheduler().participationsLookahead()) : now))
                    : Optional.empty();
            if (destination && cfg.destination().isEmpty()) {
                throw new ConfigException("destination", "is not configured", "add destination.jdbc-url to read the destination");
            }
            try (PollerService service = new PollerService(cfg, System.getenv(), clock);
                 KafkaProducer<byte[], byte[]> producer = KafkaClients.transactional(cfg.bootstrapServers(),
                         cfg.prefix() + "vomo-recon-run-" + UUID.randomUUID())) {
                RunExecutor executor = service.executor(producer);
                RunOutcome o = destination ? executor.external(customer, r) : executor.vomo(customer, r, kind, window);
                System.out.println(o.describe());
                System.out.println("run id:      " + o.spec().runId());
                System.out.println("status:      " + (o.completed() ? "COMPLETED" : "ABORTED"));
                o.abortReason().ifPresent(a -> System.out.println("reason:      " + a));
                System.out.println("records:     " + o.total() + " (per partition " + o.perPartition() + ")");
                System.out.println("api calls:   " + o.apiCalls());
                System.out.println("duration:    " + o.duration().toMillis() + " ms");
                return o.completed() ? 0 : 1;
            }
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (RunPublisher.PublishFailed e) {
            System.err.println("the run could not be published: " + e.getMessage());
            return 1;
        }
    }
}
