package io.vomorecon.poller.worker;

import io.vomorecon.poller.config.CustomerConfig;
import io.vomorecon.poller.config.RunPlan;
import io.vomorecon.poller.external.ExternalStateReader;
import io.vomorecon.poller.run.RunBuffer;
import io.vomorecon.poller.run.RunOutcome;
import io.vomorecon.poller.run.RunPublisher;
import io.vomorecon.poller.run.RunSpec;
import io.vomorecon.poller.run.SampleStore;
import io.vomorecon.poller.run.ScanResult;
import io.vomorecon.poller.run.VomoScanner;
import io.vomorecon.poller.vomo.VomoClient;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ExternalEvent;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.SnapshotEvent;
import io.vomorecon.schemas.values.TimeWindow;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs runs on one (transactional) producer: a VOMO run of a customer's resource, preceded,
 * for exhaustive kinds, by a destination read of the same resource, so the reconciler evaluates
 * VOMO against a fresh picture of the destination. Used by the job workers and by the
 * {@code run} command. One thread at a time.
 */
public final class RunExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

    private final CustomerClients clients;
    private final Optional<ExternalStateReader> reader;
    private final SampleStore samples;
    private final int sampleSize;
    private final int scanConcurrency;
    private final Clock clock;
    private final RunPublisher<SnapshotEvent> vomoPublisher;
    private final RunPublisher<ExternalEvent> externalPublisher;
    private final RandomGenerator random = new SecureRandom();

    /** @param scanConcurrency the requests one VOMO scan may have in flight ({@code http.concurrency}) */
    public RunExecutor(CustomerClients clients, Optional<ExternalStateReader> reader, SampleStore samples, int sampleSize,
                       int scanConcurrency, Clock clock, Producer<byte[], byte[]> producer, String topicPrefix) {
        this.clients = clients;
        this.reader = reader;
        this.samples = samples;
        this.sampleSize = sampleSize;
        this.scanConcurrency = scanConcurrency;
        this.clock = clock;
        this.vomoPublisher = new RunPublisher<>(producer, Topics.VOMO_SNAPSHOTS.in(topicPrefix), Topics.RECON_DLQ.in(topicPrefix),
                clock, m -> (SnapshotEvent) m);
        this.externalPublisher = new RunPublisher<>(producer, Topics.EXTERNAL_STATE.in(topicPrefix),
                Topics.RECON_DLQ.in(topicPrefix), clock, m -> (ExternalEvent) m);
    }

    /**
     * Runs a job. Exhaustive kinds (all but INCREMENTAL), when a destination is configured, read
     * the destination first, then scan VOMO, then publish the destination rows under the VOMO
     * run's scope (with that scope) and then the VOMO run, whose markers name the destination read
     * ({@link io.vomorecon.schemas.topics.Topics#PAIRED_RUN_HEADER}) so that the reconciler does
     * not evaluate the VOMO run before those rows are in: the reconciler compares VOMO with a
     * picture of the destination taken before it, and a run that covers only part of a resource
     * (a PARTICIPATIONS window's dates, an audit sample's keys) does not re-publish the whole
     * destination table. A complete read of the whole table is complete for any narrower scope.
     * An aborted VOMO scan has no reliable scope, so the whole destination read is published then.
     */
    public List<RunOutcome> execute(String customer, Resource resource, RunKind kind, Optional<TimeWindow> window)
            throws RunPublisher.PublishFailed {
        List<RunOutcome> out = new ArrayList<>();
        if (kind == RunKind.INCREMENTAL || reader.isEmpty()) {
            out.add(vomo(customer, resource, kind, window));
            return out;
        }
        ExternalScan destination = externalScan(customer, resource);
        Set<String> knownParents = kind == RunKind.PARTICIPATIONS ? liveParents(destination.scan()) : Set.of();
        VomoScan vomo = scanVomo(customer, resource, kind, window, knownParents);
        ScanResult<ExternalEvent> rows = vomo.scan().abortReason().isPresent()
                ? destination.scan() : destination.scan().within(vomo.scan().scope());
        out.add(publish(externalPublisher, destination.spec(), rows, Optional.empty()));
        out.add(publish(vomoPublisher, vomo.spec(), vomo.scan(), Optional.of(destination.spec().runId())));
        return out;
    }

    /** The parent ids (the first id of the path) of the destination's live rows: dates it holds participations for. */
    static Set<String> liveParents(ScanResult<ExternalEvent> destination) {
        Set<String> parents = new TreeSet<>();
        for (RunBuffer.Keyed<ExternalEvent> r : destination.records().records()) {
            if (r.value() instanceof ExternalRow row && row.present() && !row.deleted() && RecordKey.isValid(r.key())) {
                List<String> path = RecordKey.parse(r.key()).idPath();
                if (path.size() > 1) {
                    parents.add(path.get(0));
                }
            }
        }
        return parents;
    }

    /** One VOMO run, published in the run protocol. */
    public RunOutcome vomo(String customer, Resource resource, RunKind kind, Optional<TimeWindow> window)
            throws RunPublisher.PublishFailed {
        return vomo(customer, resource, kind, window, Set.of());
    }

    /** One VOMO run that also checks the parents the destination holds children for (see {@link VomoScanner#scan(RunSpec, Set)}). */
    public RunOutcome vomo(String customer, Resource resource, RunKind kind, Optional<TimeWindow> window, Set<String> knownParents)
            throws RunPublisher.PublishFailed {
        VomoScan s = scanVomo(customer, resource, kind, window, knownParents);
        return publish(vomoPublisher, s.spec(), s.scan(), Optional.empty());
    }

    private VomoScan scanVomo(String customer, Resource resource, RunKind kind, Optional<TimeWindow> window, Set<String> knownParents) {
        VomoClient client = clients.client(customer).orElseThrow(() -> new IllegalArgumentException("unknown customer " + customer));
        if (!RunPlan.supports(resource, kind)) {
            throw new IllegalArgumentException(kind + " runs cannot read " + resource.path() + "; kinds of "
                    + resource.path() + ": " + RunPlan.kindsFor(resource));
        }
        RunSpec spec = RunSpec.start(customer, resource, kind, RunSource.VOMO, window, clock.instant(), random);
        LOG.info("run {} for {} started{}", spec.runId(), spec.label(), window.map(w -> " over " + w.from() + " .. " + w.to()).orElse(""));
        return new VomoScan(spec, new VomoScanner(client, clock, samples, sampleSize, scanConcurrency).scan(spec, knownParents));
    }

    private record VomoScan(RunSpec spec, ScanResult<SnapshotEvent> scan) {
    }

    /** One destination read, published in the run protocol on external.state. */
    public RunOutcome external(String customer, Resource resource) throws RunPublisher.PublishFailed {
        ExternalScan s = externalScan(customer, resource);
        return publish(externalPublisher, s.spec(), s.scan(), Optional.empty());
    }

    private ExternalScan externalScan(String customer, Resource resource) {
        ExternalStateReader r = reader.orElseThrow(() -> new IllegalStateException("no destination configured"));
        RunSpec spec = RunSpec.start(customer, resource, RunKind.FULL, RunSource.EXTERNAL, Optional.empty(), clock.instant(), random);
        return new ExternalScan(spec, r.read(spec));
    }

    private record ExternalScan(RunSpec spec, ScanResult<ExternalEvent> scan) {
    }

    /**
     * Publishes a scan. A scan cut short by a shutdown's interrupt carries its abort reason; the
     * interrupt is set aside while publishing (Kafka's client refuses to work on an interrupted
     * thread) so that the run still ends with its RUN_ABORTED markers, and restored afterwards.
     */
    private <E> RunOutcome publish(RunPublisher<E> publisher, RunSpec spec, ScanResult<E> scan, Optional<String> pairedRun)
            throws RunPublisher.PublishFailed {
        boolean interrupted = Thread.interrupted();
        try {
            RunOutcome outcome = publisher.publish(spec, scan, pairedRun);
            LOG.info(outcome.describe());
            return outcome;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public Optional<CustomerConfig> customer(String id) {
        return clients.customer(id);
    }
}
