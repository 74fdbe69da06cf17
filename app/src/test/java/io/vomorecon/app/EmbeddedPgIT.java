package io.vomorecon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.schemas.mapping.DestinationTables;
import io.vomorecon.testkit.TestNames;
import io.vomorecon.testkit.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@WithPostgres
class EmbeddedPgIT {

    @Test
    void destinationTablesSurviveAnOutageAndThePoolReconnects(EmbeddedPg pg) throws Exception {
        DataSource ds = pg.createDatabase(TestNames.uniqueDatabase());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String ddl : DestinationTables.createAll()) {
                s.execute(ddl);
            }
            s.execute("INSERT INTO ext_users (record_key, customer, external_id, email, written_by, written_at)"
                    + " VALUES ('acme/users/1', 'acme', 'crm-1', 'ada@example.org', 'partner', now())");
        }
        pg.stop();
        assertThat(pg.running()).isFalse();
        pg.restart();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(SQLException.class)
                .until(() -> countUsers(ds) == 1);
    }

    private static int countUsers(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM ext_users")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
