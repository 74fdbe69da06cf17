package io.vomorecon.sandbox.truth;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vomorecon.schemas.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The ledger of everything the sandbox injected, in the order it happened: the answer key a test
 * or the demo scores vomo-recon against. Append-only and thread-safe; exported as JSON lines.
 */
public final class GroundTruth {

    private final Clock clock;
    private final List<TruthEntry> entries = new ArrayList<>();

    public GroundTruth(Clock clock) {
        this.clock = clock;
    }

    public synchronized TruthEntry record(String customer, String key, TruthClass kind, String detail) {
        TruthEntry e = new TruthEntry(entries.size() + 1L, clock.instant(), customer, key, kind, detail);
        entries.add(e);
        return e;
    }

    public synchronized List<TruthEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<TruthEntry> where(Predicate<TruthEntry> filter) {
        return entries.stream().filter(filter).toList();
    }

    public List<TruthEntry> of(String customer, TruthClass kind) {
        return where(e -> e.customer().equals(customer) && e.kind() == kind);
    }

    public List<TruthEntry> of(TruthClass kind) {
        return where(e -> e.kind() == kind);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** One JSON object per line: seq, at, customer, key, family, class, detail (in that order). */
    public void writeJsonLines(OutputStream out) {
        List<TruthEntry> snapshot = entries();
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(null);
            for (TruthEntry e : snapshot) {
                g.writeStartObject();
                g.writeNumberField("seq", e.seq());
                g.writeStringField("at", e.at().toString());
                g.writeStringField("customer", e.customer());
                g.writeStringField("key", e.key());
                g.writeStringField("family", e.family().name());
                g.writeStringField("class", e.kind().name());
                g.writeStringField("detail", e.detail());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the ground truth", ex);
        }
    }

    public void exportTo(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeJsonLines(out);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the ground truth to " + file, ex);
        }
    }
}
