package io.vomorecon.poller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.poller.config.CustomerConfig;
import io.vomorecon.poller.config.HttpSettings;
import io.vomorecon.poller.config.PollerConfig;
import io.vomorecon.poller.config.SchedulerSettings;
import io.vomorecon.poller.external.ExternalStateReader;
import io.vomorecon.poller.kafka.KafkaClients;
import io.vomorecon.poller.run.RunOutcome;
import io.vomorecon.poller.run.SampleStore;
import io.vomorecon.poller.vomo.Sleeper;
import io.vomorecon.poller.worker.CustomerClients;
import io.vomorecon.poller.worker.RunExecutor;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.DestinationTables;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ExternalEvent;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.RunAborted;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunMarker;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.testkit.TestNames;
import io.vomorecon.testkit.WithKafka;
import io.vomorecon.testkit.WithPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The destination read-back ({@link ExternalStateReader} through {@link RunExecutor#external}) against a real
 * PostgreSQL in the {@code DestinationTables} layout, published on external.state through a real broker and
 * read back as the reconciler reads it (read committed, per-partition markers).
 */
@WithKafka
@WithPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalStateIT {

    private static final int PARTITIONS = 3;
    private static final Instant V1 = Instant.parse("2025-05-01T10:00:00Z");

    private String prefix;
    private DataSource db;
    private KafkaProducer<byte[], byte[]> producer;
    private TopicReader<ExternalEvent> external;
    private String bootstrap;

    @BeforeAll
    void setUp(EmbeddedKafka kafka, EmbeddedPg pg) throws SQLException {
        bootstrap = kafka.bootstrapServers();
        prefix = TestNames.uniquePrefix();
        TopicBootstrap.ensure(bootstrap, prefix, PARTITIONS, (short) 1);
        db = pg.createDatabase(TestNames.uniqueDatabase());
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            for (String ddl : DestinationTables.createAll()) {
                st.execute(ddl);
            }
        }
        producer = KafkaClients.transactional(bootstrap, prefix + "external-it");
        external = new TopicReader<>(bootstrap, Topics.EXTERNAL_STATE.in(prefix));
    }

    @AfterAll
    void tearDown() {
        producer.close();
        external.close();
    }

    /** An executor whose destination reader uses the given per-resource queries; VOMO is never called here. */
    private RunExecutor executor(Map<String, String> queries) {
        CustomerConfig acme = new CustomerConfig("acme", "http://127.0.0.1:9/v1", "9001", Optional.of("ACME_TOKEN"), Optional.empty(),
                100L, 10.0, 0.5, "UTC", true, Map.of());
        PollerConfig config = new PollerConfig(bootstrap, Optional.of(prefix), Optional.empty(), 1, 20, Duration.ofSeconds(1), false,
                HttpSettings.defaults(), SchedulerSettings.defaults(), Optional.empty(), List.of(acme));
        CustomerClients clients = new CustomerClients(config, Map.of("ACME_TOKEN", "t"), Clock.systemUTC(), Sleeper.REAL);
        return new RunExecutor(clients, Optional.of(new ExternalStateReader(db, queries, Clock.systemUTC())), new SampleStore(), 20,
                config.http().concurrency(), Clock.systemUTC(), producer, prefix);
    }

    @Test
    void destinationRowsArePublishedAsAReaderRunAndAVanishedRowIsAbsentFromTheNext() throws Exception {
        for (int i = 1; i <= 40; i++) {
            insertUser("acme", i, i % 10 == 3 ? "inactive" : "active", false, false);
        }
        insertUser("acme", 41, "active", true, false);          // soft-deleted by the partner
        insertUser("acme", 42, "active", true, true);           // erased (personal data removed)
        insertUser("globex", 1, "active", false, false);        // another customer's row: never in acme's run
        RunExecutor executor = executor(Map.of());

        RunOutcome first = executor.external("acme", Resource.USERS);
        Map<String, ExternalRow> rows = awaitCompleteRun(first.spec().runId(), 42);
        assertThat(rows.keySet()).allMatch(k -> k.startsWith("acme/users/")).hasSize(42);
        ExternalRow plain = rows.get(key(7));
        assertThat(plain.source()).isEqualTo(ExternalRow.ExternalSource.READER);
        assertThat(plain.runId()).contains(first.spec().runId());
        assertThat(plain.present()).isTrue();
        assertThat(plain.deleted()).isFalse();
        assertThat(plain.erased()).isFalse();
        assertThat(plain.vomoVersion()).contains(V1.plusSeconds(7));
        assertThat(plain.externalId()).contains("crm-7");
        assertThat(plain.fields()).containsEntry("email", "user7@example.org").containsEntry("membership_status", "active");
        assertThat(rows.get(key(13)).fields()).containsEntry("membership_status", "inactive");
        assertThat(rows.get(key(41)).deleted()).isTrue();
        assertThat(rows.get(key(41)).erased()).isFalse();
        assertThat(rows.get(key(42)).erased()).isTrue();
        assertThat(rows.get(key(42)).fields()).doesNotContainKey("email");

        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("DELETE FROM ext_users WHERE record_key = ?")) {
            st.setString(1, key(7));
            assertThat(st.executeUpdate()).isOne();
        }
        RunOutcome second = executor.external("acme", Resource.USERS);
        Map<String, ExternalRow> next = awaitCompleteRun(second.spec().runId(), 41);
        assertThat(next).doesNotContainKey(key(7)).containsKey(key(8)).hasSize(41);
        assertThat(second.spec().runId()).isNotEqualTo(first.spec().runId());
    }

    @Test
    void aConfiguredQueryMapsAPartnersOwnTable() throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE crm_campaigns (tenant text, vomo_key text, title text, link text, org text, crm_id text, "
                    + "synced_version timestamptz, archived boolean)");
            st.execute("INSERT INTO crm_campaigns VALUES "
                    + "('acme', 'acme/campaigns/5', 'Spring drive', 'https://x.example/5', 'ACME', 'c-5', '2025-05-02T00:00:00Z', false),"
                    + "('acme', 'acme/campaigns/6', 'Autumn drive', 'https://x.example/6', 'ACME', 'c-6', NULL, true),"
                    + "('acme', 'acme/users/6', 'wrong table', NULL, NULL, 'c-x', NULL, false),"
                    + "('globex', 'globex/campaigns/5', 'Theirs', NULL, NULL, 'g-5', NULL, false)");
        }
        String query = "SELECT vomo_key AS record_key, title AS campaign_name, link AS url, org AS organization_slug, "
                + "crm_id AS external_id, synced_version AS vomo_updated_at, archived AS deleted "
                + "FROM crm_campaigns WHERE tenant = ? ORDER BY vomo_key";
        RunOutcome run = executor(Map.of("campaigns", query)).external("acme", Resource.CAMPAIGNS);

        Map<String, ExternalRow> rows = awaitCompleteRun(run.spec().runId(), 2);
        assertThat(rows.keySet()).containsExactlyInAnyOrder("acme/campaigns/5", "acme/campaigns/6");
        ExternalRow spring = rows.get("acme/campaigns/5");
        assertThat(spring.fields()).containsEntry("campaign_name", "Spring drive").containsEntry("organization_slug", "acme");
        assertThat(spring.externalId()).contains("c-5");
        assertThat(spring.vomoVersion()).contains(Instant.parse("2025-05-02T00:00:00Z"));
        assertThat(rows.get("acme/campaigns/6").deleted()).isTrue();
        assertThat(rows.get("acme/campaigns/6").vomoVersion()).isEmpty();
        assertThat(run.rejected()).as("the row under a users key goes to the DLQ, not into the run").isEqualTo(1);
    }

    @Test
    void aDatabaseFailureMidReadAbortsTheRun() throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE big_forms (customer text, record_key text, name text, external_id text)");
            st.execute("INSERT INTO big_forms SELECT 'acme', 'acme/forms/' || g, 'Form ' || g, 'f-' || g FROM generate_series(1, 2500) g");
        }
        // Row 1500 fails in the middle of the streamed read (after the first fetch of 1000 rows was consumed):
        // a sequential scan evaluates the expression row by row, so the error comes with the second fetch.
        String query = "SELECT record_key, name, external_id, 1 / (CASE WHEN record_key = 'acme/forms/1500' THEN 0 ELSE 1 END) AS boom "
                + "FROM big_forms WHERE customer = ?";
        RunOutcome run = executor(Map.of("forms", query)).external("acme", Resource.FORMS);

        assertThat(run.completed()).isFalse();
        assertThat(run.abortReason()).hasValueSatisfying(r -> assertThat(r).contains("forms").contains("22012"));
        String runId = run.spec().runId();
        await().atMost(Duration.ofSeconds(30)).until(() -> external.markers(runId).size() == PARTITIONS);
        List<RunMarker> markers = external.markers(runId).stream().map(s -> (RunMarker) s.value()).toList();
        assertThat(markers).allMatch(m -> m instanceof RunAborted).noneMatch(m -> m instanceof RunCompleted);
        long published = rowsOf(runId).size();
        assertThat(published).as("rows read before the failure are published (never for deletions)").isPositive().isLessThan(2500);
        assertThat(markers.stream().mapToLong(m -> ((RunAborted) m).count()).sum()).isEqualTo(published);
        assertThat(((RunAborted) markers.get(0)).reason()).contains("22012");
    }

    /** Waits for a run's markers on every partition and checks the protocol: READER rows, counts per partition, completed. */
    private Map<String, ExternalRow> awaitCompleteRun(String runId, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> external.markers(runId).size() == PARTITIONS);
        List<TopicReader.Seen<ExternalEvent>> records = rowsOf(runId);
        Map<Integer, Long> perPartition = TopicReader.perPartition(records);
        List<TopicReader.Seen<ExternalEvent>> markers = external.markers(runId);
        assertThat(markers).extracting(TopicReader.Seen::partition).containsExactlyInAnyOrder(0, 1, 2);
        for (TopicReader.Seen<ExternalEvent> m : markers) {
            RunCompleted c = (RunCompleted) m.value();
            assertThat(c.partition()).isEqualTo(m.partition());
            assertThat(c.count()).as("count on partition " + m.partition()).isEqualTo(perPartition.getOrDefault(m.partition(), 0L));
            assertThat(c.totalCount()).isEqualTo(expected);
            assertThat(c.source()).isEqualTo(RunSource.EXTERNAL);
            assertThat(c.runKind()).isEqualTo(RunKind.FULL);
            assertThat(c.scope()).containsExactly(RecordKey.prefix("acme", Resource.require(c.resource())));
        }
        assertThat(records).hasSize(expected);
        return records.stream().map(s -> (ExternalRow) s.value()).peek(r -> {
            assertThat(r.source()).isEqualTo(ExternalRow.ExternalSource.READER);
            assertThat(r.runId()).contains(runId);
        }).collect(Collectors.toMap(ExternalRow::key, Function.identity()));
    }

    private List<TopicReader.Seen<ExternalEvent>> rowsOf(String runId) {
        return external.all().stream().filter(s -> s.value() instanceof ExternalRow r && r.runId().equals(Optional.of(runId))).toList();
    }

    private static String key(int user) {
        return RecordKey.of("acme", Resource.USERS, Integer.toString(user)).encode();
    }

    private void insertUser(String customer, int id, String status, boolean deleted, boolean erased) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO ext_users (record_key, customer, external_id, email, first_name, last_name, membership_status, "
                        + "vomo_updated_at, deleted, erased_at, written_by, written_at) VALUES (?,?,?,?,?,?,?,?,?,?,'partner',now())")) {
            st.setString(1, RecordKey.of(customer, Resource.USERS, Integer.toString(id)).encode());
            st.setString(2, customer);
            st.setString(3, "crm-" + id);
            st.setString(4, erased ? null : "User" + id + "@Example.org");
            st.setString(5, erased ? null : "First" + id);
            st.setString(6, erased ? null : "Last" + id);
            st.setString(7, status.toUpperCase());
            st.setTimestamp(8, Timestamp.from(V1.plusSeconds(id)));
            st.setBoolean(9, deleted);
            st.setTimestamp(10, erased ? Timestamp.from(V1) : null);
            st.executeUpdate();
        }
    }
}
