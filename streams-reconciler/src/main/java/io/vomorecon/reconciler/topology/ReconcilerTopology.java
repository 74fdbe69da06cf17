package io.vomorecon.reconciler.topology;

import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.reconciler.review.DecisionSigner;
import io.vomorecon.reconciler.state.BinaryStateSerde;
import io.vomorecon.reconciler.state.DailyGaps;
import io.vomorecon.reconciler.state.DecisionControl;
import io.vomorecon.reconciler.state.KeyFindings;
import io.vomorecon.reconciler.state.RunAggregate;
import io.vomorecon.reconciler.state.RunControl;
import io.vomorecon.reconciler.state.StateSerde;
import io.vomorecon.reconciler.state.SweepJob;
import io.vomorecon.reconciler.state.VerdictNotice;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ExternalEvent;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.ReviewDecision;
import io.vomorecon.schemas.values.SnapshotEvent;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The reconciler's topology as a pure function of its configuration (docs/reconciler.md draws
 * it). Three sub-topologies:
 * <ol>
 *   <li>per input partition: the three co-partitioned inputs and the broadcast verdicts share the
 *       per-key stores; runs close at their markers and are swept in slices by a punctuator;
 *       findings wait in the pending store for the run's verdict;</li>
 *   <li>decisions: recon.decisions re-keyed into the aggregator's one-partition topic;</li>
 *   <li>the run aggregator (one task): parts of a run to one summary, verdict, alerts, review
 *       decisions; its verdict notices are broadcast back to every input partition.</li>
 * </ol>
 * It builds; it never starts anything.
 */
public final class ReconcilerTopology {

    private ReconcilerTopology() {
    }

    public static Topology build(StreamsBuilder b, ReconcilerConfig config, int inputPartitions, Clock clock,
                                 Optional<DecisionSigner> signer) {
        String px = config.topicPrefix();
        addStores(b);
        String[] partitionStores = StoreNames.PARTITION_STORES.toArray(String[]::new);

        Topic<SnapshotEvent> snapshots = Topics.VOMO_SNAPSHOTS.in(px);
        Topic<PartnerState> partner = Topics.PARTNER_STATE.in(px);
        Topic<ExternalEvent> external = Topics.EXTERNAL_STATE.in(px);

        KStream<String, Out> fromSnapshots = b.stream(snapshots.name(), consumed(snapshots, "vomo-snapshots"))
                .process(() -> new SnapshotProcessor(config, clock), Named.as("snapshots"), partitionStores);
        KStream<String, Out> fromPartner = b.stream(partner.name(), consumed(partner, "partner-state"))
                .process(() -> new PartnerProcessor(clock), Named.as("partner"), partitionStores);
        KStream<String, Out> fromExternal = b.stream(external.name(), consumed(external, "external-state"))
                .process(() -> new ExternalProcessor(clock), Named.as("external"), partitionStores);
        KStream<String, Out> partitionOut = fromSnapshots.merge(fromPartner, Named.as("partition-out-1"))
                .merge(fromExternal, Named.as("partition-out-2"));

        Serde<RunControl> controlSerde = StateSerde.of(RunControl.class);
        KStream<String, RunControl> parts = partitionOut
                .filter((k, v) -> v instanceof Out.ControlOut, Named.as("parts"))
                .mapValues(v -> ((Out.ControlOut) v).control(), Named.as("parts-unwrap"))
                .repartition(Repartitioned.with(Serdes.String(), controlSerde).withName("run-parts").withNumberOfPartitions(1));
        Topic<ReviewDecision> decisionsTopic = Topics.RECON_DECISIONS.in(px);
        KStream<String, RunControl> decisions = b.stream(decisionsTopic.name(), consumed(decisionsTopic, "decisions"))
                .filter((k, v) -> v != null, Named.as("decisions-present"))
                .map((k, v) -> org.apache.kafka.streams.KeyValue.pair(v.runId() == null ? "unknown" : v.runId(),
                        (RunControl) new DecisionControl(v)), Named.as("decisions-by-run"))
                .repartition(Repartitioned.with(Serdes.String(), controlSerde).withName("run-decisions").withNumberOfPartitions(1));
        KStream<String, Out> aggregatorOut = parts.merge(decisions, Named.as("run-control"))
                .process(() -> new RunAggregator(config, clock, signer), Named.as("run-aggregator"),
                        StoreNames.AGGREGATOR_STORES.toArray(String[]::new));

        KStream<String, Out> verdictOut = aggregatorOut
                .filter((k, v) -> v instanceof Out.NoticeOut, Named.as("notices"))
                .mapValues(v -> ((Out.NoticeOut) v).notice(), Named.as("notices-unwrap"))
                .repartition(Repartitioned.with(Serdes.String(), StateSerde.of(VerdictNotice.class)).withName("run-verdicts")
                        .withNumberOfPartitions(inputPartitions).withStreamPartitioner(everyPartition()))
                .process(() -> new VerdictProcessor(clock), Named.as("verdicts"), partitionStores);

        // Each sub-topology gets its own sinks: merging outputs across them would fuse them into one.
        route(partitionOut, px, "partition");
        route(aggregatorOut, px, "aggregator");
        route(verdictOut, px, "verdicts");
        return b.build();
    }

    /** Sends a verdict to every partition, so each partition's task releases or holds its own pending findings. */
    static StreamPartitioner<String, VerdictNotice> everyPartition() {
        return (topic, key, value, numPartitions) ->
                Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }

    private static void route(KStream<String, Out> out, String px, String origin) {

        out.filter((k, v) -> v instanceof Out.FindingOut, Named.as(origin + "-findings"))
                .mapValues(v -> ((Out.FindingOut) v).finding(), Named.as(origin + "-findings-unwrap"))
                .to((k, f, rc) -> Topics.findings(f.kind()).in(px).name(),
                        Produced.with(Serdes.String(), Topics.RECON_GAPS.valueSerde()).withName(origin + "-findings-sink"));
        sink(out, origin, "review", Out.ReviewOut.class, Out.ReviewOut::item, Topics.RECON_REVIEW.in(px));
        sink(out, origin, "runs", Out.SummaryOut.class, Out.SummaryOut::summary, Topics.RECON_RUNS.in(px));
        sink(out, origin, "alerts", Out.AlertOut.class, Out.AlertOut::alert, Topics.RECON_ALERTS.in(px));
        sink(out, origin, "dlq", Out.DeadLetterOut.class, Out.DeadLetterOut::deadLetter, Topics.RECON_DLQ.in(px));
    }

    private static <O extends Out, V> void sink(KStream<String, Out> out, String origin, String name, Class<O> type,
                                                Function<O, V> unwrap, Topic<V> topic) {
        out.filter((k, v) -> type.isInstance(v), Named.as(origin + "-" + name))
                .mapValues(v -> unwrap.apply(type.cast(v)), Named.as(origin + "-" + name + "-unwrap"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(origin + "-" + name + "-sink"));
    }

    private static <V> Consumed<String, V> consumed(Topic<V> t, String name) {
        return Consumed.with(t.keySerde(), (Serde<V>) t.valueSerde()).withName(name + "-source");
    }

    private static void addStores(StreamsBuilder b) {
        b.addStateStore(store(StoreNames.VOMO, BinaryStateSerde.vomo()));
        b.addStateStore(store(StoreNames.PARTNER, BinaryStateSerde.partner()));
        b.addStateStore(store(StoreNames.EXTERNAL, BinaryStateSerde.external()));
        b.addStateStore(store(StoreNames.FINDINGS, KeyFindings.class));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.RUN_SEEN), Serdes.String(),
                Serdes.String()).withCachingDisabled());
        // Every snapshot bumps its run's count: the cache folds those writes into one per commit (flushed to the
        // store and changelog before the transaction commits, so the count and the input offsets still move together).
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.RUNS), Serdes.String(),
                BinaryStateSerde.runProgress()).withCachingEnabled());
        b.addStateStore(store(StoreNames.SWEEPS, SweepJob.class));
        b.addStateStore(store(StoreNames.PENDING, BinaryStateSerde.pending()));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.AWAITING), Serdes.String(),
                Serdes.String()).withCachingDisabled());
        b.addStateStore(store(StoreNames.RUN_AGGREGATES, RunAggregate.class));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.GAP_RATES), Serdes.String(),
                Serdes.Double()).withCachingDisabled());
        b.addStateStore(store(StoreNames.DAILY_GAPS, DailyGaps.class));
        b.addStateStore(store(StoreNames.SCHEDULE_FINDINGS, KeyFindings.class));
    }

    /** A persistent, changelogged RocksDB store; caching off so every write reaches the changelog in its own transaction. */
    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Class<V> type) {
        return store(name, StateSerde.of(type));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde).withCachingDisabled();
    }

}
