package io.vomorecon.sink.runtime;

import io.vomorecon.schemas.topics.ContractViolation;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.schemas.values.CorrectionOutcome.Mode;
import io.vomorecon.schemas.values.CorrectionOutcome.Outcome;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.sink.external.ApplyResult;
import io.vomorecon.sink.plan.ActionPlanner;
import io.vomorecon.sink.plan.Plan;
import io.vomorecon.sink.plan.WriteAction;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one polled batch of findings into the records to publish: decode (bad bytes become a
 * dead letter), plan, cancel what a later RESOLVED in the same batch makes moot, apply the
 * writes in order, then describe every outcome. It publishes and commits nothing itself: the
 * loop does that, atomically, after this returns. Every input record yields its outcome,
 * dead letter or a logged reason to ignore it; none is dropped silently.
 */
public final class BatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProcessor.class);

    private final SinkTopics topics;
    private final ActionPlanner planner;
    private final ResilientWriter writer;
    private final Outputs outputs;
    private final Clock clock;

    public BatchProcessor(SinkTopics topics, ActionPlanner planner, ResilientWriter writer, Clock clock) {
        this.topics = topics;
        this.planner = planner;
        this.writer = writer;
        this.outputs = new Outputs(topics);
        this.clock = clock;
    }

    public BatchResult process(List<ConsumerRecord<byte[], byte[]>> records) {
        Instant now = clock.instant();
        List<Item> items = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            items.add(decodeAndPlan(r));
        }
        cancelResolved(items);

        List<WriteAction> writes = new ArrayList<>();
        List<Integer> writeItems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).plan() instanceof Plan.Write w) {
                writes.add(w.action());
                writeItems.add(i);
            }
        }
        List<WriteResult> results = writes.isEmpty() ? List.of() : writer.write(writes);
        Map<Integer, WriteResult> resultOf = new LinkedHashMap<>();
        for (int j = 0; j < writeItems.size(); j++) {
            resultOf.put(writeItems.get(j), results.get(j));
        }

        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        Map<Outcome, Integer> tally = new EnumMap<>(Outcome.class);
        Map<String, Integer> failedPerCustomer = new LinkedHashMap<>();
        int ignored = 0;
        int deadLetters = 0;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.violation().isPresent()) {
                ContractViolation cv = item.violation().get();
                LOG.warn("record {}-{}@{} is not a valid finding ({}); sent to the DLQ", item.record().topic(), item.record().partition(),
                        item.record().offset(), cv.reason());
                out.add(outputs.deadLetter(item.record(), cv.reason(), ContractViolation.class.getName(), Map.of(), now));
                deadLetters++;
                continue;
            }
            Plan plan = item.plan();
            Finding f = plan.finding();
            if (plan instanceof Plan.Ignore ig) {
                LOG.debug("ignoring finding {} for {}: {}", f.findingId(), f.key(), ig.why());
                ignored++;
            } else if (plan instanceof Plan.Cancel) {
                LOG.debug("finding {} for {} is resolved", f.findingId(), f.key());
                ignored++;
            } else if (plan instanceof Plan.Skip s) {
                out.add(outputs.outcome(f, s.actionId(), s.action(), Outcome.SKIPPED, Mode.DIRECT, Optional.of(s.reason()), 0,
                        f.vomoVersion(), now));
                if (s.action() == ActionKind.ALERT_ONLY) {
                    out.add(outputs.driftAlert(f, s.actionId(), s.reason(), now));
                }
                tally.merge(Outcome.SKIPPED, 1, Integer::sum);
            } else if (plan instanceof Plan.Delegate d) {
                out.add(outputs.reprocessRequest(f, d.requestId(), d.delegated(), now));
                out.add(outputs.outcome(f, d.requestId(), ActionKind.REPROCESS_REQUEST, Outcome.DELEGATED, Mode.DELEGATE,
                        Optional.of("delegated " + d.delegated() + " to the partner's worker"), 0, f.vomoVersion(), now));
                tally.merge(Outcome.DELEGATED, 1, Integer::sum);
            } else if (plan instanceof Plan.Invalid inv) {
                LOG.warn("finding {} for {} cannot be corrected: {}; sent to the DLQ", f.findingId(), f.key(), inv.reason());
                out.add(outputs.deadLetter(item.record(), inv.reason(), "io.vomorecon.sink.InvalidFinding",
                        context(f, inv.actionId(), inv.action(), 0), now));
                out.add(outputs.outcome(f, inv.actionId(), inv.action(), Outcome.FAILED, Mode.DIRECT, Optional.of(inv.reason()), 0,
                        f.vomoVersion(), now));
                tally.merge(Outcome.FAILED, 1, Integer::sum);
                failedPerCustomer.merge(f.customer(), 1, Integer::sum);
                deadLetters++;
            } else if (plan instanceof Plan.Write w) {
                WriteAction a = w.action();
                WriteResult r = resultOf.get(i);
                if (r instanceof WriteResult.Done done) {
                    ApplyResult ar = done.result();
                    Outcome o = switch (ar.status()) {
                        case APPLIED -> Outcome.APPLIED;
                        case ALREADY_APPLIED -> Outcome.ALREADY_APPLIED;
                        case SUPERSEDED -> Outcome.SUPERSEDED;
                    };
                    if (o != Outcome.SUPERSEDED) {
                        // also after ALREADY_APPLIED: a crash between the write and this publish must not lose the new state
                        out.add(outputs.externalRow(a, ar.row(), now));
                        out.add(outputs.partnerState(f, a, ar.row(), now));
                    } else {
                        LOG.debug("{} superseded: {}", a.describe(), ar.note().orElse(""));
                    }
                    out.add(outputs.outcome(f, a.actionId(), a.kind(), o, Mode.DIRECT, ar.note(), done.attempts(), a.targetVersion(), now));
                    tally.merge(o, 1, Integer::sum);
                } else if (r instanceof WriteResult.Failed failed) {
                    String reason = failed.error().reason() + " after " + failed.attempts() + " attempt(s)";
                    LOG.warn("{} failed: {}; sent to the DLQ", a.describe(), reason);
                    Map<String, String> ctx = new LinkedHashMap<>(context(f, a.actionId(), a.kind(), failed.attempts()));
                    failed.error().code().ifPresent(c -> ctx.put("sqlState", c));
                    ctx.put("transient", String.valueOf(failed.error().isTransient()));
                    out.add(outputs.deadLetter(item.record(), reason, failed.error().errorClass(), ctx, now));
                    out.add(outputs.outcome(f, a.actionId(), a.kind(), Outcome.FAILED, Mode.DIRECT, Optional.of(reason),
                            failed.attempts(), a.targetVersion(), now));
                    tally.merge(Outcome.FAILED, 1, Integer::sum);
                    failedPerCustomer.merge(f.customer(), 1, Integer::sum);
                    deadLetters++;
                }
            }
        }
        if (!failedPerCustomer.isEmpty()) {
            String batchId = records.get(0).topic() + "-" + records.get(0).partition() + "@" + records.get(0).offset();
            failedPerCustomer.forEach((customer, n) -> out.add(outputs.failureAlert(customer, n, batchId, now)));
        }
        return new BatchResult(out, tally, ignored, deadLetters);
    }

    private Item decodeAndPlan(ConsumerRecord<byte[], byte[]> r) {
        Optional<Topic<Finding>> topic = topics.input(r.topic());
        if (topic.isEmpty()) {
            return new Item(r, null, Optional.of(new ContractViolation(r.topic(), "not a topic the sink reads", null)));
        }
        Finding f;
        try {
            f = topic.get().value(r);
        } catch (ContractViolation cv) {
            return new Item(r, null, Optional.of(cv));
        }
        if (f == null) {
            return new Item(r, null, Optional.of(new ContractViolation(r.topic(), "tombstone (null value) on a finding topic", null)));
        }
        return new Item(r, planner.plan(f), Optional.empty());
    }

    /** A RESOLVED finding later in the batch cancels the not-yet-applied work planned for the same finding id before it. */
    private static void cancelResolved(List<Item> items) {
        Set<String> resolvedLater = new HashSet<>();
        for (int i = items.size() - 1; i >= 0; i--) {
            Item item = items.get(i);
            Plan p = item.plan();
            if (p == null) {
                continue;
            }
            if (p instanceof Plan.Cancel) {
                resolvedLater.add(p.finding().findingId());
            } else if ((p instanceof Plan.Write || p instanceof Plan.Delegate) && resolvedLater.contains(p.finding().findingId())) {
                ActionKind kind = p instanceof Plan.Write w ? w.action().kind() : ActionKind.REPROCESS_REQUEST;
                String id = p instanceof Plan.Write w ? w.action().actionId() : ((Plan.Delegate) p).requestId();
                LOG.info("finding {} for {} was resolved before its {} was applied; cancelled", p.finding().findingId(),
                        p.finding().key(), kind);
                items.set(i, new Item(item.record(), new Plan.Skip(p.finding(), id, kind,
                        "cancelled: the finding was resolved before the action was applied"), Optional.empty()));
            }
        }
    }

    private static Map<String, String> context(Finding f, String actionId, ActionKind action, int attempts) {
        Map<String, String> ctx = new LinkedHashMap<>();
        ctx.put("findingId", f.findingId());
        ctx.put("findingKind", f.kind().name());
        ctx.put("actionId", actionId);
        ctx.put("action", action.name());
        ctx.put("attempts", String.valueOf(attempts));
        ctx.put("customer", f.customer());
        ctx.put("resource", f.resource());
        return ctx;
    }

    private record Item(ConsumerRecord<byte[], byte[]> record, Plan plan, Optional<ContractViolation> violation) {
    }
}
