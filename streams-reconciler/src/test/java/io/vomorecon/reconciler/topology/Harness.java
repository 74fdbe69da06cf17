package io.vomorecon.reconciler.topology;

import io.vomorecon.reconciler.bench.SyntheticRecords;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.reconciler.errors.DlqDeserializationHandler;
import io.vomorecon.reconciler.errors.DlqProcessingHandler;
import io.vomorecon.reconciler.review.DecisionSigner;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Alert;
import io.vomorecon.schemas.values.DeadLetter;
import io.vomorecon.schemas.values.ExternalEvent;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.ReviewDecision;
import io.vomorecon.schemas.values.ReviewItem;
import io.vomorecon.schemas.values.RunAborted;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.Snapshot;
import io.vomorecon.schemas.values.SnapshotEvent;
import io.vomorecon.schemas.values.Verification;
import io.vomorecon.schemas.values.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Drives the real topology in a TopologyTestDriver (one partition, EOS, the DLQ handlers on):
 * publish snapshots, ledger entries and destination rows, close runs with markers, let the
 * sweep punctuator run, read what came out. Steps read like the run protocol.
 */
final class Harness implements AutoCloseable {

    static final String C = "acme";
    static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");
    static final byte[] SECRET = "test-admin-secret-0123456789".getBytes(StandardCharsets.UTF_8);

    final Clock clock = Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
    final DecisionSigner signer = new DecisionSigner(SECRET);
    final TopologyTestDriver driver;
    final TestInputTopic<String, SnapshotEvent> snapshots;
    final TestInputTopic<String, PartnerState> partner;
    final TestInputTopic<String, ExternalEvent> external;
    final TestInputTopic<String, ReviewDecision> decisions;
    final TestInputTopic<String, byte[]> rawSnapshots;
    final TestOutputTopic<String, Finding> gaps;
    final TestOutputTopic<String, Finding> drift;
    final TestOutputTopic<String, Finding> deletions;
    final TestOutputTopic<String, RunSummary> runs;
    final TestOutputTopic<String, ReviewItem> review;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, DeadLetter> dlq;
    private final Path stateDir;
    private int runCounter;

    Harness() {
        this(ReconcilerConfig.defaults());
    }

    Harness(ReconcilerConfig config) {
        try {
            stateDir = Files.createTempDirectory("reconciler-ttd");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "reconciler-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DlqDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DlqProcessingHandler.class);
        p.put("vomo.recon.clock", clock);
        driver = new TopologyTestDriver(ReconcilerTopology.build(new StreamsBuilder(), config, 1, clock, Optional.of(signer)), p,
                T0);
        snapshots = in(Topics.VOMO_SNAPSHOTS);
        partner = in(Topics.PARTNER_STATE);
        external = in(Topics.EXTERNAL_STATE);
        decisions = in(Topics.RECON_DECISIONS);
        rawSnapshots = driver.createInputTopic(Topics.VOMO_SNAPSHOTS.name(), new StringSerializer(), new ByteArraySerializer());
        gaps = out(Topics.RECON_GAPS);
        drift = out(Topics.RECON_DRIFT);
        deletions = out(Topics.RECON_DELETIONS);
        runs = out(Topics.RECON_RUNS);
        review = out(Topics.RECON_REVIEW);
        alerts = out(Topics.RECON_ALERTS);
        dlq = out(Topics.RECON_DLQ);
    }

    private <V> TestInputTopic<String, V> in(Topic<V> t) {
        return driver.createInputTopic(t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> out(Topic<V> t) {
        return driver.createOutputTopic(t.name(), t.keySerde().deserializer(), t.valueSerde().deserializer());
    }

    String nextRunId(String resource, RunKind kind) {
        return nextRunId(C, resource, kind);
    }

    String nextRunId(String customer, String resource, RunKind kind) {
        return "r-" + customer + "-" + resource + "-" + kind.name().toLowerCase() + "-" + (1000 + runCounter++) + "-abcd";
    }

    /** A snapshot read by a run, the record as VOMO would serve it. */
    static Snapshot snap(String runId, String key, int variant, Instant updatedAt) {
        return SyntheticRecords.snapshot(runId, key, variant, updatedAt, updatedAt.plusSeconds(5));
    }

    void publish(Snapshot s) {
        snapshots.pipeInput(s.key(), s);
    }

    void publish(PartnerState p) {
        partner.pipeInput(p.key(), p);
    }

    void publish(ExternalRow e) {
        external.pipeInput(e.key(), e);
    }

    /** An in-sync key: V in no run yet, P and E exactly as V. */
    Snapshot inSync(String key, Instant updatedAt) {
        Snapshot s = snap("r-seed", key, 0, updatedAt);
        publish(SyntheticRecords.partnerFor(s, updatedAt));
        publish(SyntheticRecords.externalFor(s, Optional.empty(), updatedAt));
        return s;
    }

    RunCompleted completed(String runId, String resource, RunKind kind, List<String> scope, long count, Instant completedAt) {
        return new RunCompleted(1, runId, customerOf(scope), resource, kind, RunSource.VOMO, scope, Optional.empty(), 0, 1, count,
                count, 7, completedAt.minusSeconds(60), completedAt);
    }

    static String customerOf(List<String> scope) {
        return scope.isEmpty() ? C : io.vomorecon.schemas.RecordKey.parse(scope.get(0).endsWith("/")
                ? scope.get(0) + "x" : scope.get(0)).customer();
    }

    /** A whole VOMO run: its snapshots, then its marker; then the sweep runs until the summary is out. */
    RunSummary run(String runId, String resource, RunKind kind, List<String> scope, List<Snapshot> records, Instant completedAt) {
        records.forEach(this::publish);
        return close(completed(runId, resource, kind, scope, records.size(), completedAt));
    }

    /**
     * A VOMO run's records and its marker naming the destination read its job published with it
     * (the paired-run header), then a few sweeps; returns without waiting for a summary.
     */
    void runPairedWith(String pairedRun, String runId, String resource, RunKind kind, List<String> scope, List<Snapshot> records,
                       Instant completedAt) {
        records.forEach(this::publish);
        RunCompleted marker = completed(runId, resource, kind, scope, records.size(), completedAt);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.PAIRED_RUN_HEADER, pairedRun.getBytes(StandardCharsets.UTF_8));
        snapshots.pipeInput(new TestRecord<>(marker.customer() + "/_run/" + marker.runId() + "/0", (SnapshotEvent) marker, headers,
                (Instant) null));
        settle(6);
    }

    /** The summaries out so far, read from recon.runs. */
    List<RunSummary> summariesSoFar() {
        while (!runs.isEmpty()) {
            summaries.add(runs.readValue());
        }
        return List.copyOf(summaries);
    }

    RunSummary close(RunCompleted marker) {
        snapshots.pipeInput(marker.customer() + "/_run/" + marker.runId() + "/0", marker);
        return awaitSummary(marker.runId());
    }

    /**
     * A complete destination read (RunSource EXTERNAL) over a scope: its rows, re-tagged with the
     * run's id and dated at the read's start like the reader dates them, then its marker.
     */
    RunSummary externalRun(String resource, List<String> scope, List<ExternalRow> rows, Instant startedAt, Instant completedAt) {
        return externalRun(nextRunId(resource, RunKind.FULL), resource, scope, rows, startedAt, completedAt);
    }

    RunSummary externalRun(String runId, String resource, List<String> scope, List<ExternalRow> rows, Instant startedAt,
                           Instant completedAt) {
        for (ExternalRow e : rows) {
            publish(new ExternalRow(1, Optional.of(runId), e.customer(), e.resource(), e.key(), ExternalRow.ExternalSource.READER,
                    e.present(), e.fields(), e.vomoVersion(), e.deleted(), e.erased(), e.externalId(), startedAt));
        }
        external.pipeInput(customerOf(scope) + "/_run/" + runId + "/0", new RunCompleted(1, runId, customerOf(scope), resource,
                RunKind.FULL, RunSource.EXTERNAL, scope, Optional.empty(), 0, 1, rows.size(), rows.size(), 1, startedAt, completedAt));
        return awaitSummary(runId);
    }

    RunSummary abort(String runId, String resource, RunKind kind, List<String> scope, List<Snapshot> records, Instant at) {
        records.forEach(this::publish);
        snapshots.pipeInput("acme/_run/" + runId + "/0", new RunAborted(1, runId, customerOf(scope), resource, kind, RunSource.VOMO, scope,
                Optional.empty(), 0, 1, records.size(), 3, "page 4: HTTP 503 after 5 tries", at.minusSeconds(60), at));
        return awaitSummary(runId);
    }

    /** Sweeps until the run's summary is out, then a few more so released or held findings are out too. */
    RunSummary awaitSummary(String runId) {
        RunSummary s = findSummary(runId);
        for (int i = 0; i < 4; i++) {
            sweep();
        }
        return s;
    }

    private RunSummary findSummary(String runId) {
        for (int i = 0; i < 50; i++) {
            sweep();
            for (RunSummary s : summaries) {
                if (s.runId().equals(runId)) {
                    return s;
                }
            }
            while (!runs.isEmpty()) {
                RunSummary s = runs.readValue();
                summaries.add(s);
                if (s.runId().equals(runId)) {
                    return s;
                }
            }
        }
        throw new AssertionError("no summary for run " + runId + " after 50 sweeps");
    }

    final List<RunSummary> summaries = new ArrayList<>();

    /** More punctuations, for configurations with tiny slices. */
    void settle(int sweeps) {
        for (int i = 0; i < sweeps; i++) {
            sweep();
        }
    }

    void sweep() {
        driver.advanceWallClockTime(Duration.ofMillis(50));
    }

    void verify(Finding candidate, Verdict verdict) {
        snapshots.pipeInput(candidate.key(), new Verification(1, C, candidate.resource(), candidate.key(), candidate.findingId(),
                candidate.runId(), verdict, verdict == Verdict.DELETED ? 404 : 200, "verified by id", clock.instant()));
    }

    ReviewDecision decision(String runId, ReviewDecision.Decision d, String operator, String reason) {
        Instant at = clock.instant();
        return new ReviewDecision(1, signer.sign(runId, d, operator, reason, at), runId, d, operator, reason, at);
    }

    void decide(ReviewDecision d) {
        decisions.pipeInput(d.runId(), d);
        sweep();
        sweep();
    }

    /** Every finding on the three action topics, in order. */
    List<Finding> findings() {
        List<Finding> all = new ArrayList<>();
        all.addAll(gaps.readValuesToList());
        all.addAll(drift.readValuesToList());
        all.addAll(deletions.readValuesToList());
        return all;
    }

    @Override
    public void close() {
        driver.close();
        try {
            io.vomorecon.platform.files.DirectoryTrees.delete(stateDir);
        } catch (java.io.IOException e) {
            // the temp directory is left behind; nothing else depends on it
        }
    }
}
