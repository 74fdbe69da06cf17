package io.vomorecon.reconciler.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.FieldDiff;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunStatus;
import io.vomorecon.schemas.values.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary serde for the per-key store values that every snapshot writes and every
 * sweep reads (V, P, E and a run's progress) and for the findings a sweep holds for the verdict. JSON through Jackson cost a third of the sweep
 * (Instants re-parsed with a formatter, records bound by reflection); this format writes
 * lengths, longs and UTF-8 bytes. Stores are not topic contracts, so nothing outside the
 * reconciler reads these bytes. Each value starts with a format byte; a value that starts with
 * '{' is the JSON of earlier builds and is still read, so existing state stays readable.
 * It never writes JSON and never holds a value between calls (only a per-thread scratch buffer).
 */
public final class BinaryStateSerde<T> implements Serde<T> {

    /** Format of P, E and run progress values; V's values have had {@link #VOMO_FORMAT} since they keep mapped fields. */
    static final byte FORMAT = 1;
    static final byte VOMO_FORMAT = 2;

    /**
     * Each thread's write buffer, reused: a fresh 256-byte buffer per value, grown twice for a
     * snapshot and copied out, was 0.6 of the stream thread's 10.6 GB allocated during a 590k-record
     * ingest. Only {@link Out#bytes()} leaves a call, as a copy; nothing of a value stays in it.
     */
    private static final ThreadLocal<Out> SCRATCH = ThreadLocal.withInitial(Out::new);

    private final Class<T> type;
    private final Codec<T> codec;
    private final StateSerde<T> legacy;

    private BinaryStateSerde(Class<T> type, Codec<T> codec) {
        this.type = type;
        this.codec = codec;
        this.legacy = StateSerde.of(type);
    }

    public static BinaryStateSerde<VomoEntry> vomo() {
        return new BinaryStateSerde<>(VomoEntry.class, VOMO);
    }

    public static BinaryStateSerde<PartnerState> partner() {
        return new BinaryStateSerde<>(PartnerState.class, PARTNER);
    }

    public static BinaryStateSerde<ExternalRow> external() {
        return new BinaryStateSerde<>(ExternalRow.class, EXTERNAL);
    }

    public static BinaryStateSerde<PendingFindings> pending() {
        return new BinaryStateSerde<>(PendingFindings.class, PENDING);
    }

    public static BinaryStateSerde<RunProgress> runProgress() {
        return new BinaryStateSerde<>(RunProgress.class, PROGRESS);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            Out out = SCRATCH.get();
            out.n = 0;
            out.b[out.n++] = codec.format();
            try {
                codec.write(value, out);
                return out.bytes();
            } catch (IOException e) {
                throw new SerializationException("cannot write internal " + type.getSimpleName(), e);
            } finally {
                out.shrink();
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<T> json = legacy.deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return codec.readJson(bytes).orElseGet(() -> json.deserialize(topic, bytes));
            }
            if (bytes.length == 0 || bytes[0] < FORMAT || bytes[0] > codec.format()) {
                throw new SerializationException("internal " + type.getSimpleName() + " from " + topic
                        + " has an unknown format byte");
            }
            In in = new In(bytes);
            try {
                return codec.read(in, bytes[0]);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read internal " + type.getSimpleName() + " from " + topic, e);
            }
        };
    }

    interface Codec<T> {
        void write(T value, Out out) throws IOException;

        /** Reads a value written in {@code format} (this codec's current one or an earlier one). */
        T read(In in, byte format) throws IOException;

        default byte format() {
            return FORMAT;
        }

        /** Reads the JSON of builds before the binary format, where Jackson cannot bind it; empty = Jackson can. */
        default Optional<T> readJson(byte[] bytes) {
            return Optional.empty();
        }
    }

    /**
     * Format 2: format 1 followed by the mapped fields (mapping fingerprint, then either a map or
     * the mapping's refusal). The record stays JSON bytes, parsed only if a finding needs it.
     */
    private static final Codec<VomoEntry> VOMO = new Codec<>() {
        @Override
        public void write(VomoEntry v, Out out) {
            out.string(v.runId());
            out.blob(v.json().json());
            out.optInstant(v.updatedAt());
            out.string(v.contentHash());
            out.instant(v.observedAt());
            out.instant(v.changedAt());
            out.bool(v.mapped().isPresent());
            v.mapped().ifPresent(m -> {
                out.varint(m.mapping());
                out.optString(m.error());
                out.map(m.fields());
            });
        }

        @Override
        public VomoEntry read(In in, byte format) {
            String runId = in.string();
            VomoRecord record = VomoRecord.ofJson(in.blob());
            Optional<Instant> updatedAt = in.optInstant();
            String hash = in.string();
            Instant observedAt = in.instant();
            Instant changedAt = in.instant();
            Optional<MappedFields> mapped = Optional.empty();
            if (format >= VOMO_FORMAT && in.bool()) {
                int mapping = in.varint();
                Optional<String> error = in.optString();
                mapped = Optional.of(new MappedFields(mapping, in.map(), error));
            }
            return new VomoEntry(runId, record, mapped, updatedAt, hash, observedAt, changedAt);
        }

        @Override
        public byte format() {
            return VOMO_FORMAT;
        }

        @Override
        public Optional<VomoEntry> readJson(byte[] bytes) {
            try {
                JsonNode n = Json.mapper().readTree(bytes);
                Optional<Instant> updatedAt = Optional.ofNullable(n.get("updatedAt")).filter(x -> !x.isNull())
                        .map(x -> Instant.parse(x.asText()));
                return Optional.of(new VomoEntry(n.get("runId").asText(), n.get("record"), updatedAt, n.get("contentHash").asText(),
                        Instant.parse(n.get("observedAt").asText()), Instant.parse(n.get("changedAt").asText())));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read internal VomoEntry (JSON of an earlier build)", e);
            }
        }
    };

    private static final Codec<PartnerState> PARTNER = new Codec<>() {
        @Override
        public void write(PartnerState p, Out out) {
            out.varint(p.schemaVersion());
            out.string(p.customer());
            out.string(p.resource());
            out.string(p.key());
            out.optInstant(p.processedVersion());
            out.optString(p.processedHash());
            out.bool(p.pushed());
            out.map(p.pushedFields());
            out.optString(p.externalId());
            out.instant(p.processedAt());
            out.bool(p.deleted());
            out.varint(p.source().ordinal());
        }

        @Override
        public PartnerState read(In in, byte format) {
            return new PartnerState(in.varint(), in.string(), in.string(), in.string(), in.optInstant(), in.optString(), in.bool(),
                    in.map(), in.optString(), in.instant(), in.bool(), PartnerState.PartnerSource.values()[in.varint()]);
        }
    };

    private static final Codec<ExternalRow> EXTERNAL = new Codec<>() {
        @Override
        public void write(ExternalRow e, Out out) {
            out.varint(e.schemaVersion());
            out.optString(e.runId());
            out.string(e.customer());
            out.string(e.resource());
            out.string(e.key());
            out.varint(e.source().ordinal());
            out.bool(e.present());
            out.map(e.fields());
            out.optInstant(e.vomoVersion());
            out.bool(e.deleted());
            out.bool(e.erased());
            out.optString(e.externalId());
            out.instant(e.observedAt());
        }

        @Override
        public ExternalRow read(In in, byte format) {
            return new ExternalRow(in.varint(), in.optString(), in.string(), in.string(), in.string(),
                    ExternalRow.ExternalSource.values()[in.varint()], in.bool(), in.map(), in.optInstant(), in.bool(), in.bool(),
                    in.optString(), in.instant());
        }
    };

    /**
     * A run's held findings. Jackson's binding of the 19-field {@code Finding} (Instants parsed as
     * text) was a sixth of a full run's evaluation CPU for 7 % of its keys, and the release read
     * them back the same way. Enums are written by name (an added constant cannot shift them);
     * every string may be null; V's record stays JSON (Jackson's tree, as the contract carries it).
     */
    private static final Codec<PendingFindings> PENDING = new Codec<>() {
        @Override
        public void write(PendingFindings p, Out out) throws IOException {
            out.varint(p.findings().size());
            for (PendingFindings.Pending x : p.findings()) {
                out.bool(x.deletionDerived());
                finding(x.finding(), out);
            }
        }

        private void finding(Finding f, Out out) throws IOException {
            out.varint(f.schemaVersion());
            out.nullableString(f.findingId());
            out.nullableString(name(f.kind()));
            out.nullableString(name(f.status()));
            out.optString(f.verdict().map(Enum::name));
            out.nullableString(f.customer());
            out.nullableString(f.resource());
            out.nullableString(f.key());
            out.nullableString(f.runId());
            out.nullableString(name(f.runKind()));
            out.optInstant(Optional.ofNullable(f.detectedAt()));
            out.optInstant(f.vomoVersion());
            out.optString(f.vomoHash());
            out.optInstant(f.partnerVersion());
            out.optString(f.partnerHash());
            out.bool(f.vomoRecord().isPresent());
            if (f.vomoRecord().isPresent()) {
                out.blob(Json.mapper().writeValueAsBytes(f.vomoRecord().get()));
            }
            out.varint(f.fieldDiffs().size());
            for (FieldDiff d : f.fieldDiffs()) {
                out.nullableString(d.field());
                out.optString(d.vomoValue());
                out.optString(d.externalValue());
            }
            out.map(f.details());
            out.optInstant(f.resolvedAt());
        }

        private static String name(Enum<?> e) {
            return e == null ? null : e.name();
        }

        @Override
        public PendingFindings read(In in, byte format) throws IOException {
            int n = in.varint();
            List<PendingFindings.Pending> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                boolean derived = in.bool();
                list.add(new PendingFindings.Pending(finding(in), derived));
            }
            return new PendingFindings(list);
        }

        private Finding finding(In in) throws IOException {
            int schemaVersion = in.varint();
            String id = in.nullableString();
            FindingKind kind = Optional.ofNullable(in.nullableString()).map(FindingKind::valueOf).orElse(null);
            FindingStatus status = Optional.ofNullable(in.nullableString()).map(FindingStatus::valueOf).orElse(null);
            Optional<Verdict> verdict = in.optString().map(Verdict::valueOf);
            String customer = in.nullableString();
            String resource = in.nullableString();
            String key = in.nullableString();
            String runId = in.nullableString();
            RunKind runKind = Optional.ofNullable(in.nullableString()).map(RunKind::valueOf).orElse(null);
            Instant detectedAt = in.optInstant().orElse(null);
            Optional<Instant> vomoVersion = in.optInstant();
            Optional<String> vomoHash = in.optString();
            Optional<Instant> partnerVersion = in.optInstant();
            Optional<String> partnerHash = in.optString();
            Optional<JsonNode> record = in.bool() ? Optional.of(Json.mapper().readTree(in.blob())) : Optional.empty();
            int diffs = in.varint();
            List<FieldDiff> fieldDiffs = new ArrayList<>(diffs);
            for (int i = 0; i < diffs; i++) {
                fieldDiffs.add(new FieldDiff(in.nullableString(), in.optString(), in.optString()));
            }
            Map<String, String> details = in.map();
            Optional<Instant> resolvedAt = in.optInstant();
            return new Finding(schemaVersion, id, kind, status, verdict, customer, resource, key, runId, runKind, detectedAt,
                    vomoVersion, vomoHash, partnerVersion, partnerHash, record, fieldDiffs, details, resolvedAt);
        }
    };

    private static final Codec<RunProgress> PROGRESS = new Codec<>() {
        @Override
        public void write(RunProgress p, Out out) {
            out.varlong(p.received());
            out.varint(p.closedAs().map(s -> s.ordinal() + 1).orElse(0));
        }

        @Override
        public RunProgress read(In in, byte format) {
            long received = in.varlong();
            int closed = in.varint();
            return new RunProgress(received, closed == 0 ? Optional.empty() : Optional.of(RunStatus.values()[closed - 1]));
        }
    };

    /** A growing byte buffer; strings are a length and their UTF-8 bytes, nulls are refused (the records never hold one). */
    static final class Out {
        byte[] b = new byte[4096];
        int n;

        private void room(int k) {
            if (n + k > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, n + k));
            }
        }

        void varlong(long v) {
            room(10);
            while ((v & ~0x7FL) != 0) {
                b[n++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            b[n++] = (byte) v;
        }

        void varint(int v) {
            varlong(v & 0xFFFFFFFFL);
        }

        void bool(boolean v) {
            room(1);
            b[n++] = (byte) (v ? 1 : 0);
        }

        void blob(byte[] bytes) {
            varint(bytes.length);
            room(bytes.length);
            System.arraycopy(bytes, 0, b, n, bytes.length);
            n += bytes.length;
        }

        void string(String s) {
            blob(s.getBytes(StandardCharsets.UTF_8));
        }

        void optString(Optional<String> s) {
            bool(s.isPresent());
            s.ifPresent(this::string);
        }

        void nullableString(String s) {
            optString(Optional.ofNullable(s));
        }

        void instant(Instant t) {
            varlong(t.getEpochSecond());
            varint(t.getNano());
        }

        void optInstant(Optional<Instant> t) {
            bool(t.isPresent());
            t.ifPresent(this::instant);
        }

        void map(Map<String, String> m) {
            varint(m.size());
            for (Map.Entry<String, String> e : m.entrySet()) {
                string(e.getKey());
                string(e.getValue());
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(b, n);
        }

        /** Drops a buffer that one large value grew, so a thread does not keep it for ever. */
        void shrink() {
            n = 0;
            if (b.length > 64 * 1024) {
                b = new byte[4096];
            }
        }
    }

    /** Reads what {@link Out} wrote, in the same order; runs past the end throw (a corrupt value). */
    static final class In {
        private final byte[] b;
        private int i = 1;

        In(byte[] b) {
            this.b = b;
        }

        long varlong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte x = b[i++];
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
                shift += 7;
                if (shift > 63) {
                    throw new IllegalStateException("varint too long");
                }
            }
        }

        int varint() {
            return (int) varlong();
        }

        boolean bool() {
            return b[i++] != 0;
        }

        byte[] blob() {
            int len = varint();
            if (len < 0 || i + len > b.length) {
                throw new IllegalStateException("blob runs past the value");
            }
            byte[] out = Arrays.copyOfRange(b, i, i + len);
            i += len;
            return out;
        }

        String string() {
            int len = varint();
            if (len < 0 || i + len > b.length) {
                throw new IllegalStateException("string runs past the value");
            }
            String s = new String(b, i, len, StandardCharsets.UTF_8);
            i += len;
            return s;
        }

        Optional<String> optString() {
            return bool() ? Optional.of(string()) : Optional.empty();
        }

        String nullableString() {
            return optString().orElse(null);
        }

        Instant instant() {
            return Instant.ofEpochSecond(varlong(), varint());
        }

        Optional<Instant> optInstant() {
            return bool() ? Optional.of(instant()) : Optional.empty();
        }

        /** An immutable map, so the records' {@code Map.copyOf} keeps it instead of copying it again. */
        @SuppressWarnings("unchecked")
        Map<String, String> map() {
            int size = varint();
            Map.Entry<String, String>[] entries = new Map.Entry[size];
            for (int k = 0; k < size; k++) {
                entries[k] = Map.entry(string(), string());
            }
            return Map.ofEntries(entries);
        }
    }
}
