package io.vomorecon.reconciler.cli;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.platform.config.ConfigLoader;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.reconciler.review.DecisionSigner;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ReviewDecision;
import io.vomorecon.schemas.values.ReviewItem;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.RunVerdict;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vomo-recon review list|approve|reject}: the operator's side of the anomaly hold. Lists
 * held runs from recon.runs and recon.review; writes a decision to recon.decisions signed with
 * the shared admin secret (named in the configuration, never inline) and the operator's name, so
 * the reconciler can authenticate it and record who decided, when and why.
 */
@Command(name = "review", mixinStandardHelpOptions = true, description = "List, approve or reject runs held for review.",
        subcommands = {ReviewCommand.ListHeld.class, ReviewCommand.Approve.class, ReviewCommand.Reject.class})
public final class ReviewCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "The reconciler's YAML configuration (bootstrap servers, topic prefix, review.admin-secret-*).")
    Path config;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    ReconcilerConfig load() {
        return ConfigLoader.load(ReconcilerConfig.class, Optional.ofNullable(config));
    }

    /** The latest summary of every held run not yet decided, with its number of held findings. */
    static Map<String, Held> held(ReconcilerConfig cfg, Duration timeout) {
        Map<String, RunSummary> latest = new LinkedHashMap<>();
        readAll(cfg, Topics.RECON_RUNS.in(cfg.topicPrefix()), timeout, r -> latest.put(r.runId(), r));
        Map<String, Integer> items = new TreeMap<>();
        readAll(cfg, Topics.RECON_REVIEW.in(cfg.topicPrefix()), timeout, (ReviewItem i) -> items.merge(i.runId(), 1, Integer::sum));
        Map<String, Held> out = new TreeMap<>();
        latest.values().stream()
                .filter(s -> s.verdict() == RunVerdict.ANOMALOUS && s.notes().stream().noneMatch(n -> n.startsWith("review: ")))
                .forEach(s -> out.put(s.runId(), new Held(s, items.getOrDefault(s.runId(), 0))));
        return out;
    }

    record Held(RunSummary summary, int items) {
    }

    private static <V> void readAll(ReconcilerConfig cfg, Topic<V> topic, Duration timeout, java.util.function.Consumer<V> sink) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic.name(), timeout).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    try {
                        V v = topic.value(r);
                        if (v != null) {
                            sink.accept(v);
                        }
                    } catch (RuntimeException e) {
                        System.err.println("skipped an unreadable record at " + r.topic() + "-" + r.partition() + "@" + r.offset());
                    }
                }
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List held runs awaiting a decision.")
    static final class ListHeld implements Callable<Integer> {
        @CommandLine.ParentCommand
        ReviewCommand parent;

        @Override
        public Integer call() {
            try {
                print(held(parent.load(), Duration.ofSeconds(30)), System.out);
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }

        static void print(Map<String, Held> held, PrintStream out) {
            if (held.isEmpty()) {
                out.println("no runs are held for review");
                return;
            }
            held.values().forEach(h -> out.printf("%s  %s/%s %s  %s%s  %d held finding(s)  %s%n", h.summary().runId(),
                    h.summary().customer(), h.summary().resource(), h.summary().runKind(),
                    h.summary().diagnosis().map(d -> d.code().name()).orElse("?"),
                    h.summary().diagnosis().flatMap(d -> d.field()).map(f -> "(" + f + ")").orElse(""), h.items(),
                    h.summary().diagnosis().map(d -> d.explanation()).orElse("")));
        }
    }

    /** Shared by approve and reject. */
    abstract static class Decide implements Callable<Integer> {
        @CommandLine.ParentCommand
        ReviewCommand parent;

        @Parameters(index = "0", paramLabel = "RUN_ID", description = "The held run.")
        String runId;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded on the audit trail).")
        String reason;

        @Option(names = "--operator", required = true, paramLabel = "NAME", description = "Who decides (recorded on the audit trail).")
        String operator;

        abstract ReviewDecision.Decision decision();

        @Override
        public Integer call() throws Exception {
            ReconcilerConfig cfg;
            DecisionSigner signer;
            try {
                cfg = parent.load();
                signer = DecisionSigner.fromConfig(cfg.review(), System.getenv());
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            if (operator.isBlank() || reason.isBlank()) {
                System.err.println("--operator and --reason must not be blank");
                return 2;
            }
            ReviewDecision d = decide(cfg, signer, runId, decision(), operator, reason, Clock.systemUTC());
            System.out.println(d.decision() + " of run " + d.runId() + " by " + d.operator() + " written to "
                    + Topics.RECON_DECISIONS.in(cfg.topicPrefix()).name() + "; the reconciler applies it once");
            return 0;
        }
    }

    /** Signs and publishes one decision; returns what was written. */
    public static ReviewDecision decide(ReconcilerConfig cfg, DecisionSigner signer, String runId, ReviewDecision.Decision decision,
                                        String operator, String reason, Clock clock) throws Exception {
        Instant at = clock.instant();
        ReviewDecision d = new ReviewDecision(Topics.SCHEMA_VERSION, signer.sign(runId, decision, operator, reason, at), runId,
                decision, operator, reason, at);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "vomo-recon-review-" + ContentHash.stableId(runId, operator).substring(0, 8));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(Topics.RECON_DECISIONS.in(cfg.topicPrefix()).rawRecord(runId, d)).get(30, TimeUnit.SECONDS);
        }
        return d;
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Release a held run's findings to the action topics.")
    static final class Approve extends Decide {
        @Override
        ReviewDecision.Decision decision() {
            return ReviewDecision.Decision.APPROVE;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Discard a held run's findings.")
    static final class Reject extends Decide {
        @Override
        ReviewDecision.Decision decision() {
            return ReviewDecision.Decision.REJECT;
        }
    }
}
