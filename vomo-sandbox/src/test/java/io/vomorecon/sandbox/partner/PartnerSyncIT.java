package io.vomorecon.sandbox.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.sandbox.MutationRates;
import io.vomorecon.sandbox.Sandbox;
import io.vomorecon.sandbox.SandboxConfig;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.truth.TruthEntry;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.ReprocessRequest;
import io.vomorecon.testkit.TestNames;
import io.vomorecon.testkit.WithKafka;
import io.vomorecon.testkit.WithPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reference partner sync against the real broker and PostgreSQL: a clean sync keeps the
 * destination equal to VOMO; each switched-on bug leaves exactly the keys the ground truth names
 * wrong, in the way its class says. One customer per scenario, so scenarios do not interfere.
 */
@WithKafka
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerSyncIT {

    static final List<String> CUSTOMERS = List.of("clean", "crash", "fail", "net", "lost", "stale", "mapping", "stuck", "deleg");

    Sandbox sandbox;
    PartnerSync partner;
    DataSource db;
    String prefix;
    String bootstrap;

    @BeforeAll
    void start(EmbeddedKafka kafka, EmbeddedPg pg) {
        prefix = TestNames.uniquePrefix();
        bootstrap = kafka.bootstrapServers();
        TopicBootstrap.ensure(bootstrap, prefix, 3, (short) 1);
        db = pg.createDatabase(TestNames.uniqueDatabase());
        sandbox = Sandbox.start(SandboxConfig.of(21, CUSTOMERS.stream().map(c -> new CustomerSpec(c, 150)).toArray(CustomerSpec[]::new))
                .withRates(MutationRates.none()));
        partner = PartnerSync.start(sandbox, PartnerSyncConfig.of(bootstrap, prefix, db));
        partner.bootstrap();
    }

    @AfterAll
    void stop() {
        partner.close();
        sandbox.close();
    }

    // ---- helpers ----

    List<String> inject(String customer, TruthClass kind, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sandbox.mutations().inject(customer, kind).ifPresent(e -> keys.add(e.key()));
        }
        return keys;
    }

    Set<String> truthKeys(String customer, TruthClass kind) {
        return sandbox.truth().of(customer, kind).stream().map(TruthEntry::key).collect(Collectors.toSet());
    }

    /** record_key to (vomo_updated_at, mapped columns) of a customer's rows in one table. */
    Map<String, Map<String, String>> rows(Resource r, String customer) {
        return rows(db, r, customer);
    }

    static Map<String, Map<String, String>> rows(DataSource db, Resource r, String customer) {
        String table = io.vomorecon.schemas.mapping.FieldMapping.table(r);
        Map<String, Map<String, String>> out = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE customer = ?")) {
            ps.setString(1, customer);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> row = new HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof Timestamp t) {
                            v = t.toInstant();
                        }
                        row.put(rs.getMetaData().getColumnName(i), v == null ? null : v.toString());
                    }
                    out.put(rs.getString("record_key"), row);
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    Instant vomoUpdatedAt(String key) {
        CustomerWorld w = sandbox.world().require(RecordKey.parse(key).customer());
        long id = Long.parseLong(RecordKey.parse(key).id());
        return w.read(() -> Instant.ofEpochSecond(w.user(id).orElseThrow().updatedAt()));
    }

    Map<String, PartnerState> ledger() {
        return ledger(bootstrap, prefix);
    }

    static Map<String, PartnerState> ledger(String bootstrap, String prefix) {
        Topic<PartnerState> topic = Topics.PARTNER_STATE.in(prefix);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Map<String, PartnerState> out = new HashMap<>();
        try (KafkaConsumer<String, PartnerState> c = new KafkaConsumer<>(p, new StringDeserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic.name()).stream().map(i -> new TopicPartition(topic.name(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.put(r.key(), r.value()));
            }
        }
        return out;
    }

    // ---- scenarios ----

    @Test
    void aCleanSyncWritesEveryResourceAndItsLedgerAndFollowsEveryUpdate() {
        Map<String, Map<String, String>> users = rows(Resource.USERS, "clean");
        CustomerWorld w = sandbox.world().require("clean");
        assertThat(users).hasSize(w.read(() -> w.userIndex().size()));
        for (Resource r : List.of(Resource.PROJECTS, Resource.PROJECT_DATES, Resource.PARTICIPATIONS, Resource.GROUPS,
                Resource.GROUP_MEMBERS, Resource.CAMPAIGNS, Resource.FORMS, Resource.FORM_COMPLETIONS, Resource.CERTIFICATES)) {
            assertThat(rows(r, "clean")).as(r.path()).isNotEmpty();
        }
        List<String> updated = inject("clean", TruthClass.UPDATE, 12);
        List<String> created = inject("clean", TruthClass.CREATE, 5);
        partner.runOnce("clean", Resource.USERS);
        partner.runOnce("clean", Resource.PROJECTS);
        partner.runOnce("clean", Resource.CAMPAIGNS);
        Map<String, Map<String, String>> after = new HashMap<>(rows(Resource.USERS, "clean"));
        after.putAll(rows(Resource.PROJECTS, "clean"));
        after.putAll(rows(Resource.CAMPAIGNS, "clean"));
        for (String k : updated) {
            assertThat(after.get(k)).as(k).isNotNull();
        }
        for (String k : created) {
            assertThat(after.get(k).get("vomo_updated_at")).isEqualTo(vomoUpdatedAt(k).toString());
        }
        Map<String, PartnerState> ledger = ledger();
        PartnerState s = ledger.get(created.get(0));
        assertThat(s.pushed()).isTrue();
        assertThat(s.processedVersion()).contains(vomoUpdatedAt(created.get(0)));
        assertThat(s.pushedFields()).containsEntry("email", after.get(created.get(0)).get("email"));
    }

    @Test
    void aCrashMidBatchLosesExactlyTheRecordedRecords() {
        List<String> created = inject("crash", TruthClass.CREATE, 30);
        partner.bugs("crash").enable(SyncBug.CRASH_MID_BATCH, Resource.USERS, 10, 1);
        partner.runOnce("crash", Resource.USERS);
        partner.runOnce("crash", Resource.USERS);
        assertMissingExactly("crash", created, TruthClass.CRASH_MID_BATCH);
    }

    @Test
    void aFailureThatAdvancesTheCheckpointLosesExactlyTheFailedRecords() {
        List<String> created = inject("fail", TruthClass.CREATE, 20);
        partner.bugs("fail").enable(SyncBug.FAILURE_ADVANCES_CHECKPOINT, Resource.USERS, 4, 1);
        partner.runOnce("fail", Resource.USERS);
        partner.runOnce("fail", Resource.USERS);
        assertMissingExactly("fail", created, TruthClass.FAILURE_ADVANCED_CHECKPOINT);
    }

    @Test
    void aNetworkErrorMidPaginationSkipsExactlyTheRecordsOfTheLaterPages() {
        List<String> created = inject("net", TruthClass.CREATE, 40);
        sandbox.clock().advance(Duration.ofMinutes(5));
        partner.bugs("net").enable(SyncBug.NETWORK_ERROR_MID_PAGINATION, Resource.USERS, 2, 1);
        partner.runOnce("net", Resource.USERS);
        partner.runOnce("net", Resource.USERS);
        assertMissingExactly("net", created, TruthClass.NETWORK_ERROR_SKIPPED_PAGES);
        assertThat(truthKeys("net", TruthClass.NETWORK_ERROR_SKIPPED_PAGES)).as("every page after the first").hasSizeGreaterThan(20);
    }

    void assertMissingExactly(String customer, List<String> created, TruthClass kind) {
        Set<String> present = rows(Resource.USERS, customer).keySet();
        Set<String> missing = new HashSet<>(created);
        missing.removeAll(present);
        assertThat(missing).isNotEmpty().isEqualTo(truthKeys(customer, kind));
        Map<String, PartnerState> ledger = ledger();
        missing.forEach(k -> assertThat(ledger).doesNotContainKey(k));
    }

    @Test
    void aLostPushLeavesTheDestinationBehindWhileTheLedgerSaysPushed() {
        List<String> updated = inject("lost", TruthClass.UPDATE, 9).stream().filter(k -> k.contains("/users/")).toList();
        partner.bugs("lost").enable(SyncBug.PUSH_LOST, Resource.USERS, 3, 1);
        partner.runOnce("lost", Resource.USERS);
        Set<String> lost = truthKeys("lost", TruthClass.PUSH_LOST);
        assertThat(lost).isNotEmpty();
        Map<String, Map<String, String>> rows = rows(Resource.USERS, "lost");
        Map<String, PartnerState> ledger = ledger();
        for (String k : updated) {
            Instant v = vomoUpdatedAt(k);
            assertThat(ledger.get(k).processedVersion()).contains(v);
            boolean destinationCurrent = v.toString().equals(rows.get(k).get("vomo_updated_at"));
            assertThat(destinationCurrent).as(k).isEqualTo(!lost.contains(k));
        }
    }

    @Test
    void aStalePushWritesThePreviousValuesWhileTheLedgerRecordsTheNew() {
        inject("stale", TruthClass.UPDATE, 9);
        partner.bugs("stale").enable(SyncBug.PUSH_STALE, Resource.USERS, 2, 1);
        partner.runOnce("stale", Resource.USERS);
        Set<String> stale = truthKeys("stale", TruthClass.PUSH_STALE);
        assertThat(stale).isNotEmpty();
        Map<String, Map<String, String>> rows = rows(Resource.USERS, "stale");
        Map<String, PartnerState> ledger = ledger();
        for (String k : stale) {
            assertThat(ledger.get(k).processedVersion()).contains(vomoUpdatedAt(k));
            assertThat(rows.get(k).get("vomo_updated_at")).isNotEqualTo(vomoUpdatedAt(k).toString());
        }
    }

    @Test
    void aMappingBugPushesOneFieldWrongToBothTheDestinationAndTheLedger() {
        inject("mapping", TruthClass.UPDATE, 8);
        partner.bugs("mapping").enable(SyncBug.MAPPING_BUG, Resource.USERS, 1);
        partner.runOnce("mapping", Resource.USERS);
        Set<String> wrong = truthKeys("mapping", TruthClass.MAPPING_BUG);
        assertThat(wrong).isNotEmpty();
        Map<String, Map<String, String>> rows = rows(Resource.USERS, "mapping");
        Map<String, PartnerState> ledger = ledger();
        for (String k : wrong) {
            assertThat(rows.get(k).get("last_name")).isEqualTo(rows.get(k).get("first_name"));
            assertThat(ledger.get(k).pushedFields().get("last_name")).isEqualTo(rows.get(k).get("first_name"));
        }
        partner.bugs("mapping").disable(SyncBug.MAPPING_BUG);
    }

    @Test
    void aStuckCheckpointProcessesNothingAndRecordsEveryChangeOnce() {
        Optional<Instant> before = partner.checkpoint("stuck", SyncStream.USERS);
        List<String> updated = inject("stuck", TruthClass.CREATE, 6);
        partner.bugs("stuck").enable(SyncBug.CHECKPOINT_STUCK, Resource.USERS, 1);
        partner.runOnce("stuck", Resource.USERS);
        partner.runOnce("stuck", Resource.USERS);
        assertThat(partner.checkpoint("stuck", SyncStream.USERS)).isEqualTo(before);
        assertThat(sandbox.truth().of("stuck", TruthClass.CHECKPOINT_STUCK)).extracting(TruthEntry::key)
                .containsExactlyInAnyOrderElementsOf(updated);
        assertThat(rows(Resource.USERS, "stuck").keySet()).doesNotContainAnyElementsOf(updated);
    }

    @Test
    void deletionsAreNeverHandledAndParticipationsOfUnchangedUsersAreMissed() {
        String deleted = inject("clean", TruthClass.HARD_DELETE, 1).get(0);
        List<String> added = inject("clean", TruthClass.PARTICIPATION_ADDED, 5);
        for (SyncStream s : SyncStream.values()) {
            partner.runOnce("clean", s);
        }
        Map<String, Map<String, String>> rows = new HashMap<>(rows(Resource.USERS, "clean"));
        rows.putAll(rows(Resource.CAMPAIGNS, "clean"));
        assertThat(rows.get(deleted)).isNotNull();
        assertThat(rows.get(deleted).get("deleted")).isEqualTo("false");
        assertThat(rows(Resource.PARTICIPATIONS, "clean").keySet()).doesNotContainAnyElementsOf(added);
    }

    @Test
    void inDelegateModeARequestOnReconReprocessRewritesTheKey() {
        partner.bugs("deleg").enable(SyncBug.PUSH_LOST, Resource.USERS, 1, 1);
        List<String> updated = inject("deleg", TruthClass.UPDATE, 6).stream().filter(k -> k.contains("/users/")).toList();
        partner.runOnce("deleg", Resource.USERS);
        String lost = updated.stream().filter(truthKeys("deleg", TruthClass.PUSH_LOST)::contains).findFirst().orElseThrow();
        Instant v = vomoUpdatedAt(lost);
        assertThat(rows(Resource.USERS, "deleg").get(lost).get("vomo_updated_at")).isNotEqualTo(v.toString());

        Topic<ReprocessRequest> topic = Topics.RECON_REPROCESS.in(prefix);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, ReprocessRequest> producer = new KafkaProducer<>(p, new StringSerializer(), topic.valueSerde().serializer())) {
            producer.send(topic.record(lost, new ReprocessRequest(Topics.SCHEMA_VERSION, "req-1", "finding-1", "deleg", "users", lost, v,
                    "PUSH_FAILURE", sandbox.clock().instant())));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(rows(Resource.USERS, "deleg").get(lost).get("vomo_updated_at")).isEqualTo(v.toString()));
    }

    @Test
    void pollingRunsEveryStreamAsSimulatedTimePasses() {
        List<String> created = inject("clean", TruthClass.CREATE, 3);
        partner.startPolling();
        try {
            sandbox.clock().advance(Duration.ofMinutes(20));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(rows(Resource.USERS, "clean").keySet()).containsAll(created));
        } finally {
            partner.stopPolling();
        }
    }

    /**
     * The in-process initial load (the demo's) is the HTTP one without the socket: on two
     * sandboxes of the same seed, both leave identical destination tables and ledgers, and the
     * API counted the same requests from the partner.
     */
    @Test
    void anInProcessInitialLoadEqualsTheOneOverHttp(EmbeddedKafka kafka, EmbeddedPg pg) {
        List<String> customers = List.of("one", "two");
        Map<String, Object> overHttp = initialLoad(kafka, pg, customers, false);
        Map<String, Object> inProcess = initialLoad(kafka, pg, customers, true);
        assertThat(inProcess).isEqualTo(overHttp);
        assertThat(((Map<?, ?>) overHttp.get("ledger")).size()).isGreaterThan(400);
    }

    private Map<String, Object> initialLoad(EmbeddedKafka kafka, EmbeddedPg pg, List<String> customers, boolean inProcess) {
        String pfx = TestNames.uniquePrefix();
        TopicBootstrap.ensure(kafka.bootstrapServers(), pfx, 3, (short) 1);
        DataSource dest = pg.createDatabase(TestNames.uniqueDatabase());
        Map<String, Object> out = new HashMap<>();
        try (Sandbox sb = Sandbox.start(SandboxConfig.of(5, customers.stream().map(c -> new CustomerSpec(c, 120))
                .toArray(CustomerSpec[]::new)).withRates(MutationRates.none()));
             PartnerSync ps = PartnerSync.start(sb, PartnerSyncConfig.of(kafka.bootstrapServers(), pfx, dest))) {
            if (inProcess) {
                ps.bootstrapInProcess();
            } else {
                ps.bootstrap();
            }
            for (String c : customers) {
                for (Resource r : Resource.values()) {
                    out.put(c + "/" + r.path(), rows(dest, r, c));
                }
                out.put(c + "/served", sb.controls(c).stats().servedByAgent());
            }
            Map<String, String> ledger = new HashMap<>();
            ledger(kafka.bootstrapServers(), pfx).forEach((k, v) -> ledger.put(k, v.processedHash().orElse("") + "|"
                    + v.processedVersion() + "|" + v.pushedFields() + "|" + v.processedAt()));
            out.put("ledger", ledger);
        }
        return out;
    }
}
