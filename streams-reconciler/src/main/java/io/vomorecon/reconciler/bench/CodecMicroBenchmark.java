package io.vomorecon.reconciler.bench;

import io.vomorecon.reconciler.state.BinaryStateSerde;
import io.vomorecon.reconciler.state.PendingFindings;
import io.vomorecon.reconciler.state.StateSerde;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.FieldDiff;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.Snapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;

/**
 * CPU time of one thread per operation, after warm-up, for the per-value work changed on branch
 * {@code perf6}, old way against new way on the same values: a held finding written and read
 * back (Jackson's JSON against the binary codec), and a snapshot key's resource looked up (parsed
 * twice with a stream over the constants, against once with a map). The shared machine moves the
 * whole-run figures by more than these changes; one thread's CPU time does not.
 *
 * <pre>{@code
 * mvn -B -o -q -pl streams-reconciler exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-cp %classpath io.vomorecon.reconciler.bench.CodecMicroBenchmark"
 * }</pre>
 */
public final class CodecMicroBenchmark {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int N = 100_000;
    private static final Map<String, Resource> BY_PATH = Arrays.stream(Resource.values())
            .collect(Collectors.toUnmodifiableMap(Resource::path, r -> r));
    private static volatile Object sink;

    private CodecMicroBenchmark() {
    }

    public static void main(String[] args) {
        Instant t = Instant.parse("2026-01-10T08:00:00Z");
        List<PendingFindings> pending = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String key = SyntheticRecords.key("acme", Resource.USERS, i);
            keys.add(key);
            Snapshot s = SyntheticRecords.snapshot("r-acme-users-full-1-ab12", key, i % 3, t, t.plusSeconds(60));
            Finding f = new Finding(Topics.SCHEMA_VERSION, "f-" + i, FindingKind.DRIFT, FindingStatus.OPEN, Optional.empty(),
                    "acme", "users", key, s.runId(), RunKind.FULL, t.plusSeconds(3600), s.updatedAt(), Optional.of(s.contentHash()),
                    s.updatedAt(), Optional.of(s.contentHash()), Optional.of(s.record()),
                    List.of(new FieldDiff("email", Optional.of("ada" + i + "@example.org"), Optional.of("old" + i + "@example.org"))),
                    Map.of("fields", "email"), Optional.empty());
            pending.add(new PendingFindings(List.of(new PendingFindings.Pending(f, false))));
        }
        Serde<PendingFindings> json = StateSerde.of(PendingFindings.class);
        Serde<PendingFindings> binary = BinaryStateSerde.pending();
        report("held finding, write + read back: JSON (before)", i -> roundTrip(json, pending.get(i % pending.size())));
        report("held finding, write + read back: binary (after)", i -> roundTrip(binary, pending.get(i % pending.size())));
        report("snapshot key to resource: parsed twice, stream lookup (before)", i -> {
            String k = keys.get(i % keys.size());
            sink = Resource.fromPath(RecordKey.parse(k).resource());
            sink = Resource.fromPath(RecordKey.parse(k).resource());
        });
        report("snapshot key to resource: parsed once, map lookup (after)",
                i -> sink = BY_PATH.get(RecordKey.parse(keys.get(i % keys.size())).resource()));
        System.out.printf("held finding sizes: JSON %d bytes, binary %d bytes%n",
                json.serializer().serialize("t", pending.get(0)).length, binary.serializer().serialize("t", pending.get(0)).length);
    }

    private static void roundTrip(Serde<PendingFindings> serde, PendingFindings p) {
        byte[] b = serde.serializer().serialize("pending-changelog", p);
        sink = serde.deserializer().deserialize("pending-changelog", b);
    }

    /** Median of 5 rounds of N operations, after 3 rounds of warm-up. */
    private static void report(String what, IntConsumer op) {
        List<Double> rounds = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            long c0 = MX.getCurrentThreadCpuTime();
            for (int i = 0; i < N; i++) {
                op.accept(i);
            }
            if (r >= 3) {
                rounds.add((MX.getCurrentThreadCpuTime() - c0) / 1e3 / N);
            }
        }
        rounds.sort(Double::compare);
        System.out.printf("%-70s median %.2f us per op (rounds %s)%n", what, rounds.get(2),
                rounds.stream().map(x -> String.format("%.2f", x)).collect(Collectors.joining(", ")));
    }
}
