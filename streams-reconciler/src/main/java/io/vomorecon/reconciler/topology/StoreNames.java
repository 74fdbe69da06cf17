package io.vomorecon.reconciler.topology;

import java.util.List;

/** The state stores of the reconciler (docs/reconciler.md draws them). */
public final class StoreNames {
    /** key -> latest VOMO snapshot ({@code VomoEntry}). */
    public static final String VOMO = "vomo";
    /** key -> latest partner ledger entry. */
    public static final String PARTNER = "partner";
    /** key -> latest destination row; removed when a complete external run did not list it. */
    public static final String EXTERNAL = "external";
    /** key -> findings emitted and not resolved ({@code KeyFindings}). */
    public static final String FINDINGS = "findings";
    /**
     * runId/key -> an empty marker (the content hash in earlier builds; only presence is read): which runs saw
     * which key (never overwritten by a later run).
     */
    public static final String RUN_SEEN = "run-seen";
    /** runId -> received count and close status on this partition. */
    public static final String RUNS = "runs";
    /** runId#phase -> resumable sweep job with its cursor and partial counts. */
    public static final String SWEEPS = "sweeps";
    /** runId/key -> a run's emissions held until its verdict. */
    public static final String PENDING = "pending";
    /** VOMO runId -> "externalRunId wallClockMillis": its evaluation waits for the destination read its job published with it. */
    public static final String AWAITING = "awaiting-destination";

    /** runId -> the aggregator's parts, summary and decision. */
    public static final String RUN_AGGREGATES = "run-aggregates";
    /** customer -> latest gap rate (for CUSTOMER_SPECIFIC). */
    public static final String GAP_RATES = "gap-rates";
    /** customer/date -> daily gaps (for the gap-rate alert). */
    public static final String DAILY_GAPS = "daily-gaps";
    /** project key -> open schedule drift. */
    public static final String SCHEDULE_FINDINGS = "schedule-findings";

    public static final List<String> PARTITION_STORES = List.of(VOMO, PARTNER, EXTERNAL, FINDINGS, RUN_SEEN, RUNS, SWEEPS, PENDING,
            AWAITING);
    public static final List<String> AGGREGATOR_STORES = List.of(RUN_AGGREGATES, GAP_RATES, DAILY_GAPS, SCHEDULE_FINDINGS);

    private StoreNames() {
    }
}
