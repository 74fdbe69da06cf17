package io.vomorecon.platform.kafka;

import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.TopicSettings;
import io.vomorecon.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates every topic of the registry, in a namespace, with its settings; idempotent against the
 * embedded broker or any cluster. It then checks that the three reconciler inputs are
 * co-partitioned and refuses, with the numbers and the fix, when they are not. It never
 * deletes or shrinks a topic.
 */
public final class TopicBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrap.class);

    /** What bootstrap found and did, per topic name: its partition count and whether it was created now. */
    public record Report(Map<String, Integer> partitions, List<String> created) {
    }

    private TopicBootstrap() {
    }

    public static Report ensure(String bootstrapServers, String prefix, int inputPartitions, short replicationFactor) {
        try (Admin admin = admin(bootstrapServers)) {
            return ensure(admin, prefix, inputPartitions, replicationFactor);
        }
    }

    public static Report ensure(Admin admin, String prefix, int inputPartitions, short replicationFactor) {
        if (inputPartitions < 1) {
            throw new IllegalArgumentException("input partitions must be at least 1");
        }
        List<NewTopic> wanted = new ArrayList<>();
        for (Topic<?> t : Topics.ALL) {
            TopicSettings s = t.settings();
            int partitions = s.coPartitioned() ? inputPartitions : s.partitions();
            NewTopic nt = new NewTopic(t.in(prefix).name(), partitions, replicationFactor);
            Map<String, String> cfg = new HashMap<>();
            cfg.put(TopicConfig.CLEANUP_POLICY_CONFIG, s.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
            s.retention().ifPresent(r -> cfg.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(r.toMillis())));
            nt.configs(cfg);
            wanted.add(nt);
        }
        List<String> created = new ArrayList<>();
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(nt -> !existing.contains(nt.name())).toList();
            if (!missing.isEmpty()) {
                var result = admin.createTopics(missing);
                for (NewTopic nt : missing) {
                    try {
                        result.values().get(nt.name()).get(30, TimeUnit.SECONDS);
                        created.add(nt.name());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
            Map<String, Integer> partitions = describePartitions(admin, wanted.stream().map(NewTopic::name).toList());
            awaitServed(admin, partitions, created);
            verifyCoPartitioned(partitions, prefix);
            if (!created.isEmpty()) {
                LOG.info("created {} topic(s) with prefix '{}': {}", created.size(), prefix, created);
            }
            return new Report(partitions, created);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot create topics on the cluster: " + cause.getMessage(), cause);
        }
    }

    /** Checks co-partitioning of the three inputs on a running cluster; throws {@link CoPartitioningException}. */
    public static void verifyCoPartitioned(Admin admin, String prefix) {
        List<String> names = Topics.RECON_INPUTS.stream().map(t -> t.in(prefix).name()).toList();
        try {
            verifyCoPartitioned(describePartitions(admin, names), prefix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CoPartitioningException("cannot describe the reconciler inputs " + names + ": " + cause.getMessage()
                    + " (create them first: vomo-recon topics create)");
        }
    }

    /**
     * Returns once the leader of every partition of the topics just created answers a ListOffsets
     * request. The metadata can name a leader before that broker has taken the partition over: a
     * produce in that gap was answered NOT_LEADER_OR_FOLLOWER although its batch was appended, and
     * the idempotent producer then retried OUT_OF_ORDER_SEQUENCE_NUMBER until delivery.timeout.ms
     * (records lost; seen in PartnerSyncIT after the leader wait of {@link #describePartitions}).
     * ListOffsets is served by the partition's leader only, so its answer shows the partition
     * ready for writes. Bounded: after 30 s the caller goes on and the producer's own retries decide.
     */
    private static void awaitServed(Admin admin, Map<String, Integer> partitions, List<String> created) throws InterruptedException {
        if (created.isEmpty()) {
            return;
        }
        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> specs = new HashMap<>();
        for (String t : created) {
            for (int p = 0; p < partitions.getOrDefault(t, 0); p++) {
                specs.put(new org.apache.kafka.common.TopicPartition(t, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("the new topics' leaders did not all answer ListOffsets within 30 s ({}); going on", e.toString());
                    return;
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Partition count of each named topic. */
    public static Map<String, Integer> describePartitions(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        // Right after creation the metadata may not have reached the broker's cache yet, and a
        // partition may have no leader yet: retry both for a bounded time instead of failing.
        // Producing to a partition whose leader is still being set up was seen to end in
        // NOT_LEADER_OR_FOLLOWER followed by endless OUT_OF_ORDER_SEQUENCE_NUMBER retries of an
        // idempotent producer (records lost after delivery.timeout.ms), so callers that produce
        // right after creating topics get them with leaders.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, TopicDescription> d;
        while (true) {
            try {
                d = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                boolean led = d.values().stream().flatMap(t -> t.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (led || System.nanoTime() > deadline) {
                    break;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, d.get(n).partitions().size());
        }
        return out;
    }

    private static void verifyCoPartitioned(Map<String, Integer> partitions, String prefix) {
        Map<String, Integer> inputs = new LinkedHashMap<>();
        for (Topic<?> t : Topics.RECON_INPUTS) {
            String n = t.in(prefix).name();
            inputs.put(n, partitions.get(n));
        }
        if (inputs.values().stream().distinct().count() > 1) {
            String counts = inputs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            int max = inputs.values().stream().mapToInt(Integer::intValue).max().orElse(1);
            throw new CoPartitioningException("the reconciler inputs are not co-partitioned (" + counts
                    + "): they must have the same partition count, because records of one key must meet on one partition."
                    + " Fix: raise the smaller ones to " + max
                    + " (kafka-topics --alter --partitions " + max + "), then re-run the producers' full runs");
        }
    }

    public static Admin admin(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        return Admin.create(p);
    }
}
