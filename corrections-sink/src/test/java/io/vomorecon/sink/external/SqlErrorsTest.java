package io.vomorecon.sink.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void connectionLossDeadlocksSerializationFailuresAndTimeoutsAreTransient() {
        assertThat(SqlErrors.isTransient(new SQLException("x", "08006"))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLException("x", "40P01"))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLException("x", "40001"))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLException("x", "57014"))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLException("x", "57P01"))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(SqlErrors.isTransient(new SQLException("io", null, new ConnectException("refused")))).isTrue();
    }

    @Test
    void constraintAndDataErrorsArePermanent() {
        assertThat(SqlErrors.isTransient(new SQLException("x", "23505"))).isFalse();
        assertThat(SqlErrors.isTransient(new SQLException("x", "23514"))).isFalse();
        assertThat(SqlErrors.isTransient(new SQLException("x", "22001"))).isFalse();
        assertThat(SqlErrors.isTransient(new SQLException("x", "42P01"))).isFalse();
        assertThat(SqlErrors.isTransient(new SQLException("no state"))).isFalse();
    }

    @Test
    void theTranslatedMessageNamesTheStateAndTableButNotTheDriverMessage() {
        ExternalWriteException e = SqlErrors.translate(
                new SQLException("Failing row contains (ada@example.org)", "23505"), "ext_users");
        assertThat(e.reason()).isEqualTo("permanent error SQLState 23505: unique_violation on ext_users");
        assertThat(e.errorClass()).isEqualTo(SQLException.class.getName());
    }
}
