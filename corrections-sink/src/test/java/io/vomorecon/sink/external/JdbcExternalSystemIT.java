package io.vomorecon.sink.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.FieldMapping;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.sink.Fixtures;
import io.vomorecon.sink.external.ApplyResult.Status;
import io.vomorecon.sink.plan.ActionPlanner;
import io.vomorecon.sink.plan.Plan;
import io.vomorecon.sink.plan.PolicyBook;
import io.vomorecon.sink.plan.WriteAction;
import io.vomorecon.sink.config.PolicySettings;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.testkit.TestNames;
import io.vomorecon.testkit.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarded statements against a real PostgreSQL (the shared embedded one): each action kind changes a
 * row exactly as documented, and re-application, older versions and revivals change nothing.
 * A trigger logs every row change, so "changed once" is counted, not inferred.
 */
@WithPostgres
class JdbcExternalSystemIT {

    private static EmbeddedPg pg;

    private DataSource ds;
    private JdbcExternalSystem ext;
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-02T08:00:00Z"), ZoneOffset.UTC);
    private final ActionPlanner planner = new ActionPlanner(new PolicyBook(PolicySettings.none(), Map.of()));

    @BeforeAll
    static void shared(EmbeddedPg postgres) {
        pg = postgres;
    }

    @BeforeEach
    void freshDatabase() throws Exception {
        ds = pg.createDatabase(TestNames.uniqueDatabase());
        ext = new JdbcExternalSystem(ds, clock);
        ext.createTables();
        exec("CREATE TABLE write_log (record_key text, action_id text, op text)");
        exec("CREATE FUNCTION log_write() RETURNS trigger AS $$ BEGIN "
                + "IF TG_OP = 'DELETE' THEN INSERT INTO write_log VALUES (OLD.record_key, OLD.last_action_id, TG_OP); RETURN OLD; END IF; "
                + "INSERT INTO write_log VALUES (NEW.record_key, NEW.last_action_id, TG_OP); RETURN NEW; END $$ LANGUAGE plpgsql");
        exec("CREATE TRIGGER ext_users_log AFTER INSERT OR UPDATE OR DELETE ON ext_users FOR EACH ROW EXECUTE FUNCTION log_write()");
    }

    private WriteAction reprocess(String id, String email, Instant version) {
        Plan p = planner.plan(Fixtures.gap("acme", id, FindingKind.MISSED_UPDATE, Fixtures.user(id, email, version), version));
        return ((Plan.Write) p).action();
    }

    private WriteAction delete(String id, boolean hard) {
        Plan p = new ActionPlanner(new PolicyBook(new PolicySettings(Optional.empty(), Optional.empty(), Optional.of(hard)), Map.of()))
                .plan(Fixtures.deletion("acme", id, FindingKind.DELETION, FindingStatus.OPEN, Optional.of(Verdict.DELETED)));
        return ((Plan.Write) p).action();
    }

    private WriteAction erase(String id) {
        Plan p = planner.plan(Fixtures.deletion("acme", id, FindingKind.DELETION, FindingStatus.OPEN, Optional.of(Verdict.ANONYMIZED)));
        return ((Plan.Write) p).action();
    }

    @Test
    void reprocessWritesTheMappedRecordAndTheSameActionThreeTimesChangesItOnce() throws Exception {
        WriteAction a = reprocess("8205", "  Ada@Example.ORG ", Fixtures.T0);

        ApplyResult first = ext.apply(a);
        ApplyResult second = ext.apply(a);
        ApplyResult third = ext.apply(a);

        assertThat(first.status()).isEqualTo(Status.APPLIED);
        assertThat(second.status()).isEqualTo(Status.ALREADY_APPLIED);
        assertThat(third.status()).isEqualTo(Status.ALREADY_APPLIED);
        assertThat(writes(a.key())).isEqualTo(1);
        Map<String, String> row = row(a.key());
        assertThat(row).containsEntry("email", "ada@example.org").containsEntry("phone", "+15555550100")
                .containsEntry("membership_status", "active").containsEntry("written_by", "vomo-recon")
                .containsEntry("last_action_id", a.actionId()).containsEntry("deleted", "f");
        assertThat(Instant.parse(row.get("vomo_updated_at_iso"))).isEqualTo(Fixtures.T0);
        assertThat(first.row()).hasValueSatisfying(r -> assertThat(r.columns()).containsEntry("email", "ada@example.org"));
        assertThat(third.row()).hasValueSatisfying(r -> assertThat(r.lastActionId()).contains(a.actionId()));
    }

    @Test
    void anOlderActionAfterANewerOneIsSupersededAndChangesNothing() throws Exception {
        WriteAction newer = reprocess("1", "new@example.org", Fixtures.T0.plusSeconds(3600));
        WriteAction older = reprocess("1", "old@example.org", Fixtures.T0);

        assertThat(ext.apply(newer).status()).isEqualTo(Status.APPLIED);
        ApplyResult late = ext.apply(older);

        assertThat(late.status()).isEqualTo(Status.SUPERSEDED);
        assertThat(late.note()).hasValueSatisfying(n -> assertThat(n).contains("newer"));
        assertThat(row(newer.key())).containsEntry("email", "new@example.org").containsEntry("last_action_id", newer.actionId());
        assertThat(writes(newer.key())).isEqualTo(1);
    }

    @Test
    void aPartnerRowWithANewerVersionIsNeverOverwritten() throws Exception {
        exec("INSERT INTO ext_users (record_key, customer, external_id, email, vomo_updated_at, written_by, written_at) "
                + "VALUES ('acme/users/7', 'acme', 'crm-7', 'partner@example.org', '2025-03-01T12:00:00Z', 'partner', now())");
        WriteAction stale = reprocess("7", "stale@example.org", Fixtures.T0);

        assertThat(ext.apply(stale).status()).isEqualTo(Status.SUPERSEDED);
        assertThat(row("acme/users/7")).containsEntry("email", "partner@example.org").containsEntry("written_by", "partner")
                .containsEntry("external_id", "crm-7");
    }

    @Test
    void aNewerVersionUpdatesThePartnerRowAndKeepsItsExternalId() throws Exception {
        exec("INSERT INTO ext_users (record_key, customer, external_id, email, vomo_updated_at, written_by, written_at) "
                + "VALUES ('acme/users/7', 'acme', 'crm-7', 'partner@example.org', '2025-03-01T09:00:00Z', 'partner', now())");
        WriteAction fix = reprocess("7", "fixed@example.org", Fixtures.T0);

        assertThat(ext.apply(fix).status()).isEqualTo(Status.APPLIED);
        assertThat(row("acme/users/7")).containsEntry("email", "fixed@example.org").containsEntry("external_id", "crm-7")
                .containsEntry("written_by", "vomo-recon");
    }

    @Test
    void softDeletionFlagsTheRowOnceAndHardDeletionRemovesIt() throws Exception {
        ext.apply(reprocess("1", "a@example.org", Fixtures.T0));
        ext.apply(reprocess("2", "b@example.org", Fixtures.T0));

        ApplyResult soft = ext.apply(delete("1", false));
        ApplyResult softAgain = ext.apply(delete("1", false));
        ApplyResult hard = ext.apply(delete("2", true));
        ApplyResult hardAgain = ext.apply(delete("2", true));
        ApplyResult noRow = ext.apply(delete("404", false));

        assertThat(soft.status()).isEqualTo(Status.APPLIED);
        assertThat(soft.row()).hasValueSatisfying(r -> assertThat(r.deleted()).isTrue());
        assertThat(softAgain.status()).isEqualTo(Status.ALREADY_APPLIED);
        assertThat(row("acme/users/1")).containsEntry("deleted", "t").containsEntry("email", "a@example.org");
        assertThat(row("acme/users/1").get("deleted_at")).isNotNull();
        assertThat(writes("acme/users/1")).isEqualTo(2);
        assertThat(hard.status()).isEqualTo(Status.APPLIED);
        assertThat(hard.row()).isEmpty();
        assertThat(hardAgain.status()).isEqualTo(Status.ALREADY_APPLIED);
        assertThat(rowExists("acme/users/2")).isFalse();
        assertThat(noRow.status()).isEqualTo(Status.ALREADY_APPLIED);
        assertThat(noRow.row()).isEmpty();
    }

    @Test
    void aSoftDeletedRowIsNotRevivedByTheSameVersionButIsByANewerOne() throws Exception {
        WriteAction v1 = reprocess("1", "a@example.org", Fixtures.T0);
        ext.apply(v1);
        ext.apply(delete("1", false));

        ApplyResult replay = ext.apply(v1);
        assertThat(replay.status()).isEqualTo(Status.SUPERSEDED);
        assertThat(row("acme/users/1")).containsEntry("deleted", "t");

        ApplyResult revived = ext.apply(reprocess("1", "a@example.org", Fixtures.T0.plusSeconds(1)));
        assertThat(revived.status()).isEqualTo(Status.APPLIED);
        assertThat(row("acme/users/1")).containsEntry("deleted", "f");
        assertThat(row("acme/users/1").get("deleted_at")).isNull();
    }

    @Test
    void erasureScrubsOnlyThePersonalColumnsAndKeepsTheRow() throws Exception {
        ext.apply(reprocess("1", "a@example.org", Fixtures.T0));

        ApplyResult erased = ext.apply(erase("1"));
        ApplyResult again = ext.apply(erase("1"));

        assertThat(erased.status()).isEqualTo(Status.APPLIED);
        assertThat(erased.row()).hasValueSatisfying(r -> {
            assertThat(r.erased()).isTrue();
            assertThat(r.columns()).containsOnlyKeys("membership_status", "membership_role");
        });
        assertThat(again.status()).isEqualTo(Status.ALREADY_APPLIED);
        Map<String, String> row = row("acme/users/1");
        assertThat(row).containsEntry("email", null).containsEntry("first_name", null).containsEntry("last_name", null)
                .containsEntry("phone", null).containsEntry("birthday", null).containsEntry("membership_status", "active")
                .containsEntry("deleted", "f");
        assertThat(row.get("erased_at")).isNotNull();
    }

    @Test
    void personalDataWrittenAgainAfterAnErasureIsErasedAgain() throws Exception {
        ext.apply(reprocess("1", "a@example.org", Fixtures.T0));
        ext.apply(erase("1"));
        exec("UPDATE ext_users SET email = 'back@example.org', written_by = 'partner' WHERE record_key = 'acme/users/1'");

        assertThat(ext.apply(erase("1")).status()).isEqualTo(Status.APPLIED);
        assertThat(row("acme/users/1")).containsEntry("email", null);
    }

    @Test
    void theSameStateAlreadyWrittenByThePartnerCountsAsAlreadyAppliedWithoutAWrite() throws Exception {
        WriteAction a = reprocess("5", "p@example.org", Fixtures.T0);
        ext.apply(a);
        exec("UPDATE ext_users SET last_action_id = NULL, written_by = 'partner' WHERE record_key = 'acme/users/5'");
        int before = writes(a.key());

        ApplyResult r = ext.apply(a);

        assertThat(r.status()).isEqualTo(Status.ALREADY_APPLIED);
        assertThat(r.note()).contains("destination already held this state");
        assertThat(writes(a.key())).isEqualTo(before);
    }

    @Test
    void versionlessResourcesTakeEveryNewAction() throws Exception {
        Map<String, String> f1 = Map.of("user_id", "8", "project_date_id", "77", "hours", "2");
        Map<String, String> f2 = Map.of("user_id", "8", "project_date_id", "77", "hours", "3");
        WriteAction a1 = new WriteAction("a1", ActionKind.RE_PROCESS, "acme/participations/77/8", "acme", Resource.PARTICIPATIONS,
                Optional.empty(), Optional.of("h1"), f1, false);
        WriteAction a2 = new WriteAction("a2", ActionKind.RE_PROCESS, "acme/participations/77/8", "acme", Resource.PARTICIPATIONS,
                Optional.empty(), Optional.of("h2"), f2, false);

        assertThat(ext.apply(a1).status()).isEqualTo(Status.APPLIED);
        assertThat(ext.apply(a2).status()).isEqualTo(Status.APPLIED);
        assertThat(ext.apply(a2).status()).isEqualTo(Status.ALREADY_APPLIED);
        assertThat(ext.read(Resource.PARTICIPATIONS, List.of("acme/participations/77/8")).get("acme/participations/77/8").columns())
                .containsEntry("hours", "3");
    }

    @Test
    void aBatchOfMixedActionsGivesTheSameResultsAsOneByOne() throws Exception {
        ext.apply(reprocess("2", "b@example.org", Fixtures.T0));
        ext.apply(reprocess("3", "c@example.org", Fixtures.T0.plusSeconds(60)));
        List<WriteAction> batch = new ArrayList<>();
        batch.add(reprocess("1", "a@example.org", Fixtures.T0));
        batch.add(delete("2", false));
        batch.add(reprocess("3", "older@example.org", Fixtures.T0));
        batch.add(erase("4"));
        for (int i = 10; i < 110; i++) {
            batch.add(reprocess(String.valueOf(i), "u" + i + "@example.org", Fixtures.T0));
        }

        List<ApplyResult> results = ext.applyAll(batch);

        assertThat(results).hasSize(batch.size());
        assertThat(results.get(0).status()).isEqualTo(Status.APPLIED);
        assertThat(results.get(1).status()).isEqualTo(Status.APPLIED);
        assertThat(results.get(2).status()).isEqualTo(Status.SUPERSEDED);
        assertThat(results.get(3).status()).isEqualTo(Status.ALREADY_APPLIED);
        assertThat(results.subList(4, results.size())).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.APPLIED));
        assertThat(count("SELECT count(*) FROM ext_users WHERE last_action_id IS NOT NULL")).isEqualTo(103);
        assertThat(ext.applyAll(batch).subList(4, batch.size())).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.ALREADY_APPLIED));
    }

    @Test
    void oneCallTouchingAKeyTwiceIsRejected() {
        WriteAction a = reprocess("1", "a@example.org", Fixtures.T0);
        assertThatThrownBy(() -> ext.applyAll(List.of(a, delete("1", false)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConstraintViolationIsPermanentNamesTheConstraintAndNeverQuotesTheRow() throws Exception {
        exec("ALTER TABLE ext_users ADD CONSTRAINT email_has_at CHECK (email LIKE '%@%')");
        WriteAction bad = reprocess("1", "secret-no-at-sign", Fixtures.T0);
        WriteAction good = reprocess("2", "ok@example.org", Fixtures.T0);

        assertThatThrownBy(() -> ext.applyAll(List.of(good, bad)))
                .isInstanceOfSatisfying(ExternalWriteException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.code()).contains("23514");
                    assertThat(e.reason()).contains("check_violation").contains("email_has_at").contains("ext_users")
                            .doesNotContain("secret");
                });
        assertThat(rowExists(good.key())).as("the failed batch wrote nothing").isFalse();
        assertThat(ext.apply(good).status()).isEqualTo(Status.APPLIED);
    }

    @Test
    void anUnreachableDestinationIsATransientFailure() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setPortNumbers(new int[] {closedPort});
        nowhere.setUser("postgres");
        JdbcExternalSystem broken = new JdbcExternalSystem(nowhere, clock);

        assertThatThrownBy(() -> broken.apply(reprocess("1", "a@example.org", Fixtures.T0)))
                .isInstanceOfSatisfying(ExternalWriteException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.code()).hasValueSatisfying(c -> assertThat(c).startsWith("08"));
                });
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private int writes(String key) throws SQLException {
        return count("SELECT count(*) FROM write_log WHERE record_key = '" + key + "'");
    }

    private int count(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private boolean rowExists(String key) throws SQLException {
        return count("SELECT count(*) FROM ext_users WHERE record_key = '" + key + "'") == 1;
    }

    private Map<String, String> row(String key) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT *, to_char(vomo_updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                     + "AS vomo_updated_at_iso FROM ext_users WHERE record_key = '" + key + "'")) {
            assertThat(rs.next()).as("row " + key + " exists").isTrue();
            Map<String, String> out = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.put(rs.getMetaData().getColumnName(i), rs.getString(i));
            }
            assertThat(FieldMapping.table(Resource.USERS)).isEqualTo("ext_users");
            return out;
        }
    }
}
