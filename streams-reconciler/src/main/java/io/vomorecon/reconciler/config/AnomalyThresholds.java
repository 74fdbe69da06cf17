package io.vomorecon.reconciler.config;

import io.vomorecon.platform.config.ConfigException;

/**
 * When a run finds too much (ARCHITECTURE.md section 4). Every field is optional so a customer
 * entry overrides only what it names; {@link #over} fills the rest from the defaults.
 */
public record AnomalyThresholds(
        Double pollingBrokenGapRate,
        Long massDeletionThreshold,
        Long mappingRegressionMinFindings,
        Double mappingRegressionShare,
        Double customerSpecificFactor,
        Double customerSpecificMinGapRate,
        Integer customerSpecificMinPeers,
        Long minKeys) {

    public static AnomalyThresholds standard() {
        return new AnomalyThresholds(0.5, 100L, 20L, 0.8, 5.0, 0.05, 2, 10L);
    }

    /** This entry with missing values taken from {@code base}. */
    public AnomalyThresholds over(AnomalyThresholds base) {
        return new AnomalyThresholds(
                pollingBrokenGapRate != null ? pollingBrokenGapRate : base.pollingBrokenGapRate,
                massDeletionThreshold != null ? massDeletionThreshold : base.massDeletionThreshold,
                mappingRegressionMinFindings != null ? mappingRegressionMinFindings : base.mappingRegressionMinFindings,
                mappingRegressionShare != null ? mappingRegressionShare : base.mappingRegressionShare,
                customerSpecificFactor != null ? customerSpecificFactor : base.customerSpecificFactor,
                customerSpecificMinGapRate != null ? customerSpecificMinGapRate : base.customerSpecificMinGapRate,
                customerSpecificMinPeers != null ? customerSpecificMinPeers : base.customerSpecificMinPeers,
                minKeys != null ? minKeys : base.minKeys);
    }

    void validate(String at) {
        ConfigException.check(pollingBrokenGapRate > 0 && pollingBrokenGapRate <= 1, at + ".polling-broken-gap-rate",
                "must be a fraction in (0, 1]", "e.g. 0.5");
        ConfigException.check(massDeletionThreshold >= 0, at + ".mass-deletion-threshold", "is negative", "e.g. 100");
        ConfigException.check(mappingRegressionShare > 0 && mappingRegressionShare <= 1, at + ".mapping-regression-share",
                "must be a fraction in (0, 1]", "e.g. 0.8");
        ConfigException.check(customerSpecificFactor > 1, at + ".customer-specific-factor", "must be above 1", "e.g. 5");
        ConfigException.check(minKeys >= 1, at + ".min-keys", "must be at least 1", "e.g. 10");
    }
}
