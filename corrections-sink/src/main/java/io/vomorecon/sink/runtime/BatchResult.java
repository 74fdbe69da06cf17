package io.vomorecon.sink.runtime;

import io.vomorecon.schemas.values.CorrectionOutcome.Outcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Everything one polled batch produced, to be published and committed together, and its tally. */
public record BatchResult(List<ProducerRecord<byte[], byte[]>> records, Map<Outcome, Integer> outcomes, int ignored, int deadLetters) {

    public BatchResult {
        records = List.copyOf(records);
        outcomes = new EnumMap<>(outcomes.isEmpty() ? new EnumMap<>(Outcome.class) : outcomes);
    }

    public int count(Outcome o) {
        return outcomes.getOrDefault(o, 0);
    }

    /** One line for the batch's INFO log. */
    public String summary() {
        return count(Outcome.APPLIED) + " applied, " + count(Outcome.ALREADY_APPLIED) + " already applied, "
                + count(Outcome.SUPERSEDED) + " superseded, " + count(Outcome.SKIPPED) + " skipped, "
                + count(Outcome.DELEGATED) + " delegated, " + count(Outcome.FAILED) + " failed, "
                + ignored + " ignored, " + deadLetters + " dead-lettered";
    }
}
