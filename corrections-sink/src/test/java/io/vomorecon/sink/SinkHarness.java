package io.vomorecon.sink;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.sink.config.CustomerPolicy;
import io.vomorecon.sink.config.DestinationConfig;
import io.vomorecon.sink.config.PolicySettings;
import io.vomorecon.sink.config.RetryConfig;
import io.vomorecon.sink.config.SinkConfig;
import io.vomorecon.sink.config.WritesConfig;
import io.vomorecon.sink.external.JdbcExternalSystem;
import io.vomorecon.sink.runtime.CorrectionsSink;
import io.vomorecon.testkit.TestNames;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One isolated sink environment for an integration test: a fresh topic namespace on the shared
 * broker, a fresh destination database on the shared PostgreSQL (tables created, every row
 * change logged by a trigger into {@code write_log}), and helpers to publish findings and run
 * a sink in this JVM.
 */
public final class SinkHarness implements AutoCloseable {

    public final EmbeddedKafka kafka;
    public final EmbeddedPg pg;
    public final String prefix = TestNames.uniquePrefix();
    public final String database = TestNames.uniqueDatabase();
    public final String group = TestNames.uniqueId("sink");
    public final DataSource ds;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Running> running = new ArrayList<>();

    public SinkHarness(EmbeddedKafka kafka, EmbeddedPg pg) throws SQLException {
        this.kafka = kafka;
        this.pg = pg;
        TopicBootstrap.ensure(kafka.bootstrapServers(), prefix, 3, (short) 1);
        this.ds = pg.createDatabase(database);
        new JdbcExternalSystem(ds, Clock.systemUTC()).createTables();
        exec("CREATE TABLE write_log (record_key text, action_id text, op text, at timestamptz DEFAULT clock_timestamp())");
        exec("CREATE FUNCTION log_write() RETURNS trigger AS $$ BEGIN "
                + "IF TG_OP = 'DELETE' THEN INSERT INTO write_log VALUES (OLD.record_key, OLD.last_action_id, TG_OP); RETURN OLD; END IF; "
                + "INSERT INTO write_log VALUES (NEW.record_key, NEW.last_action_id, TG_OP); RETURN NEW; END $$ LANGUAGE plpgsql");
        exec("CREATE TRIGGER ext_users_log AFTER INSERT OR UPDATE OR DELETE ON ext_users FOR EACH ROW EXECUTE FUNCTION log_write()");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public SinkConfig config(WritesConfig writes, RetryConfig retry, Map<String, CustomerPolicy> customers) {
        return new SinkConfig(kafka.bootstrapServers(), prefix, group, "sink-0", Duration.ofMinutes(5),
                new DestinationConfig(pg.jdbcUrl(database), Optional.empty(), Optional.empty(), 4, Duration.ofSeconds(2), true),
                writes, retry, PolicySettings.none(), customers);
    }

    /** Starts a sink on its own thread; stopped on {@link #close()}. */
    public CorrectionsSink start(SinkConfig config) {
        JdbcExternalSystem destination = JdbcExternalSystem.open(config.destination(), Clock.systemUTC());
        CorrectionsSink sink = new CorrectionsSink(config, destination, Clock.systemUTC());
        Thread t = new Thread(sink, "sink-under-test");
        t.start();
        running.add(new Running(sink, destination));
        return sink;
    }

    public void publish(Finding f) {
        Topic<Finding> t = Topics.findings(f.kind()).in(prefix);
        producer.send(t.rawRecord(f.key(), f));
    }

    public void publishRaw(Topic<Finding> topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic.in(prefix).name(), key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value));
    }

    public void flush() {
        producer.flush();
    }

    public <V> TopicReader<V> reader(Topic<V> topic) {
        return new TopicReader<>(kafka.bootstrapServers(), topic.in(prefix));
    }

    public void exec(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public long count(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getSQLState(), e);
        }
    }

    /** One row of ext_users as column to text, or empty. */
    public Optional<Map<String, String>> user(String key) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM ext_users WHERE record_key = '" + key.replace("'", "''") + "'")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Map<String, String> out = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.put(rs.getMetaData().getColumnName(i), rs.getString(i));
            }
            return Optional.of(out);
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + e.getSQLState(), e);
        }
    }

    @Override
    public void close() throws Exception {
        for (Running r : running) {
            r.sink().stop();
            r.sink().awaitStopped(Duration.ofSeconds(30));
            r.destination().close();
        }
        producer.close();
    }

    private record Running(CorrectionsSink sink, JdbcExternalSystem destination) {
    }
}
