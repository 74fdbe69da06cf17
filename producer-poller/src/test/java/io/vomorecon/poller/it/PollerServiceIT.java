package io.vomorecon.poller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.poller.config.CadenceTable;
import io.vomorecon.poller.config.CustomerConfig;
import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.PollerConfig;
import io.vomorecon.poller.config.RunPlan;
import io.vomorecon.poller.config.SchedulerSettings;
import io.vomorecon.poller.worker.PollerService;
import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.sandbox.SandboxCustomer;
import io.vomorecon.sandbox.SimClock;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Job;
import io.vomorecon.schemas.values.RunAborted;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.SnapshotEvent;
import io.vomorecon.testkit.TestNames;
import io.vomorecon.testkit.WithKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The scheduler, the job workers and the service that runs them, end to end on the sandbox's simulated clock:
 * the scheduler issues due jobs to recon.jobs, two workers of one consumer group (two poller instances) run
 * them against the sandbox over HTTP and publish the runs on vomo.snapshots; the scheduling instance is
 * replaced in the middle (with a slot falling due while it is down) by a new one that reads recon.schedule.
 */
@WithKafka
class PollerServiceIT {

    private static final int DAYS = 4;

    @Test
    void scheduledJobsAreRunOnceEachByAGroupOfWorkersAcrossASchedulerRestart(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        String prefix = TestNames.uniquePrefix();
        TopicBootstrap.ensure(bootstrap, prefix, 3, (short) 1);
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.of(5, new CustomerSpec("acme", 40), new CustomerSpec("globex", 30),
                new CustomerSpec("initech", 25)));
             TopicReader<Job> jobs = new TopicReader<>(bootstrap, Topics.RECON_JOBS.in(prefix));
             TopicReader<SnapshotEvent> snapshots = new TopicReader<>(bootstrap, Topics.VOMO_SNAPSHOTS.in(prefix));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            SimClock clock = sandbox.clock();
            Map<String, String> env = new HashMap<>();
            List<CustomerConfig> customers = new ArrayList<>();
            for (SandboxCustomer c : sandbox.customers()) {
                String var = "TOKEN_" + c.id().toUpperCase();
                env.put(var, c.token());
                customers.add(new CustomerConfig(c.id(), sandbox.baseUrl(), Long.toString(c.organizationId()), Optional.of(var),
                        Optional.empty(), (long) c.users(), 100.0, 0.5, "UTC", true, onlyUsersFullAndMembershipDaily()));
            }
            int entries = customers.size() * 2;
            String group = prefix + "vomo-recon-poller-workers";

            PollerService a = new PollerService(config(bootstrap, prefix, "a", true, customers), env, clock);
            PollerService b = new PollerService(config(bootstrap, prefix, "b", false, customers), env, clock);
            List<PollerService> running = new ArrayList<>(List.of(a, b));
            try {
                a.start();
                b.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> membersWithPartitions(admin, group) == 2);

                advanceADayAndAwait(clock, jobs, snapshots, entries, 1);
                advanceADayAndAwait(clock, jobs, snapshots, entries, 2);
                // Both instances' workers did part of the work: each owns partitions whose jobs it committed.
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                assertThat(d.members()).hasSize(2).allSatisfy(m -> assertThat(m.assignment().topicPartitions().stream()
                        .mapToLong(tp -> Optional.ofNullable(committed.get(tp)).map(OffsetAndMetadata::offset).orElse(0L)).sum())
                        .as("jobs committed by member " + m.clientId()).isPositive());

                // The scheduling instance goes away; a slot falls due while it is down; a new instance takes over.
                a.close();
                running.remove(a);
                clock.advance(Duration.ofDays(1));
                PollerService a2 = new PollerService(config(bootstrap, prefix, "a2", true, customers), env, clock);
                running.add(a2);
                a2.start();
                awaitDay(jobs, snapshots, entries, 3);
                advanceADayAndAwait(clock, jobs, snapshots, entries, 4);
            } finally {
                running.forEach(PollerService::close);
            }

            List<Job> issued = jobs.values(Job.class);
            Map<String, List<Job>> perEntry = issued.stream().collect(Collectors.groupingBy(
                    j -> j.customer() + "/" + j.resource() + "/" + j.runKind(), LinkedHashMap::new, Collectors.toList()));
            assertThat(perEntry).hasSize(entries);
            perEntry.forEach((entry, js) -> {
                List<Instant> slots = js.stream().map(Job::scheduledFor).sorted().toList();
                assertThat(slots).as(entry + ": one job per slot, none repeated").doesNotHaveDuplicates().hasSize(DAYS);
                for (int i = 1; i < slots.size(); i++) {
                    assertThat(Duration.between(slots.get(i - 1), slots.get(i))).as(entry + ": no slot skipped").isEqualTo(Duration.ofDays(1));
                }
            });
            assertThat(issued).extracting(Job::jobId).doesNotHaveDuplicates();

            List<RunCompleted> runs = snapshots.completedRuns();
            assertThat(snapshots.values(RunAborted.class)).as("no run was cut short or failed").isEmpty();
            Map<String, Long> runsPerEntry = runs.stream().collect(Collectors.groupingBy(
                    r -> r.customer() + "/" + r.resource() + "/" + r.runKind(), Collectors.counting()));
            perEntry.forEach((entry, js) -> assertThat(runsPerEntry.get(entry)).as(entry + ": every job run exactly once")
                    .isEqualTo((long) js.size()));
            assertThat(runs).allSatisfy(r -> assertThat(r.totalCount()).as(r.runId()).isPositive());
            assertThat(runs).filteredOn(r -> r.runKind() == RunKind.FULL).allSatisfy(r ->
                    assertThat(r.totalCount()).isEqualTo(listedUsers(sandbox, r.customer())));

            // Every job's offset is committed (past the last job of its partition): nothing is left to run again.
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<Integer, Long> nextAfterLastJob = jobs.all().stream().collect(Collectors.toMap(TopicReader.Seen::partition,
                    s -> s.offset() + 1, Math::max));
            nextAfterLastJob.forEach((p, next) -> assertThat(committed.get(new TopicPartition(Topics.RECON_JOBS.in(prefix).name(), p)))
                    .as("committed offset of jobs partition " + p).extracting(OffsetAndMetadata::offset).isEqualTo(next));
        }
    }

    private static long listedUsers(Sandbox sandbox, String customer) {
        var w = sandbox.world().require(customer);
        return w.read(() -> (long) w.userIndex().size()); // the index holds the listed (invited and active) users
    }

    private static void advanceADayAndAwait(SimClock clock, TopicReader<Job> jobs, TopicReader<SnapshotEvent> snapshots, int entries,
                                            int day) {
        clock.advance(Duration.ofDays(1));
        awaitDay(jobs, snapshots, entries, day);
    }

    /** Waits until the jobs of {@code day} days were issued and run; issuing more than that fails at once. */
    private static void awaitDay(TopicReader<Job> jobs, TopicReader<SnapshotEvent> snapshots, int entries, int day) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            int issued = jobs.values(Job.class).size();
            assertThat(issued).as("jobs issued by day " + day).isLessThanOrEqualTo(entries * day);
            return issued == entries * day && snapshots.completedRuns().size() >= entries * day;
        });
    }

    private static int membersWithPartitions(Admin admin, String group) throws Exception {
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return (int) d.members().stream().map(MemberDescription::assignment).filter(a -> !a.topicPartitions().isEmpty()).count();
    }

    /** Every default cadence off except users FULL and MEMBERSHIP, both daily: two entries per customer. */
    private static Map<String, Map<String, String>> onlyUsersFullAndMembershipDaily() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        CadenceTable.defaults(0, 50_000).forEach((resource, kinds) -> kinds.keySet().forEach(kind ->
                out.computeIfAbsent(resource.path(), r -> new LinkedHashMap<>()).put(RunPlan.configName(kind), "off")));
        out.get(Resource.USERS.path()).put(RunPlan.configName(RunKind.FULL), "daily");
        out.get(Resource.GROUP_MEMBERS.path()).put(RunPlan.configName(RunKind.MEMBERSHIP), "daily");
        return out;
    }

    private static PollerConfig config(String bootstrap, String prefix, String instance, boolean scheduler, List<CustomerConfig> customers) {
        HttpSettings http = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofMinutes(2), null);
        SchedulerSettings s = new SchedulerSettings(scheduler, Duration.ofMillis(50), null, null, null, null, null);
        PollerConfig c = new PollerConfig(bootstrap, Optional.of(prefix), Optional.of(instance), 1, 20, Duration.ofMillis(200), false,
                http, s, Optional.empty(), customers);
        c.validate();
        return c;
    }
}
