package io.vomorecon.schemas.values;

/** Why a run found too much (the seed's table); its findings are held for review. */
public enum DiagnosisCode {
    /** Incremental run with at least half its records as gaps: checkpoint stuck, workers stalled or cadence too long. */
    POLLING_BROKEN,
    /** Full run with more deletions than the threshold: a real mass deletion, or missed creates. */
    MASS_DELETION_OR_MISSED_CREATES,
    /** Drift concentrated on one field: the mapping regressed. */
    MAPPING_REGRESSION,
    /** One customer's gap rate far above the others': token, rate limit or organisation data. */
    CUSTOMER_SPECIFIC
}
