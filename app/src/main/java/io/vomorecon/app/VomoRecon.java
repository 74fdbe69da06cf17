package io.vomorecon.app;

import io.vomorecon.app.cli.BrokerCommand;
import io.vomorecon.app.cli.DemoCommand;
import io.vomorecon.app.cli.TopicsCommand;
import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.poller.cli.PollerCommand;
import io.vomorecon.poller.cli.RunCommand;
import io.vomorecon.reconciler.cli.ReconcilerCommand;
import io.vomorecon.reconciler.cli.ReviewCommand;
import io.vomorecon.sandbox.cli.SandboxCommand;
import io.vomorecon.sink.cli.SinkCommand;
import io.vomorecon.platform.kafka.CoPartitioningException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vomo-recon} command. It only wires subcommands and maps failures to exit codes:
 * 2 for bad configuration (one line naming the key and the fix), 1 for anything else.
 */
@Command(name = "vomo-recon",
        mixinStandardHelpOptions = true,
        version = "vomo-recon 0.1.0",
        description = "Audits and repairs the data syncs that partner integrations run against the VOMO API.",
        subcommands = {BrokerCommand.class, TopicsCommand.class, SandboxCommand.class, PollerCommand.class, RunCommand.class,
                ReconcilerCommand.class, ReviewCommand.class, SinkCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class})
public final class VomoRecon implements Runnable {

    public static final int EXIT_CONFIG = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VomoRecon());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable t = ex;
            while (t != null) {
                if (t instanceof ConfigException || t instanceof CoPartitioningException) {
                    commandLine.getErr().println("error: " + t.getMessage());
                    return EXIT_CONFIG;
                }
                t = t.getCause() == t ? null : t.getCause();
            }
            commandLine.getErr().println("error: " + ex.getMessage());
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
