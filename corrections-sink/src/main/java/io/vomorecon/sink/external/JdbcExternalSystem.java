package io.vomorecon.sink.external;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.DestinationTables;
import io.vomorecon.schemas.mapping.FieldMapping;
import io.vomorecon.schemas.mapping.MappedField;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.sink.config.DestinationConfig;
import io.vomorecon.sink.plan.WriteAction;
import io.vomorecon.schemas.ContentHash;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in destination: the PostgreSQL tables of {@link DestinationTables}. Every action is
 * one set-based statement over {@code unnest} arrays, so a batch of N actions of one kind and
 * resource is one round trip, and one action is the same statement with one element. The
 * guards live in SQL, where they are atomic with the write:
 * <ul>
 *   <li>RE_PROCESS upserts only when the row does not already carry this action id, does not
 *       reflect a newer VOMO version, is not a deleted row being revived by an action that is not
 *       newer, and differs from what would be written;</li>
 *   <li>PROPAGATE_DELETION flags rows not yet deleted (soft) or removes them (hard);</li>
 *   <li>ERASE_PERSONAL_DATA nulls the personal columns of rows not yet erased, keeping the row.</li>
 * </ul>
 * It never reads or logs a mapped column's value except to hand the row back to the caller.
 */
public final class JdbcExternalSystem implements ExternalSystem {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcExternalSystem.class);
    static final String WRITTEN_BY = "vomo-recon";

    private final DataSource dataSource;
    private final Clock clock;
    private final AutoCloseable pool;

    public JdbcExternalSystem(DataSource dataSource, Clock clock) {
        this(dataSource, clock, null);
    }

    private JdbcExternalSystem(DataSource dataSource, Clock clock, AutoCloseable pool) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.clock = Objects.requireNonNull(clock);
        this.pool = pool;
    }

    /** Opens a HikariCP pool on the configured destination; the pool is closed with this object. */
    public static JdbcExternalSystem open(DestinationConfig config, Clock clock) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("vomo-recon-sink-destination");
        hc.setJdbcUrl(config.jdbcUrl());
        config.username().ifPresent(hc::setUsername);
        config.password().ifPresent(hc::setPassword);
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(config.connectionTimeout().toMillis());
        hc.setValidationTimeout(Math.min(config.connectionTimeout().toMillis(), 5_000));
        // start even while the destination is down: writes retry until it is back
        hc.setInitializationFailTimeout(-1);
        HikariDataSource ds = new HikariDataSource(hc);
        return new JdbcExternalSystem(ds, clock, ds);
    }

    /** Creates every destination table and index that is missing. */
    public void createTables() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : DestinationTables.createAll()) {
                s.execute(ddl);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "(create tables)");
        }
        LOG.info("destination tables are in place ({} resources)", Resource.values().length);
    }

    @Override
    public ApplyResult apply(WriteAction action) {
        return applyAll(List.of(action)).get(0);
    }

    @Override
    public List<ApplyResult> applyAll(List<WriteAction> actions) {
        if (actions.isEmpty()) {
            return List.of();
        }
        Set<String> keys = new HashSet<>();
        for (WriteAction a : actions) {
            if (!keys.add(a.key())) {
                throw new IllegalArgumentException("one call may touch a key once; " + a.key() + " appears twice");
            }
        }
        Map<GroupKey, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            WriteAction a = actions.get(i);
            groups.computeIfAbsent(new GroupKey(a.resource(), a.kind(), a.hardDelete()), g -> new ArrayList<>()).add(i);
        }
        ApplyResult[] results = new ApplyResult[actions.size()];
        Instant now = clock.instant();
        String table = "(connect)";
        try (Connection c = dataSource.getConnection()) {
            boolean atomic = groups.size() > 1;
            c.setAutoCommit(!atomic);
            try {
                for (Map.Entry<GroupKey, List<Integer>> g : groups.entrySet()) {
                    table = FieldMapping.table(g.getKey().resource());
                    List<WriteAction> group = g.getValue().stream().map(actions::get).toList();
                    List<ApplyResult> r = applyGroup(c, g.getKey(), group, now);
                    for (int j = 0; j < group.size(); j++) {
                        results[g.getValue().get(j)] = r.get(j);
                    }
                }
                if (atomic) {
                    c.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (atomic) {
                    rollbackQuietly(c);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, table);
        }
        return List.of(results);
    }

    private List<ApplyResult> applyGroup(Connection c, GroupKey g, List<WriteAction> group, Instant now) throws SQLException {
        Map<String, DestinationRow> changed = switch (g.kind()) {
            case RE_PROCESS -> upsert(c, g.resource(), group, now);
            case PROPAGATE_DELETION -> g.hardDelete() ? hardDelete(c, g.resource(), group) : softDelete(c, g.resource(), group, now);
            case ERASE_PERSONAL_DATA -> erase(c, g.resource(), group, now);
            default -> throw new IllegalArgumentException("not a destination write: " + g.kind());
        };
        List<String> untouched = group.stream().map(WriteAction::key).filter(k -> !changed.containsKey(k)).toList();
        Map<String, DestinationRow> current = untouched.isEmpty() ? Map.of() : read(c, g.resource(), untouched);
        List<ApplyResult> out = new ArrayList<>(group.size());
        for (WriteAction a : group) {
            if (changed.containsKey(a.key())) {
                // a hard delete returns the removed row: afterwards there is none
                Optional<DestinationRow> after = g.kind() == ActionKind.PROPAGATE_DELETION && g.hardDelete()
                        ? Optional.empty() : Optional.of(changed.get(a.key()));
                out.add(new ApplyResult(ApplyResult.Status.APPLIED, after, Optional.empty()));
            } else {
                out.add(classifyUntouched(a, Optional.ofNullable(current.get(a.key()))));
            }
        }
        return out;
    }

    /** Why a guarded statement left a row alone: this action was applied before, or the row is newer. */
    static ApplyResult classifyUntouched(WriteAction a, Optional<DestinationRow> row) {
        if (a.kind() != ActionKind.RE_PROCESS) {
            // deletions and erasures are states: not touching the row means the state already holds
            String note = row.isEmpty() ? "no destination row for the key"
                    : row.get().lastActionId().filter(a.actionId()::equals).isPresent() ? "applied before"
                    : a.kind() == ActionKind.PROPAGATE_DELETION ? "row already deleted" : "row already erased";
            return new ApplyResult(ApplyResult.Status.ALREADY_APPLIED, row, Optional.of(note));
        }
        if (row.isEmpty()) {
            // an upsert always writes a missing row; reaching here means it vanished in between
            return new ApplyResult(ApplyResult.Status.SUPERSEDED, row, Optional.of("row removed concurrently"));
        }
        DestinationRow r = row.get();
        if (r.lastActionId().filter(a.actionId()::equals).isPresent()) {
            return new ApplyResult(ApplyResult.Status.ALREADY_APPLIED, row, Optional.of("applied before"));
        }
        boolean sameState = !r.deleted()
                && r.vomoUpdatedAt().equals(a.targetVersion())
                && r.contentHash().equals(a.contentHash())
                && nonNull(r.columns()).equals(a.fields());
        if (sameState) {
            return new ApplyResult(ApplyResult.Status.ALREADY_APPLIED, row, Optional.of("destination already held this state"));
        }
        String why = r.deleted()
                ? "row is deleted and the action is not newer than its version " + r.vomoUpdatedAt().map(Instant::toString).orElse("(none)")
                : "destination holds version " + r.vomoUpdatedAt().map(Instant::toString).orElse("(none)")
                + ", newer than the action's " + a.targetVersion().map(Instant::toString).orElse("(none)");
        return new ApplyResult(ApplyResult.Status.SUPERSEDED, row, Optional.of(why));
    }

    private static Map<String, String> nonNull(Map<String, String> columns) {
        return columns.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Map<String, DestinationRow> upsert(Connection c, Resource r, List<WriteAction> group, Instant now) throws SQLException {
        List<String> mapped = DestinationTables.mappedColumns(r);
        int n = group.size();
        String[] keys = new String[n];
        String[] customers = new String[n];
        String[] externalIds = new String[n];
        String[][] values = new String[mapped.size()][n];
        String[] versions = new String[n];
        String[] hashes = new String[n];
        String[] actionIds = new String[n];
        String[] at = new String[n];
        for (int i = 0; i < n; i++) {
            WriteAction a = group.get(i);
            keys[i] = a.key();
            customers[i] = a.customer();
            externalIds[i] = externalIdFor(a.key());
            for (int m = 0; m < mapped.size(); m++) {
                values[m][i] = a.fields().get(mapped.get(m));
            }
            versions[i] = a.targetVersion().map(Instant::toString).orElse(null);
            hashes[i] = a.contentHash().orElse(null);
            actionIds[i] = a.actionId();
            at[i] = now.toString();
        }
        try (PreparedStatement ps = c.prepareStatement(Sql.upsert(r))) {
            int p = 1;
            ps.setArray(p++, text(c, keys));
            ps.setArray(p++, text(c, customers));
            ps.setArray(p++, text(c, externalIds));
            for (String[] column : values) {
                ps.setArray(p++, text(c, column));
            }
            ps.setArray(p++, text(c, versions));
            ps.setArray(p++, text(c, hashes));
            ps.setArray(p++, text(c, actionIds));
            ps.setArray(p, text(c, at));
            return rows(ps, r);
        }
    }

    private Map<String, DestinationRow> softDelete(Connection c, Resource r, List<WriteAction> group, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.softDelete(r))) {
            bindKeyActionAt(c, ps, group, now);
            return rows(ps, r);
        }
    }

    private Map<String, DestinationRow> hardDelete(Connection c, Resource r, List<WriteAction> group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.hardDelete(r))) {
            ps.setArray(1, text(c, group.stream().map(WriteAction::key).toArray(String[]::new)));
            return rows(ps, r);
        }
    }

    private Map<String, DestinationRow> erase(Connection c, Resource r, List<WriteAction> group, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.erase(r))) {
            bindKeyActionAt(c, ps, group, now);
            return rows(ps, r);
        }
    }

    private static void bindKeyActionAt(Connection c, PreparedStatement ps, List<WriteAction> group, Instant now) throws SQLException {
        ps.setArray(1, text(c, group.stream().map(WriteAction::key).toArray(String[]::new)));
        ps.setArray(2, text(c, group.stream().map(WriteAction::actionId).toArray(String[]::new)));
        ps.setArray(3, text(c, group.stream().map(a -> now.toString()).toArray(String[]::new)));
    }

    /** Reads the current rows of some keys of one resource. */
    public Map<String, DestinationRow> read(Resource r, List<String> keys) {
        try (Connection c = dataSource.getConnection()) {
            return read(c, r, keys);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, FieldMapping.table(r));
        }
    }

    private Map<String, DestinationRow> read(Connection c, Resource r, List<String> keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.select(r))) {
            ps.setArray(1, text(c, keys.toArray(String[]::new)));
            return rows(ps, r);
        }
    }

    private static Map<String, DestinationRow> rows(PreparedStatement ps, Resource r) throws SQLException {
        Map<String, DestinationRow> out = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                DestinationRow row = row(rs, r);
                out.put(row.key(), row);
            }
        }
        return out;
    }

    private static DestinationRow row(ResultSet rs, Resource r) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        for (MappedField f : FieldMapping.fields(r)) {
            String v = rs.getString(f.column());
            if (v != null) {
                columns.put(f.column(), v);
            }
        }
        return new DestinationRow(
                rs.getString("record_key"),
                rs.getString("customer"),
                rs.getString("external_id"),
                columns,
                instant(rs, "vomo_updated_at"),
                Optional.ofNullable(rs.getString("content_hash")),
                rs.getBoolean("deleted"),
                instant(rs, "deleted_at"),
                instant(rs, "erased_at"),
                Optional.ofNullable(rs.getString("last_action_id")),
                rs.getString("written_by"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }

    private static Array text(Connection c, String[] values) throws SQLException {
        return c.createArrayOf("text", values);
    }

    /** The destination id of a row the sink creates: derived from the key, so a retried insert is identical. */
    public static String externalIdFor(String key) {
        return "vr-" + ContentHash.stableId("external-id", key);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback after a failed batch failed too (SQLState {}); the connection is discarded", e.getSQLState());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            try {
                pool.close();
            } catch (Exception e) {
                LOG.warn("closing the destination pool failed: {}", e.getClass().getName());
            }
        }
    }

    private record GroupKey(Resource resource, ActionKind kind, boolean hardDelete) {
    }
}
