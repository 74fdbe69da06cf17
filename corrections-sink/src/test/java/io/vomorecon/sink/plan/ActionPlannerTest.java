package io.vomorecon.sink.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.schemas.values.CorrectionOutcome.Mode;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.sink.Fixtures;
import io.vomorecon.sink.config.CustomerPolicy;
import io.vomorecon.sink.config.PolicySettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActionPlannerTest {

    private final ActionPlanner defaults = new ActionPlanner(new PolicyBook(PolicySettings.none(), Map.of()));

    @ParameterizedTest
    @EnumSource(value = FindingKind.class, names = {"MISSED_CREATE", "MISSED_UPDATE", "SILENT_CHANGE", "PUSH_FAILURE"})
    void everyGapIsReProcessedWithTheMappedRecord(FindingKind kind) {
        ObjectNode record = Fixtures.user("8205", " Ada@Example.org", Fixtures.T0);
        Plan p = defaults.plan(Fixtures.gap("acme", "8205", kind, record, Fixtures.T0));

        assertThat(p).isInstanceOfSatisfying(Plan.Write.class, w -> {
            assertThat(w.action().kind()).isEqualTo(ActionKind.RE_PROCESS);
            assertThat(w.action().fields()).containsEntry("email", "ada@example.org").containsEntry("phone", "+15555550100");
            assertThat(w.action().targetVersion()).contains(Fixtures.T0);
            assertThat(w.action().contentHash()).contains(ContentHash.of(record));
        });
    }

    @Test
    void driftOnlyAlertsUnlessAutoFixIsOnForThatCustomerAndResource() {
        Finding drift = Fixtures.drift("acme", "1", Fixtures.user("1", "a@example.org", Fixtures.T0), Fixtures.T0);
        ActionPlanner autoFixUsers = new ActionPlanner(new PolicyBook(PolicySettings.none(), Map.of("acme",
                new CustomerPolicy(Optional.empty(), Optional.empty(), Optional.empty(),
                        Map.of("users", new PolicySettings(Optional.empty(), Optional.of(true), Optional.empty()))))));

        assertThat(defaults.plan(drift)).isInstanceOfSatisfying(Plan.Skip.class, s -> {
            assertThat(s.action()).isEqualTo(ActionKind.ALERT_ONLY);
            assertThat(s.reason()).contains("[email, phone]").contains("auto-fix-drift is off");
        });
        assertThat(autoFixUsers.plan(drift)).isInstanceOfSatisfying(Plan.Write.class,
                w -> assertThat(w.action().kind()).isEqualTo(ActionKind.RE_PROCESS));
    }

    @Test
    void verifiedDeletionsPropagateSoftByDefaultAndHardWhereConfigured() {
        Finding deleted = Fixtures.deletion("acme", "1", FindingKind.DELETION, FindingStatus.OPEN, Optional.of(Verdict.DELETED));
        Finding orphan = Fixtures.deletion("acme", "2", FindingKind.ORPHAN_EXTERNAL, FindingStatus.OPEN, Optional.of(Verdict.DELETED));
        ActionPlanner hard = new ActionPlanner(new PolicyBook(new PolicySettings(Optional.empty(), Optional.empty(), Optional.of(true)), Map.of()));

        assertThat(defaults.plan(deleted)).isInstanceOfSatisfying(Plan.Write.class, w -> {
            assertThat(w.action().kind()).isEqualTo(ActionKind.PROPAGATE_DELETION);
            assertThat(w.action().hardDelete()).isFalse();
        });
        assertThat(defaults.plan(orphan)).isInstanceOfSatisfying(Plan.Write.class,
                w -> assertThat(w.action().kind()).isEqualTo(ActionKind.PROPAGATE_DELETION));
        assertThat(hard.plan(deleted)).isInstanceOfSatisfying(Plan.Write.class, w -> assertThat(w.action().hardDelete()).isTrue());
    }

    @Test
    void anonymizedUsersGetTheirPersonalDataErased() {
        Finding anon = Fixtures.deletion("acme", "1", FindingKind.DELETION, FindingStatus.OPEN, Optional.of(Verdict.ANONYMIZED));
        assertThat(defaults.plan(anon)).isInstanceOfSatisfying(Plan.Write.class,
                w -> assertThat(w.action().kind()).isEqualTo(ActionKind.ERASE_PERSONAL_DATA));
    }

    @ParameterizedTest
    @EnumSource(value = Verdict.class, names = {"SCOPE_CHANGE", "PERMISSION_NARROWED", "SOFT_DELETED", "FILTER_MISMATCH"})
    void nonActionableVerdictsAreSkippedWithTheirReasonForDeletionsAndOrphans(Verdict verdict) {
        for (FindingKind kind : List.of(FindingKind.DELETION, FindingKind.ORPHAN_EXTERNAL)) {
            Plan p = defaults.plan(Fixtures.deletion("acme", "1", kind, FindingStatus.OPEN, Optional.of(verdict)));
            assertThat(p).isInstanceOfSatisfying(Plan.Skip.class, s -> {
                assertThat(s.action()).isEqualTo(ActionKind.SKIP);
                assertThat(s.reason()).isNotBlank();
            });
        }
    }

    @Test
    void anOpenOrphanWithoutAVerdictIsNeverDeleted() {
        Plan p = defaults.plan(Fixtures.deletion("acme", "1", FindingKind.ORPHAN_EXTERNAL, FindingStatus.OPEN, Optional.empty()));
        assertThat(p).isInstanceOfSatisfying(Plan.Skip.class, s -> assertThat(s.reason()).contains("without a verification verdict"));
    }

    @Test
    void candidatesAreIgnoredAndResolvedFindingsCancel() {
        Finding candidate = Fixtures.deletion("acme", "1", FindingKind.DELETION, FindingStatus.CANDIDATE, Optional.empty());
        Finding gap = Fixtures.gap("acme", "1", FindingKind.MISSED_CREATE, Fixtures.user("1", "a@b.c", Fixtures.T0), Fixtures.T0);
        assertThat(defaults.plan(candidate)).isInstanceOf(Plan.Ignore.class);
        assertThat(defaults.plan(Fixtures.resolved(gap))).isInstanceOf(Plan.Cancel.class);
    }

    @Test
    void delegateModeTurnsEveryWriteIntoAReprocessRequest() {
        ActionPlanner delegate = new ActionPlanner(new PolicyBook(PolicySettings.none(), Map.of("acme",
                new CustomerPolicy(Optional.of(Mode.DELEGATE), Optional.empty(), Optional.empty(), Map.of()))));
        Finding gap = Fixtures.gap("acme", "1", FindingKind.MISSED_UPDATE, Fixtures.user("1", "a@b.c", Fixtures.T0), Fixtures.T0);
        Finding deleted = Fixtures.deletion("acme", "2", FindingKind.DELETION, FindingStatus.OPEN, Optional.of(Verdict.DELETED));
        Finding otherCustomer = Fixtures.gap("globex", "1", FindingKind.MISSED_UPDATE, Fixtures.user("1", "a@b.c", Fixtures.T0), Fixtures.T0);

        assertThat(delegate.plan(gap)).isInstanceOfSatisfying(Plan.Delegate.class,
                d -> assertThat(d.delegated()).isEqualTo(ActionKind.RE_PROCESS));
        assertThat(delegate.plan(deleted)).isInstanceOfSatisfying(Plan.Delegate.class,
                d -> assertThat(d.delegated()).isEqualTo(ActionKind.PROPAGATE_DELETION));
        assertThat(delegate.plan(otherCustomer)).isInstanceOf(Plan.Write.class);
        assertThat(((Plan.Delegate) delegate.plan(gap)).requestId()).isEqualTo(((Plan.Delegate) delegate.plan(gap)).requestId());
    }

    @Test
    void aGapWithoutTheVomoRecordOrWithAnUnmappableValueIsInvalidWithoutQuotingTheValue() {
        Finding noRecord = Fixtures.deletion("acme", "1", FindingKind.DELETION, FindingStatus.OPEN, Optional.empty());
        Finding gapWithout = new Finding(1, "f", FindingKind.MISSED_CREATE, FindingStatus.OPEN, Optional.empty(), "acme", "users",
                "acme/users/1", "r", noRecord.runKind(), Fixtures.T0, Optional.of(Fixtures.T0), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), Map.of(), Optional.empty());
        ObjectNode bad = Fixtures.user("1", "a@b.c", Fixtures.T0);
        bad.putObject("membership_status").put("secret", "x");
        bad.put("birthday", 12);
        ObjectNode participation = bad.objectNode().put("hours", "lots-secret");
        Finding unmappable = new Finding(1, "f", FindingKind.MISSED_CREATE, FindingStatus.OPEN, Optional.empty(), "acme",
                "participations", "acme/participations/7/1", "r", noRecord.runKind(), Fixtures.T0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(participation), List.of(), Map.of(), Optional.empty());

        assertThat(defaults.plan(gapWithout)).isInstanceOfSatisfying(Plan.Invalid.class,
                i -> assertThat(i.reason()).contains("carries no vomoRecord"));
        assertThat(defaults.plan(unmappable)).isInstanceOfSatisfying(Plan.Invalid.class,
                i -> assertThat(i.reason()).contains("'hours'").doesNotContain("lots-secret"));
    }

    @Test
    void anUnknownResourceIsInvalid() {
        Finding f = new Finding(1, "f", FindingKind.MISSED_CREATE, FindingStatus.OPEN, Optional.empty(), "acme", "invoices",
                "acme/invoices/1", "r", io.vomorecon.schemas.values.RunKind.FULL, Fixtures.T0, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Map.of(), Optional.empty());
        assertThat(defaults.plan(f)).isInstanceOfSatisfying(Plan.Invalid.class, i -> assertThat(i.reason()).contains("invoices"));
    }
}
