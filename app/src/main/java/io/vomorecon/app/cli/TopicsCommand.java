package io.vomorecon.app.cli;

import io.vomorecon.app.FoundationConfig;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Creates or describes vomo-recon's topics on any cluster, from the registry. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create or describe vomo-recon's topics.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.Describe.class})
public final class TopicsCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create every topic (idempotent) and check that the three inputs are co-partitioned.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            FoundationConfig cfg = config.load();
            TopicBootstrap.Report r = TopicBootstrap.ensure(cfg.bootstrap(), cfg.prefix(), cfg.partitions(), cfg.replication());
            r.partitions().forEach((name, n) -> System.out.printf("%-32s %3d partition(s)%s%n", name, n,
                    r.created().contains(name) ? "  created" : ""));
            System.out.println("inputs co-partitioned: yes");
            return 0;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show every topic's partitions and settings.")
    static final class Describe implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            FoundationConfig cfg = config.load();
            try (Admin admin = TopicBootstrap.admin(cfg.bootstrap())) {
                var existing = admin.listTopics().names().get();
                List<Topic<?>> topics = Topics.all(cfg.prefix());
                List<String> present = topics.stream().map(Topic::name).filter(existing::contains).toList();
                Map<String, Integer> partitions = TopicBootstrap.describePartitions(admin, present);
                for (Topic<?> t : topics) {
                    Integer n = partitions.get(t.name());
                    System.out.printf("%-32s %-12s %s%n", t.name(), n == null ? "MISSING" : n + " part.",
                            t.settings().compacted() ? "compacted" : "retention " + t.settings().retention().map(Object::toString).orElse("default"));
                }
                if (present.size() < topics.size()) {
                    System.out.println("some topics are missing: run 'vomo-recon topics create'");
                    return 1;
                }
                TopicBootstrap.verifyCoPartitioned(admin, cfg.prefix());
                System.out.println("inputs co-partitioned: yes");
                return 0;
            }
        }
    }
}
