package io.vomorecon.reconciler.anomaly;

import io.vomorecon.reconciler.config.AnomalyThresholds;
import io.vomorecon.schemas.values.Diagnosis;
import io.vomorecon.schemas.values.DiagnosisCode;
import io.vomorecon.schemas.values.RunKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seen-table of "a run that found too much", as a pure function of a run's totals and the
 * other customers' recent gap rates. Returns every rule that fired, most specific cause first;
 * the first is the run's diagnosis. It never decides what happens to the findings.
 */
public final class AnomalyRules {

    private AnomalyRules() {
    }

    /** The figures the rules look at. */
    public record Totals(RunKind kind, long keysSeen, long gaps, long deletions, long driftFindings,
                         Map<String, Long> driftFields, boolean deletionsDerived) {
        public double gapRate() {
            return keysSeen == 0 ? 0 : (double) gaps / keysSeen;
        }
    }

    public static List<Diagnosis> diagnose(Totals t, AnomalyThresholds th, Collection<Double> peerGapRates) {
        List<Diagnosis> out = new ArrayList<>();
        if (t.kind() == RunKind.INCREMENTAL && t.keysSeen() >= th.minKeys() && t.gapRate() >= th.pollingBrokenGapRate()) {
            out.add(new Diagnosis(DiagnosisCode.POLLING_BROKEN, Optional.empty(), String.format(
                    "%d of %d records read (%.1f %%) were gaps, at or above %.1f %%: checkpoint stuck, workers stalled or cadence too long",
                    t.gaps(), t.keysSeen(), 100 * t.gapRate(), 100 * th.pollingBrokenGapRate())));
        }
        if (t.deletionsDerived() && t.deletions() > th.massDeletionThreshold()) {
            out.add(new Diagnosis(DiagnosisCode.MASS_DELETION_OR_MISSED_CREATES, Optional.empty(), String.format(
                    "%d deletion candidates, above the threshold of %d: a real mass deletion, or records the partner created that VOMO never listed",
                    t.deletions(), th.massDeletionThreshold())));
        }
        if (t.driftFindings() >= th.mappingRegressionMinFindings()) {
            t.driftFields().entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(top -> {
                double share = (double) top.getValue() / t.driftFindings();
                if (share >= th.mappingRegressionShare()) {
                    out.add(new Diagnosis(DiagnosisCode.MAPPING_REGRESSION, Optional.of(top.getKey()), String.format(
                            "%d of %d drift findings (%.0f %%) are on field '%s': the mapping of that field regressed",
                            top.getValue(), t.driftFindings(), 100 * share, top.getKey())));
                }
            });
        }
        if (peerGapRates.size() >= th.customerSpecificMinPeers() && t.keysSeen() >= th.minKeys()
                && t.gapRate() >= th.customerSpecificMinGapRate()) {
            double median = median(peerGapRates);
            double bar = th.customerSpecificFactor() * Math.max(median, 0.001);
            if (t.gapRate() >= bar) {
                out.add(new Diagnosis(DiagnosisCode.CUSTOMER_SPECIFIC, Optional.empty(), String.format(
                        "gap rate %.1f %% is %.0fx the median %.2f %% of %d other customers: look at this customer's token, rate limit or organisation data",
                        100 * t.gapRate(), t.gapRate() / Math.max(median, 0.001), 100 * median, peerGapRates.size())));
            }
        }
        return out;
    }

    static double median(Collection<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
