package io.vomorecon.poller.cli;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.poller.config.PollerConfig;
import io.vomorecon.poller.worker.PollerService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vomo-recon poller --config customers.yaml}: scheduler, job workers, verifier and destination reader, until SIGTERM. */
@Command(name = "poller", mixinStandardHelpOptions = true,
        description = "Schedule and perform reconciliation runs against VOMO and the destination; verify deletion candidates.")
public final class PollerCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "The poller configuration with the customers (customers.yaml).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        PollerService service;
        try {
            service = new PollerService(PollerConfig.load(config), System.getenv(), Clock.systemUTC());
            service.start();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "poller-shutdown"));
        stopped.await();
        return 0;
    }
}
