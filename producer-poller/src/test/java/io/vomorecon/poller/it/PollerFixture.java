package io.vomorecon.poller.it;

import static org.awaitility.Awaitility.await;

import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.poller.config.CustomerConfig;
import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.PollerConfig;
import io.vomorecon.poller.config.SchedulerSettings;
import io.vomorecon.poller.kafka.KafkaClients;
import io.vomorecon.poller.run.SampleStore;
import io.vomorecon.poller.vomo.Sleeper;
import io.vomorecon.poller.worker.CustomerClients;
import io.vomorecon.poller.worker.RunExecutor;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxCustomer;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunMarker;
import io.vomorecon.schemas.values.Snapshot;
import io.vomorecon.schemas.values.SnapshotEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Wiring shared by the poller's ITs: a config pointing at a sandbox, executors, and a reader of vomo.snapshots. */
final class PollerFixture implements AutoCloseable {

    static final int PARTITIONS = 3;

    final String bootstrap;
    final String prefix;
    final Sandbox sandbox;
    final PollerConfig config;
    final Map<String, String> env = new HashMap<>();
    final CustomerClients clients;
    final SampleStore samples = new SampleStore();
    final Topic<SnapshotEvent> snapshots;
    private final KafkaConsumer<byte[], byte[]> reader;
    private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
    private final List<KafkaProducer<byte[], byte[]>> producers = new ArrayList<>();

    /** @param share the throttle share per customer; budgets are {@code budget} requests/s */
    PollerFixture(String bootstrap, String prefix, Sandbox sandbox, double budget, double share) {
        this.bootstrap = bootstrap;
        this.prefix = prefix;
        this.sandbox = sandbox;
        TopicBootstrap.ensure(bootstrap, prefix, PARTITIONS, (short) 1);
        List<CustomerConfig> customers = new ArrayList<>();
        for (SandboxCustomer c : sandbox.customers()) {
            String var = "TOKEN_" + c.id().toUpperCase().replace('-', '_');
            env.put(var, c.token());
            customers.add(new CustomerConfig(c.id(), sandbox.baseUrl(), Long.toString(c.organizationId()), Optional.of(var),
                    Optional.empty(), (long) c.users(), budget, share, "UTC", true, Map.of()));
        }
        HttpSettings http = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofMinutes(2), null);
        this.config = new PollerConfig(bootstrap, Optional.of(prefix), Optional.empty(), 1, 20, Duration.ofMillis(200), true, http,
                SchedulerSettings.defaults(), Optional.empty(), customers);
        config.validate();
        this.clients = new CustomerClients(config, env, Clock.systemUTC(), Sleeper.REAL);
        this.snapshots = Topics.VOMO_SNAPSHOTS.in(prefix);
        this.reader = KafkaClients.consumer(bootstrap, null, 5000, 300_000);
        List<PartitionInfo> infos = reader.partitionsFor(snapshots.name(), Duration.ofSeconds(30));
        List<TopicPartition> tps = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        reader.assign(tps);
        reader.seekToBeginning(tps);
    }

    RunExecutor executor() {
        KafkaProducer<byte[], byte[]> p = KafkaClients.transactional(bootstrap, prefix + "it-" + UUID.randomUUID());
        producers.add(p);
        return new RunExecutor(clients, Optional.empty(), samples, config.auditSampleSize(), config.http().concurrency(),
                Clock.systemUTC(), p, prefix);
    }

    /** Everything of one run on vomo.snapshots (read committed), once its markers reached every partition. */
    RunEvents awaitRun(String runId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return markers(runId).size() == PARTITIONS;
        });
        return new RunEvents(events(runId).stream().filter(e -> e.value() instanceof Snapshot).toList(), markers(runId));
    }

    /** Every value seen so far, with its partition. */
    List<Seen> all() {
        poll();
        return seen.stream().map(r -> new Seen(r.partition(), Topic.key(r), snapshots.value(r))).toList();
    }

    private void poll() {
        for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
            seen.add(r);
        }
    }

    private List<Seen> events(String runId) {
        return all().stream().filter(s -> (s.value() instanceof Snapshot sn && sn.runId().equals(runId))
                || (s.value() instanceof RunMarker m && m.runId().equals(runId))).toList();
    }

    private List<Seen> markers(String runId) {
        return events(runId).stream().filter(s -> s.value() instanceof RunMarker).toList();
    }

    record Seen(int partition, String key, SnapshotEvent value) {
    }

    /** A run's snapshots and markers as a consumer sees them. */
    record RunEvents(List<Seen> snapshots, List<Seen> markers) {
        List<String> keys() {
            return snapshots.stream().map(Seen::key).toList();
        }

        boolean completed() {
            return markers.stream().allMatch(m -> m.value() instanceof RunCompleted);
        }

        /** Whether every partition's marker announces exactly the snapshots of the run that partition holds. */
        boolean countsMatch() {
            Map<Integer, Long> perPartition = snapshots.stream().collect(Collectors.groupingBy(Seen::partition, Collectors.counting()));
            return markers.stream().allMatch(m -> {
                long count = m.value() instanceof RunCompleted c ? c.count() : ((io.vomorecon.schemas.values.RunAborted) m.value()).count();
                RunMarker marker = (RunMarker) m.value();
                return marker.partition() == m.partition() && count == perPartition.getOrDefault(m.partition(), 0L);
            }) && markers.stream().map(Seen::partition).distinct().count() == PARTITIONS;
        }

        List<String> scope() {
            return ((RunMarker) markers.get(0).value()).scope();
        }
    }

    @Override
    public void close() {
        producers.forEach(KafkaProducer::close);
        reader.close();
    }
}
