package io.vomorecon.sink.external;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Sorts a failed destination statement into transient (worth retrying) or permanent, by
 * SQLState class, and describes it without the driver's message (which can quote row values).
 */
final class SqlErrors {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("23505", "unique_violation"),
            Map.entry("23514", "check_violation"),
            Map.entry("23502", "not_null_violation"),
            Map.entry("23503", "foreign_key_violation"),
            Map.entry("22001", "string_data_right_truncation"),
            Map.entry("40001", "serialization_failure"),
            Map.entry("40P01", "deadlock_detected"),
            Map.entry("57014", "query_canceled"),
            Map.entry("57P01", "admin_shutdown"),
            Map.entry("57P02", "crash_shutdown"),
            Map.entry("57P03", "cannot_connect_now"),
            Map.entry("55P03", "lock_not_available"),
            Map.entry("53300", "too_many_connections"),
            Map.entry("42P01", "undefined_table"),
            Map.entry("42703", "undefined_column"));

    private SqlErrors() {
    }

    static ExternalWriteException translate(SQLException e, String table) {
        String state = e.getSQLState();
        boolean trans = isTransient(e);
        StringBuilder detail = new StringBuilder();
        detail.append(state == null ? e.getClass().getSimpleName() : NAMES.getOrDefault(state, "sqlstate class " + state.substring(0, Math.min(2, state.length()))));
        constraint(e).ifPresent(c -> detail.append(" (constraint ").append(c).append(')'));
        detail.append(" on ").append(table);
        return new ExternalWriteException(trans, e.getClass().getName(), Optional.ofNullable(state), detail.toString());
    }

    static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("08")           // connection exception
                    || state.equals("40001")         // serialization failure
                    || state.equals("40P01")         // deadlock
                    || state.startsWith("57")        // operator intervention: shutdown, cancel (statement timeout)
                    || state.startsWith("53")        // insufficient resources
                    || state.equals("55P03")         // lock not available
                    || state.startsWith("58");       // system error (I/O)
        }
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> constraint(SQLException e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m != null && m.getConstraint() != null) {
                return Optional.of(m.getConstraint());
            }
            if (m != null && m.getColumn() != null) {
                return Optional.of("column " + m.getColumn());
            }
        }
        return Optional.empty();
    }
}
