package io.vomorecon.sandbox.partner;

import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.DestinationTables;
import io.vomorecon.schemas.mapping.FieldMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The partner's external system: the {@code ext_<resource>} PostgreSQL tables of
 * {@link DestinationTables}, written with {@code written_by='partner'}. A write never overwrites
 * a row holding a newer VOMO version (the corrections sink may have written it since). Writes of
 * one polling run go through one {@link Session}: batched, committed when the run ends.
 */
final class Destination {

    private static final int BATCH = 500;

    private final DataSource ds;

    Destination(DataSource ds) {
        this.ds = ds;
    }

    void ensureTables() throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : DestinationTables.createAll()) {
                s.execute(ddl);
            }
        }
    }

    Session open() throws SQLException {
        return new Session(ds.getConnection());
    }

    static String upsertSql(Resource resource) {
        List<String> cols = DestinationTables.mappedColumns(resource);
        String table = FieldMapping.table(resource);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table)
                .append(" (record_key, customer, external_id, vomo_updated_at, content_hash, deleted, written_by, written_at");
        cols.forEach(col -> sql.append(", ").append(col));
        sql.append(") VALUES (?, ?, ?, ?, ?, false, 'partner', ?");
        cols.forEach(col -> sql.append(", ?"));
        sql.append(") ON CONFLICT (record_key) DO UPDATE SET external_id = EXCLUDED.external_id, vomo_updated_at = EXCLUDED.vomo_updated_at,"
                + " content_hash = EXCLUDED.content_hash, written_by = 'partner', written_at = EXCLUDED.written_at, last_action_id = NULL");
        cols.forEach(col -> sql.append(", ").append(col).append(" = EXCLUDED.").append(col));
        sql.append(" WHERE ").append(table).append(".vomo_updated_at IS NULL OR EXCLUDED.vomo_updated_at IS NULL OR ")
                .append(table).append(".vomo_updated_at <= EXCLUDED.vomo_updated_at");
        return sql.toString();
    }

    /** One run's writes: one transaction, statements batched per table. */
    static final class Session implements AutoCloseable {
        private final Connection connection;
        private final Map<Resource, PreparedStatement> statements = new EnumMap<>(Resource.class);
        private int pending;
        private boolean failed;

        Session(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
        }

        void upsert(Resource resource, String key, String customer, String externalId, Map<String, String> fields,
                    Optional<Instant> version, String contentHash, Instant writtenAt) throws SQLException {
            PreparedStatement ps = statements.get(resource);
            if (ps == null) {
                ps = connection.prepareStatement(upsertSql(resource));
                statements.put(resource, ps);
            }
            int i = 1;
            ps.setString(i++, key);
            ps.setString(i++, customer);
            ps.setString(i++, externalId);
            ps.setTimestamp(i++, version.map(Timestamp::from).orElse(null));
            ps.setString(i++, contentHash);
            ps.setTimestamp(i++, Timestamp.from(writtenAt));
            for (String col : DestinationTables.mappedColumns(resource)) {
                ps.setString(i++, fields.get(col));
            }
            ps.addBatch();
            if (++pending >= BATCH) {
                flush();
            }
        }

        void flush() throws SQLException {
            try {
                for (PreparedStatement ps : statements.values()) {
                    ps.executeBatch();
                }
                connection.commit();
                pending = 0;
            } catch (SQLException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (!failed) {
                    flush();
                } else {
                    connection.rollback();
                }
            } finally {
                for (PreparedStatement ps : statements.values()) {
                    ps.close();
                }
                connection.setAutoCommit(true);
                connection.close();
            }
        }
    }
}
