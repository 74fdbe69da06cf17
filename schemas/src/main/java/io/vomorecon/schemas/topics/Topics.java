package io.vomorecon.schemas.topics;

import io.vomorecon.schemas.values.Alert;
import io.vomorecon.schemas.values.CorrectionOutcome;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.ExternalEvent;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.Job;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.ReprocessRequest;
import io.vomorecon.schemas.values.ReviewDecision;
import io.vomorecon.schemas.values.ReviewItem;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.ScheduleState;
import io.vomorecon.schemas.values.SnapshotEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The registry of every topic vomo-recon reads or writes (docs/topics.md describes each).
 * Partition counts here are defaults; topic bootstrap may raise them, but always uniformly for
 * the co-partitioned inputs.
 */
public final class Topics {

    /** Version of every value schema this build writes (and the newest it reads). */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Kafka header on a VOMO run's markers naming the destination read (an EXTERNAL run) its job
     * published just before it: the reconciler evaluates the VOMO run only once that read is in,
     * so the rows the job read are what the run is compared with (docs/topics.md).
     */
    public static final String PAIRED_RUN_HEADER = "vomo-recon-paired-run";

    public static final int DEFAULT_INPUT_PARTITIONS = 3;

    /**
     * Partitions of recon.jobs: the job workers of a consumer group share them, and a worker runs the
     * jobs of its partitions one after another. With as few partitions as workers, the hash of the job
     * keys put most of one customer's jobs on one worker while the other idled (in the demo, 39 s of
     * jobs on one worker and 1.5 s on the other in the large customer's weekly step); twelve spread a
     * customer's jobs over two to twelve workers.
     */
    public static final int JOB_PARTITIONS = 12;

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    /** VOMO, the truth: snapshots in runs, run markers, deletion verdicts. */
    public static final Topic<SnapshotEvent> VOMO_SNAPSHOTS = topic("vomo.snapshots", SnapshotEvent.class,
            TopicSettings.reconInput(DEFAULT_INPUT_PARTITIONS, false, Duration.ofDays(14)));
    /** The partner's ledger: what the integration believes it synced (compacted; tombstone = forgotten). */
    public static final Topic<PartnerState> PARTNER_STATE = topic("partner.state", PartnerState.class,
            TopicSettings.reconInput(DEFAULT_INPUT_PARTITIONS, true, null));
    /** What the destination really holds: rows read back in runs, and rows the sink wrote. */
    public static final Topic<ExternalEvent> EXTERNAL_STATE = topic("external.state", ExternalEvent.class,
            TopicSettings.reconInput(DEFAULT_INPUT_PARTITIONS, false, Duration.ofDays(14)));

    public static final Topic<Finding> RECON_GAPS = topic("recon.gaps", Finding.class, TopicSettings.retained(DEFAULT_INPUT_PARTITIONS, MONTH));
    public static final Topic<Finding> RECON_DELETIONS = topic("recon.deletions", Finding.class, TopicSettings.retained(DEFAULT_INPUT_PARTITIONS, MONTH));
    public static final Topic<Finding> RECON_DRIFT = topic("recon.drift", Finding.class, TopicSettings.retained(DEFAULT_INPUT_PARTITIONS, MONTH));
    /** The audit trail: one summary per run, keyed by run id (compacted, kept forever). */
    public static final Topic<RunSummary> RECON_RUNS = topic("recon.runs", RunSummary.class, TopicSettings.compacted(1));
    public static final Topic<ReviewItem> RECON_REVIEW = topic("recon.review", ReviewItem.class, TopicSettings.retained(1, Duration.ofDays(90)));
    public static final Topic<ReviewDecision> RECON_DECISIONS = topic("recon.decisions", ReviewDecision.class, TopicSettings.compacted(1));
    public static final Topic<Alert> RECON_ALERTS = topic("recon.alerts", Alert.class, TopicSettings.retained(1, MONTH));
    public static final Topic<CorrectionOutcome> RECON_CORRECTIONS = topic("recon.corrections", CorrectionOutcome.class,
            TopicSettings.retained(DEFAULT_INPUT_PARTITIONS, MONTH));
    public static final Topic<ReprocessRequest> RECON_REPROCESS = topic("recon.reprocess", ReprocessRequest.class,
            TopicSettings.retained(DEFAULT_INPUT_PARTITIONS, WEEK));
    public static final Topic<Job> RECON_JOBS = topic("recon.jobs", Job.class, TopicSettings.retained(JOB_PARTITIONS, WEEK));
    public static final Topic<ScheduleState> RECON_SCHEDULE = topic("recon.schedule", ScheduleState.class, TopicSettings.compacted(1));
    public static final Topic<DeadLetter> RECON_DLQ = topic("recon.dlq", DeadLetter.class, TopicSettings.retained(1, MONTH));

    public static final List<Topic<?>> ALL = List.of(
            VOMO_SNAPSHOTS, PARTNER_STATE, EXTERNAL_STATE,
            RECON_GAPS, RECON_DELETIONS, RECON_DRIFT,
            RECON_RUNS, RECON_REVIEW, RECON_DECISIONS, RECON_ALERTS,
            RECON_CORRECTIONS, RECON_REPROCESS, RECON_JOBS, RECON_SCHEDULE, RECON_DLQ);

    /** The three co-partitioned reconciler inputs. */
    public static final List<Topic<?>> RECON_INPUTS = List.of(VOMO_SNAPSHOTS, PARTNER_STATE, EXTERNAL_STATE);

    private Topics() {
    }

    /** Every topic in a namespace (see {@link Topic#in}). */
    public static List<Topic<?>> all(String prefix) {
        return ALL.stream().<Topic<?>>map(t -> t.in(prefix)).toList();
    }

    /** The action topic of a finding kind. */
    public static Topic<Finding> findings(FindingKind kind) {
        return switch (kind.family()) {
            case GAP -> RECON_GAPS;
            case DRIFT -> RECON_DRIFT;
            case DELETION -> RECON_DELETIONS;
        };
    }

    public static Optional<Topic<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static <V> Topic<V> topic(String name, Class<V> type, TopicSettings settings) {
        return new Topic<>(name, new JsonSerde<>(name, type, SCHEMA_VERSION), settings);
    }
}
