package io.vomorecon.sink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.schemas.values.Alert;
import io.vomorecon.schemas.values.CorrectionOutcome;
import io.vomorecon.schemas.values.CorrectionOutcome.Mode;
import io.vomorecon.schemas.values.CorrectionOutcome.Outcome;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.ExternalEvent;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.ReprocessRequest;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.sink.Fixtures;
import io.vomorecon.sink.SinkHarness;
import io.vomorecon.sink.TopicReader;
import io.vomorecon.sink.config.CustomerPolicy;
import io.vomorecon.sink.config.RetryConfig;
import io.vomorecon.sink.config.WritesConfig;
import io.vomorecon.testkit.WithKafka;
import io.vomorecon.testkit.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The sink end to end on the real broker and PostgreSQL: findings in, destination rows,
 * outcomes, state, requests, alerts and dead letters out.
 */
@WithKafka
@WithPostgres
class SinkIT {

    private static final String PARTNER_ROW = "INSERT INTO ext_users (record_key, customer, external_id, email, first_name, last_name, "
            + "phone, membership_status, vomo_updated_at, written_by, written_at) VALUES ('%s', '%s', 'crm-%s', 'p%s@example.org', "
            + "'Pat', 'Partner', '+15550000000', 'active', '2025-02-01T00:00:00Z', 'partner', now())";

    @Test
    void eachActionKindChangesTheDestinationExactlyAsDescribed(EmbeddedKafka kafka, EmbeddedPg pg) throws Exception {
        try (SinkHarness h = new SinkHarness(kafka, pg);
             TopicReader<CorrectionOutcome> outcomes = h.reader(Topics.RECON_CORRECTIONS);
             TopicReader<ExternalEvent> external = h.reader(Topics.EXTERNAL_STATE);
             TopicReader<PartnerState> partner = h.reader(Topics.PARTNER_STATE);
             TopicReader<ReprocessRequest> requests = h.reader(Topics.RECON_REPROCESS);
             TopicReader<Alert> alerts = h.reader(Topics.RECON_ALERTS)) {
            for (String[] row : List.of(new String[] {"acme", "2"}, new String[] {"acme", "3"}, new String[] {"globex", "4"},
                    new String[] {"acme", "5"}, new String[] {"acme", "6"}, new String[] {"initech", "7"})) {
                h.exec(String.format(PARTNER_ROW, row[0] + "/users/" + row[1], row[0], row[1], row[1]));
            }
            Map<String, String> driftBefore = h.user("acme/users/5").orElseThrow();
            Map<String, String> scopeBefore = h.user("acme/users/6").orElseThrow();
            Map<String, String> delegateBefore = h.user("initech/users/7").orElseThrow();
            h.start(h.config(WritesConfig.defaults(), RetryConfig.defaults(), Map.of(
                    "globex", new CustomerPolicy(Optional.empty(), Optional.empty(), Optional.of(true), Map.of()),
                    "initech", new CustomerPolicy(Optional.of(Mode.DELEGATE), Optional.empty(), Optional.empty(), Map.of()))));

            h.publish(Fixtures.gap("acme", "1", FindingKind.MISSED_CREATE, Fixtures.user("1", "new@example.org", Fixtures.T0), Fixtures.T0));
            h.publish(Fixtures.deletion("acme", "2", FindingKind.DELETION, FindingStatus.OPEN, Optional.of(Verdict.DELETED)));
            h.publish(Fixtures.deletion("acme", "3", FindingKind.DELETION, FindingStatus.OPEN, Optional.of(Verdict.ANONYMIZED)));
            h.publish(Fixtures.deletion("globex", "4", FindingKind.ORPHAN_EXTERNAL, FindingStatus.OPEN, Optional.of(Verdict.DELETED)));
            h.publish(Fixtures.drift("acme", "5", Fixtures.user("5", "p5@example.org", Fixtures.T0), Fixtures.T0));
            h.publish(Fixtures.deletion("acme", "6", FindingKind.DELETION, FindingStatus.OPEN, Optional.of(Verdict.SCOPE_CHANGE)));
            h.publish(Fixtures.gap("initech", "7", FindingKind.MISSED_UPDATE, Fixtures.user("7", "i@example.org", Fixtures.T0), Fixtures.T0));
            h.publish(Fixtures.deletion("acme", "8", FindingKind.DELETION, FindingStatus.CANDIDATE, Optional.empty()));
            h.flush();

            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.values().size() >= 7);
            Map<String, CorrectionOutcome> byKey = outcomes.byKey();
            assertThat(byKey).hasSize(7).doesNotContainKey("acme/users/8");
            assertThat(byKey.get("acme/users/1")).extracting(CorrectionOutcome::action, CorrectionOutcome::outcome)
                    .containsExactly(ActionKind.RE_PROCESS, Outcome.APPLIED);
            assertThat(byKey.get("acme/users/2")).extracting(CorrectionOutcome::action, CorrectionOutcome::outcome)
                    .containsExactly(ActionKind.PROPAGATE_DELETION, Outcome.APPLIED);
            assertThat(byKey.get("acme/users/3")).extracting(CorrectionOutcome::action, CorrectionOutcome::outcome)
                    .containsExactly(ActionKind.ERASE_PERSONAL_DATA, Outcome.APPLIED);
            assertThat(byKey.get("globex/users/4")).extracting(CorrectionOutcome::action, CorrectionOutcome::outcome)
                    .containsExactly(ActionKind.PROPAGATE_DELETION, Outcome.APPLIED);
            assertThat(byKey.get("acme/users/5")).extracting(CorrectionOutcome::action, CorrectionOutcome::outcome)
                    .containsExactly(ActionKind.ALERT_ONLY, Outcome.SKIPPED);
            assertThat(byKey.get("acme/users/6")).satisfies(o -> {
                assertThat(o.outcome()).isEqualTo(Outcome.SKIPPED);
                assertThat(o.reason()).hasValueSatisfying(r -> assertThat(r).contains("scope change"));
            });
            assertThat(byKey.get("initech/users/7")).extracting(CorrectionOutcome::action, CorrectionOutcome::outcome, CorrectionOutcome::mode)
                    .containsExactly(ActionKind.REPROCESS_REQUEST, Outcome.DELEGATED, Mode.DELEGATE);

            // RE_PROCESS: a new row with the mapped, normalised record
            assertThat(h.user("acme/users/1")).hasValueSatisfying(r -> assertThat(r)
                    .containsEntry("email", "new@example.org").containsEntry("membership_status", "active")
                    .containsEntry("written_by", "vomo-recon").containsEntry("deleted", "f"));
            // soft deletion: flagged with a time, data kept
            assertThat(h.user("acme/users/2")).hasValueSatisfying(r -> {
                assertThat(r).containsEntry("deleted", "t").containsEntry("email", "p2@example.org");
                assertThat(r.get("deleted_at")).isNotNull();
            });
            // erasure: personal columns scrubbed, the row and its non-personal columns kept
            assertThat(h.user("acme/users/3")).hasValueSatisfying(r -> {
                assertThat(r).containsEntry("email", null).containsEntry("first_name", null).containsEntry("last_name", null)
                        .containsEntry("phone", null).containsEntry("membership_status", "active").containsEntry("deleted", "f");
                assertThat(r.get("erased_at")).isNotNull();
            });
            // hard deletion where configured
            assertThat(h.user("globex/users/4")).isEmpty();
            // alert-only, skip and delegate leave the destination alone
            assertThat(h.user("acme/users/5")).contains(driftBefore);
            assertThat(h.user("acme/users/6")).contains(scopeBefore);
            assertThat(h.user("initech/users/7")).contains(delegateBefore);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, ExternalEvent> rows = external.byKey();
                assertThat(rows).containsOnlyKeys("acme/users/1", "acme/users/2", "acme/users/3", "globex/users/4");
                assertThat(rows.values()).allSatisfy(e -> assertThat(((ExternalRow) e).source()).isEqualTo(ExternalRow.ExternalSource.SINK));
                assertThat((ExternalRow) rows.get("acme/users/2")).extracting(ExternalRow::deleted).isEqualTo(true);
                assertThat((ExternalRow) rows.get("acme/users/3")).satisfies(e -> {
                    assertThat(e.erased()).isTrue();
                    assertThat(e.fields()).doesNotContainKeys("email", "first_name", "last_name", "phone", "birthday");
                });
                assertThat((ExternalRow) rows.get("globex/users/4")).extracting(ExternalRow::present).isEqualTo(false);
                Map<String, PartnerState> ledger = partner.byKey();
                assertThat(ledger).containsOnlyKeys("acme/users/1", "acme/users/2", "acme/users/3", "globex/users/4");
                assertThat(ledger.get("acme/users/1").processedVersion()).contains(Fixtures.T0);
                assertThat(ledger.get("acme/users/2").deleted()).isTrue();
                assertThat(requests.values()).singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("initech/users/7");
                    assertThat(r.targetVersion()).isEqualTo(Fixtures.T0);
                });
                assertThat(alerts.values()).extracting(Alert::alertKind).containsExactly(Alert.AlertKind.UNEXPLAINED_DRIFT);
            });
        }
    }

    @Test
    void theSameFindingThreeTimesChangesTheRowOnceAndAnOlderOneAfterwardsChangesNothing(EmbeddedKafka kafka, EmbeddedPg pg) throws Exception {
        try (SinkHarness h = new SinkHarness(kafka, pg);
             TopicReader<CorrectionOutcome> outcomes = h.reader(Topics.RECON_CORRECTIONS)) {
            h.start(h.config(WritesConfig.defaults(), RetryConfig.defaults(), Map.of()));
            var newer = Fixtures.gap("acme", "1", FindingKind.MISSED_UPDATE, Fixtures.user("1", "v2@example.org", Fixtures.T0.plusSeconds(60)),
                    Fixtures.T0.plusSeconds(60));
            var older = Fixtures.gap("acme", "1", FindingKind.MISSED_UPDATE, Fixtures.user("1", "v1@example.org", Fixtures.T0), Fixtures.T0);

            for (int i = 0; i < 3; i++) {
                h.publish(newer);
                h.flush();
                int expected = i + 1;
                // one at a time, so each delivery is its own batch, as a redelivery would be
                await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.values().size() >= expected);
            }
            h.publish(older);
            h.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.values().size() >= 4);

            assertThat(outcomes.values()).extracting(CorrectionOutcome::outcome)
                    .containsExactly(Outcome.APPLIED, Outcome.ALREADY_APPLIED, Outcome.ALREADY_APPLIED, Outcome.SUPERSEDED);
            assertThat(h.count("SELECT count(*) FROM write_log WHERE record_key = 'acme/users/1'")).isEqualTo(1);
            assertThat(h.user("acme/users/1")).hasValueSatisfying(r -> assertThat(r).containsEntry("email", "v2@example.org"));
        }
    }

    @Test
    void aCorrectionThatCanNeverSucceedIsDeadLetteredWithItsReasonAndTheRestGoOn(EmbeddedKafka kafka, EmbeddedPg pg) throws Exception {
        try (SinkHarness h = new SinkHarness(kafka, pg);
             TopicReader<CorrectionOutcome> outcomes = h.reader(Topics.RECON_CORRECTIONS);
             TopicReader<DeadLetter> dlq = h.reader(Topics.RECON_DLQ)) {
            h.exec("ALTER TABLE ext_users ADD CONSTRAINT email_has_at CHECK (email LIKE '%@%')");
            for (int i = 1; i <= 20; i++) {
                String email = i == 7 ? "no-at-sign-here" : "u" + i + "@example.org";
                h.publish(Fixtures.gap("acme", String.valueOf(i), FindingKind.MISSED_CREATE, Fixtures.user(String.valueOf(i), email, Fixtures.T0),
                        Fixtures.T0));
            }
            h.publishRaw(Topics.RECON_GAPS, "acme/users/99", "{not json".getBytes(StandardCharsets.UTF_8));
            h.publish(Fixtures.gap("acme", "21", FindingKind.MISSED_CREATE, Fixtures.user("21", "u21@example.org", Fixtures.T0), Fixtures.T0));
            h.flush();
            h.start(h.config(WritesConfig.defaults(), RetryConfig.defaults(), Map.of()));

            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.values().size() >= 21 && dlq.values().size() >= 2);

            Map<Outcome, Long> tally = outcomes.values().stream().collect(Collectors.groupingBy(CorrectionOutcome::outcome, Collectors.counting()));
            assertThat(tally).containsOnly(Map.entry(Outcome.APPLIED, 20L), Map.entry(Outcome.FAILED, 1L));
            assertThat(outcomes.byKey().get("acme/users/7")).satisfies(o -> {
                assertThat(o.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(o.attempts()).isEqualTo(1);
            });
            List<DeadLetter> letters = dlq.values();
            assertThat(letters).hasSize(2);
            DeadLetter constraint = letters.stream().filter(d -> d.key().equals(Optional.of("acme/users/7"))).findFirst().orElseThrow();
            assertThat(constraint.reason()).contains("SQLState 23514").contains("email_has_at").doesNotContain("no-at-sign-here");
            assertThat(constraint.context()).containsEntry("action", "RE_PROCESS").containsEntry("sqlState", "23514")
                    .containsKeys("findingId", "actionId");
            assertThat(constraint.payload()).hasValueSatisfying(p -> assertThat(p).contains("acme/users/7"));
            DeadLetter junk = letters.stream().filter(d -> d.key().equals(Optional.of("acme/users/99"))).findFirst().orElseThrow();
            assertThat(junk.reason()).contains("not JSON");
            assertThat(junk.sourceTopic()).isEqualTo(Topics.RECON_GAPS.in(h.prefix).name());
            assertThat(h.count("SELECT count(*) FROM ext_users")).isEqualTo(20);
        }
    }
}
