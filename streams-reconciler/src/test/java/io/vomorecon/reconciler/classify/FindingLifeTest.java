package io.vomorecon.reconciler.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.reconciler.bench.SyntheticRecords;
import io.vomorecon.reconciler.state.KeyFindings;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.Snapshot;
import io.vomorecon.schemas.values.Verdict;
import io.vomorecon.schemas.values.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingLifeTest {

    static final Instant T0 = ClassifierTest.T0;
    static final Instant NOW = ClassifierTest.NOW;
    static final String KEY = ClassifierTest.KEY;
    final RunRef run1 = new RunRef("r1", RunKind.FULL, NOW);
    final RunRef run2 = new RunRef("r2", RunKind.FULL, NOW.plus(Duration.ofDays(1)));
    final Snapshot v = SyntheticRecords.snapshot("r1", KEY, 0, T0, NOW);

    KeyFindings apply(KeyFindings k, List<Finding> emissions) {
        for (Finding f : emissions) {
            k = k.with(f);
        }
        return k;
    }

    @Test
    void sameGapFoundAgainIsNotEmittedAgainButChangedEvidenceIs() {
        KeyState s = ClassifierTest.state(v, true, null, null);
        List<Finding> first = FindingLife.afterRun(s, Classifier.classify(s, ClassifierTest.COMPLETE), KeyFindings.none(), run1);
        assertThat(first).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.MISSED_CREATE);
            assertThat(f.status()).isEqualTo(FindingStatus.OPEN);
            assertThat(f.findingId()).isEqualTo(FindingLife.findingId(KEY, FindingKind.MISSED_CREATE));
            assertThat(f.vomoRecord()).isPresent();
        });
        KeyFindings k = apply(KeyFindings.none(), first);
        assertThat(FindingLife.afterRun(s, Classifier.classify(s, ClassifierTest.COMPLETE), k, run2)).isEmpty();

        Snapshot newer = SyntheticRecords.snapshot("r2", KEY, 1, T0.plusSeconds(60), NOW);
        KeyState s2 = ClassifierTest.state(newer, true, null, null);
        List<Finding> again = FindingLife.afterRun(s2, Classifier.classify(s2, ClassifierTest.COMPLETE), k, run2);
        assertThat(again).singleElement().satisfies(f -> {
            assertThat(f.findingId()).isEqualTo(first.get(0).findingId());
            assertThat(f.vomoVersion()).contains(T0.plusSeconds(60));
        });
    }

    @Test
    void openGapIsResolvedWhenThePartnerAndDestinationCatchUp() {
        KeyState s = ClassifierTest.state(v, true, null, null);
        KeyFindings k = apply(KeyFindings.none(), FindingLife.afterRun(s, Classifier.classify(s, ClassifierTest.COMPLETE),
                KeyFindings.none(), run1));
        PartnerState p = SyntheticRecords.partnerFor(v, NOW);
        KeyState partnerOnly = ClassifierTest.state(v, false, p, null);
        assertThat(FindingLife.reevaluate(partnerOnly, k, NOW, "partner-state")).as("E still missing").isEmpty();
        ExternalRow e = SyntheticRecords.externalFor(v, Optional.empty(), NOW);
        List<Finding> r = FindingLife.reevaluate(ClassifierTest.state(v, false, p, e), k, NOW, "external-state");
        assertThat(r).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(FindingStatus.RESOLVED);
            assertThat(f.resolvedAt()).contains(NOW);
        });
        assertThat(apply(k, r).isEmpty()).isTrue();
    }

    @Test
    void candidateBecomesOpenWithVerdictOnceAndResolvesWhenPropagated() {
        PartnerState p = SyntheticRecords.partnerFor(v, T0);
        ExternalRow e = SyntheticRecords.externalFor(v, Optional.empty(), T0);
        KeyState gone = ClassifierTest.state(v, false, p, e);
        List<Finding> cand = FindingLife.afterRun(gone, Classifier.classify(gone, ClassifierTest.COMPLETE), KeyFindings.none(), run1);
        assertThat(cand).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.CANDIDATE));
        KeyFindings k = apply(KeyFindings.none(), cand);
        assertThat(FindingLife.afterRun(gone, Classifier.classify(gone, ClassifierTest.COMPLETE), k, run2))
                .as("a candidate is not re-emitted by the next run").isEmpty();

        Verification ver = new Verification(1, "acme", "users", KEY, cand.get(0).findingId(), "r1", Verdict.DELETED, 404,
                "GET /users/8205 answered 404", NOW);
        Finding open = FindingLife.verify(k, ver).orElseThrow();
        assertThat(open.status()).isEqualTo(FindingStatus.OPEN);
        assertThat(open.verdict()).contains(Verdict.DELETED);
        assertThat(open.actionable()).isTrue();
        k = k.with(open);
        assertThat(FindingLife.verify(k, ver)).as("a second verdict changes nothing").isEmpty();

        PartnerState pDeleted = new PartnerState(1, p.customer(), p.resource(), p.key(), p.processedVersion(), p.processedHash(),
                true, p.pushedFields(), p.externalId(), NOW, true, PartnerState.PartnerSource.SINK);
        assertThat(FindingLife.reevaluate(ClassifierTest.state(v, false, pDeleted, e), k, NOW, "partner")).isEmpty();
        ExternalRow eDeleted = new ExternalRow(1, Optional.empty(), e.customer(), e.resource(), e.key(),
                ExternalRow.ExternalSource.SINK, true, e.fields(), e.vomoVersion(), true, false, e.externalId(), NOW);
        assertThat(FindingLife.reevaluate(ClassifierTest.state(v, false, pDeleted, eDeleted), k, NOW, "external"))
                .singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(FindingStatus.RESOLVED));
    }

    @Test
    void keySeenAgainResolvesItsDeletionCandidate() {
        PartnerState p = SyntheticRecords.partnerFor(v, T0);
        ExternalRow e = SyntheticRecords.externalFor(v, Optional.empty(), T0);
        KeyState gone = ClassifierTest.state(v, false, p, e);
        KeyFindings k = apply(KeyFindings.none(),
                FindingLife.afterRun(gone, Classifier.classify(gone, ClassifierTest.COMPLETE), KeyFindings.none(), run1));
        KeyState back = ClassifierTest.state(v, true, p, e);
        assertThat(FindingLife.afterRun(back, Classifier.classify(back, ClassifierTest.COMPLETE), k, run2))
                .singleElement().satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKind.DELETION);
                    assertThat(f.status()).isEqualTo(FindingStatus.RESOLVED);
                });
    }

    @Test
    void anonymizedDeletionResolvesWhenTheRowIsErased() {
        PartnerState p = SyntheticRecords.partnerFor(v, T0);
        ExternalRow e = SyntheticRecords.externalFor(v, Optional.empty(), T0);
        KeyState gone = ClassifierTest.state(v, false, p, e);
        KeyFindings k = apply(KeyFindings.none(),
                FindingLife.afterRun(gone, Classifier.classify(gone, ClassifierTest.COMPLETE), KeyFindings.none(), run1));
        Finding cand = k.get(FindingKind.DELETION).orElseThrow();
        k = k.with(FindingLife.verify(k, new Verification(1, "acme", "users", KEY, cand.findingId(), "r1", Verdict.ANONYMIZED,
                200, "scrubbed identity", NOW)).orElseThrow());
        assertThat(FindingLife.reevaluate(gone, k, NOW, "x")).isEmpty();
        ExternalRow erased = new ExternalRow(1, Optional.empty(), e.customer(), e.resource(), e.key(),
                ExternalRow.ExternalSource.SINK, true, java.util.Map.of(), e.vomoVersion(), false, true, e.externalId(), NOW);
        assertThat(FindingLife.reevaluate(ClassifierTest.state(v, false, p, erased), k, NOW, "x")).hasSize(1);
    }
}
