package io.vomorecon.poller.external;

import io.vomorecon.poller.run.RunBuffer;
import io.vomorecon.poller.run.RunSpec;
import io.vomorecon.poller.run.ScanResult;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.DestinationTables;
import io.vomorecon.schemas.mapping.FieldMapping;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.ExternalEvent;
import io.vomorecon.schemas.values.ExternalRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one customer's rows of one destination table back through JDBC, as one run on
 * external.state (RunSource EXTERNAL, scope = the resource's prefix), so that a row that
 * vanished from the destination is seen as absent by the reconciler. The query is configurable
 * per resource (one {@code ?} for the customer); its columns are named as in
 * {@link DestinationTables}: {@code record_key} and the mapped columns at least.
 *
 * <p>Never writes to the destination; never publishes a row under a key of another customer or
 * resource (such rows go to the DLQ).
 */
public final class ExternalStateReader {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalStateReader.class);

    private final DataSource dataSource;
    private final Map<String, String> queries;
    private final Clock clock;

    public ExternalStateReader(DataSource dataSource, Map<String, String> queries, Clock clock) {
        this.dataSource = dataSource;
        this.queries = Map.copyOf(queries);
        this.clock = clock;
    }

    /** The query used for a resource: the configured one, or every row of the customer from {@code ext_<resource>}. */
    public String query(Resource resource) {
        return queries.getOrDefault(resource.path(),
                "SELECT * FROM " + FieldMapping.table(resource) + " WHERE customer = ? ORDER BY record_key");
    }

    public ScanResult<ExternalEvent> read(RunSpec spec) {
        RunBuffer<ExternalEvent> buffer = new RunBuffer<>();
        List<DeadLetter> rejects = new ArrayList<>();
        String prefix = RecordKey.prefix(spec.customer(), spec.resource());
        Optional<String> abort = Optional.empty();
        Set<String> mapped = new HashSet<>(DestinationTables.mappedColumns(spec.resource()));
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false); // lets PostgreSQL stream with the fetch size instead of loading every row
            try (PreparedStatement st = conn.prepareStatement(query(spec.resource()))) {
                st.setFetchSize(1000);
                st.setString(1, spec.customer());
                // Every row shows the destination as of the statement's snapshot, taken when the query starts, not when
                // the row is fetched: a row dated later could make a push during a long read look failed.
                Instant snapshotAt = clock.instant();
                try (ResultSet rs = st.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    Set<String> columns = new HashSet<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        columns.add(md.getColumnLabel(i).toLowerCase());
                    }
                    if (!columns.contains("record_key")) {
                        throw new SQLException("the query has no record_key column", "42703");
                    }
                    while (rs.next()) {
                        String key = rs.getString("record_key");
                        if (key == null || !key.startsWith(prefix) || !RecordKey.isValid(key)) {
                            rejects.add(reject(spec, key, "destination row whose record_key is not a " + spec.resource().path()
                                    + " key of " + spec.customer()));
                            continue;
                        }
                        Map<String, String> raw = new HashMap<>();
                        for (String col : mapped) {
                            if (columns.contains(col)) {
                                String v = rs.getString(col);
                                if (v != null) {
                                    raw.put(col, v);
                                }
                            }
                        }
                        Map<String, String> fields;
                        try {
                            fields = FieldMapping.fromDestination(spec.resource(), raw);
                        } catch (RuntimeException e) {
                            rejects.add(reject(spec, key, "destination row with a value that cannot be normalised"));
                            continue;
                        }
                        Optional<Instant> version = columns.contains("vomo_updated_at")
                                ? Optional.ofNullable(rs.getTimestamp("vomo_updated_at")).map(Timestamp::toInstant) : Optional.empty();
                        boolean deleted = columns.contains("deleted") && rs.getBoolean("deleted");
                        boolean erased = columns.contains("erased_at") && rs.getTimestamp("erased_at") != null;
                        Optional<String> externalId = columns.contains("external_id")
                                ? Optional.ofNullable(rs.getString("external_id")) : Optional.empty();
                        ExternalRow row = new ExternalRow(Topics.SCHEMA_VERSION, Optional.of(spec.runId()), spec.customer(),
                                spec.resource().path(), key, ExternalRow.ExternalSource.READER, true, fields, version, deleted, erased,
                                externalId, snapshotAt);
                        buffer.add(key, row, version);
                    }
                }
            }
            conn.rollback();
        } catch (SQLException e) {
            abort = Optional.of("destination query for " + spec.resource().path() + " failed (SQLState " + e.getSQLState() + ")");
            LOG.warn("run {}: {}", spec.runId(), abort.get());
        }
        return new ScanResult<>(buffer, List.of(prefix), rejects, abort, 0);
    }

    private DeadLetter reject(RunSpec spec, String key, String reason) {
        LOG.warn("run {}: {}; sent to the DLQ", spec.runId(), reason);
        return new DeadLetter(Topics.SCHEMA_VERSION, "producer-poller", "destination", Optional.empty(), Optional.empty(),
                Optional.ofNullable(key), reason, "UnusableRow", Optional.empty(), DeadLetter.PayloadEncoding.NONE,
                Map.of("runId", spec.runId()), clock.instant());
    }
}
