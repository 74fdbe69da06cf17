package io.vomorecon.reconciler.bench;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.reconciler.classify.Classification;
import io.vomorecon.reconciler.classify.Classifier;
import io.vomorecon.reconciler.classify.Evaluation;
import io.vomorecon.reconciler.classify.KeyState;
import io.vomorecon.reconciler.cli.ReconcilerApp;
import io.vomorecon.reconciler.config.AnomalyThresholds;
import io.vomorecon.reconciler.config.ReconcilerConfig;
import io.vomorecon.reconciler.state.VomoEntry;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.FieldMapping;
import io.vomorecon.schemas.topics.Topic;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.RunSummary;
import io.vomorecon.schemas.values.Snapshot;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.postgresql.PGConnection;

/**
 * The reconciler benchmark (docs/benchmarks.md): one customer with N users across the three
 * sources and a planted mix of findings, through the real topology on the embedded broker with
 * exactly-once; then, on the same data, an in-memory hash-join diff and a PostgreSQL FULL OUTER
 * JOIN diff, as ratios. Prints figures; asserts nothing but found = planted.
 *
 * <p>{@code --warmup-keys W} first runs a whole FULL run of W keys of another customer, so the
 * measured run meets a JVM that has compiled its paths (as a reconciler that has been running
 * would); without it every figure includes the JIT's warm-up.
 *
 * <p>{@code --rocksdb-log} keeps the work directory and has every store write RocksDB's own log
 * (INFO, statistics every 3 s: flushes, their reasons, write stalls) into its directory; the path
 * is printed at the end.
 *
 * <p>{@code --separate-jvm} runs the reconciler in its own JVM instead ({@link SeparateJvmRun}),
 * to measure its RSS alone and to publish data sets larger than the heap.
 *
 * <p>Run: {@code mvn -B -o -q -pl streams-reconciler exec:exec -Dexec.classpathScope=test -Dexec.executable=java
 * -Dexec.args="-Xmx2g -cp %classpath io.vomorecon.reconciler.bench.ReconcilerBenchmark --keys 200000"}
 */
public final class ReconcilerBenchmark {

    private ReconcilerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int keys = intArg(args, "--keys", 200_000);
        int partitions = intArg(args, "--partitions", 3);
        int repeats = intArg(args, "--repeats", 3);
        if (flag(args, "--separate-jvm")) {
            SeparateJvmRun.run(args, keys, partitions);
            return;
        }
        Path work = Files.createTempDirectory("reconciler-bench");
        if (flag(args, "--rocksdb-log")) {
            System.setProperty(io.vomorecon.reconciler.topology.BoundedRocksDbConfig.DIAGNOSTICS_PROPERTY, "true");
        }
        System.out.printf("reconciler benchmark: %d keys, %d partitions, %d cores, max heap %d MB, java %s%n", keys, partitions,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        PlantedDataset data = PlantedDataset.users("acme", keys, partitions);
        Map<FindingKind, Long> planted = countKinds(data.expected().values());
        System.out.printf("planted: %s over %d input records%n", planted, data.inputRecords());

        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            String prefix = "bench.";
            TopicBootstrap.ensure(bootstrap, prefix, partitions, (short) 1);
            ReconcilerConfig cfg = ReconcilerConfig.defaults()
                    .withBootstrap(bootstrap, prefix, "recon-bench", work.resolve("state").toString())
                    .withAnomaly(new ReconcilerConfig.Anomaly(new AnomalyThresholds(null, Long.MAX_VALUE, null, null, null, null,
                            null, null), Map.of(), null))
                    .withReview(new ReconcilerConfig.Review(Optional.of("BENCH_ADMIN_SECRET"), Optional.empty()))
                    .withRocksDb(new ReconcilerConfig.RocksDb(!flag(args, "--rocksdb-unbounded"), intArg(args, "--block-cache-mb", 64),
                            intArg(args, "--write-buffer-mb", 32), null));
            int commitMs = intArg(args, "--commit-ms", (int) cfg.commitInterval().toMillis());
            int threads = intArg(args, "--threads", cfg.streamThreads());
            cfg = new ReconcilerConfig(cfg.bootstrapServers(), cfg.applicationId(), cfg.topicPrefix(), cfg.stateDir(),
                    threads, cfg.partnerPollingInterval(), cfg.gracePeriod(),
                    Duration.ofMillis(commitMs), cfg.sweep(), cfg.rocksdb(), cfg.anomaly(), cfg.review());
            System.out.printf("rocksdb: %s, commit interval %s, %d stream thread(s)%n", cfg.rocksdb(), cfg.commitInterval(),
                    cfg.streamThreads());
            try (ReconcilerApp app = ReconcilerApp.start(cfg, Clock.systemUTC(),
                    Map.of("BENCH_ADMIN_SECRET", "bench-secret-" + System.nanoTime()))) {
                if (!app.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("the reconciler did not reach RUNNING");
                }
                int warmupKeys = intArg(args, "--warmup-keys", 0);
                long warmupInputs = 0;
                if (warmupKeys > 0) {
                    warmupInputs = warmUp(bootstrap, prefix, warmupKeys, partitions);
                }
                long t0 = System.nanoTime();
                Map<String, Long> groups0 = cpuByThreadGroup();
                Map<String, Long> native0 = cpuByNativeThreadKind();
                long gc0 = gcMillis();
                long cpu0 = streamThreadCpuNanos();
                long jvm0 = jvmCpuNanos();
                DatasetPublisher.publish(bootstrap, prefix, data, false);
                long published = System.nanoTime();
                awaitConsumed(bootstrap, "recon-bench", prefix, warmupInputs + data.inputRecords() - data.markers().size());
                long consumed = System.nanoTime();
                double inputRate = (data.inputRecords() - data.markers().size()) / seconds(consumed - t0);
                System.out.printf("input: published in %.1f s, consumed by the reconciler (EOS) in %.1f s: %.0f input records/s%n",
                        seconds(published - t0), seconds(consumed - t0), inputRate);
                long ingestCpu = streamThreadCpuNanos() - cpu0;
                int inputs = data.inputRecords() - data.markers().size();
                System.out.printf("input CPU: stream thread %.1f s = %.1f us per input record (%.0f records per CPU-second);"
                        + " whole JVM (broker, publisher, RocksDB, GC too) %.1f s%n", seconds(ingestCpu), ingestCpu / 1e3 / inputs,
                        inputs / seconds(ingestCpu), seconds(jvmCpuNanos() - jvm0));
                Map<String, Long> groups1 = cpuByThreadGroup();
                StringBuilder split = new StringBuilder();
                long javaThreads = 0;
                for (var g : groups1.entrySet()) {
                    long d = g.getValue() - groups0.getOrDefault(g.getKey(), 0L);
                    javaThreads += d;
                    split.append(String.format(" %s %.1f s;", g.getKey(), seconds(d)));
                }
                System.out.printf("input CPU by thread:%s not Java threads (GC, JIT, RocksDB flush/compaction) %.1f s;"
                        + " GC pauses %.1f s (wall)%n", split, seconds(jvmCpuNanos() - jvm0 - javaThreads), (gcMillis() - gc0) / 1e3);
                Map<String, Long> native1 = cpuByNativeThreadKind();
                StringBuilder kinds = new StringBuilder();
                native1.forEach((k, v) -> kinds.append(String.format(" %s %.1f s;", k, seconds(v - native0.getOrDefault(k, 0L)))));
                System.out.printf("input CPU by OS thread (/proc, 10 ms ticks):%s%n", kinds);
                long cpuM = streamThreadCpuNanos();

                long[] sched0 = streamThreadSchedstat();
                StackSampler sampler = StackSampler.start("StreamThread-1", java.time.Duration.ofMillis(50));
                long tm = System.nanoTime();
                DatasetPublisher.publishMarkers(bootstrap, prefix, data);
                long tl = System.nanoTime();
                RunSummary summary = awaitSummary(bootstrap, Topics.RECON_RUNS.in(prefix), data.runId());
                long ts = System.nanoTime();
                System.out.println(sampler.stopAndReport(12));
                long cpuS = streamThreadCpuNanos();
                long[] sched1 = streamThreadSchedstat();
                if (sched0.length == 2 && sched1.length == 2) {
                    double run = (sched1[0] - sched0[0]) / 1e9;
                    double queued = (sched1[1] - sched0[1]) / 1e9;
                    System.out.printf("evaluation, stream thread (schedstat): on a CPU %.2f s, runnable but waiting for a CPU %.2f s,"
                            + " neither (blocked, parked or polling) %.2f s, of %.2f s from the first marker to the summary%n",
                            run, queued, seconds(ts - tm) - run - queued, seconds(ts - tm));
                }
                Collected collected = awaitFindings(bootstrap, prefix, data.customer(), data.expected().size());
                List<Finding> found = collected.findings();
                long tf = collected.lastArrival();
                Map<String, FindingKind> byKey = new HashMap<>();
                found.forEach(f -> byKey.put(f.key(), f.kind()));
                boolean exact = byKey.equals(data.expected()) && found.size() == data.expected().size();
                double eval = seconds(ts - tm);
                System.out.printf("evaluation: last RUN_COMPLETED acknowledged -> run summary %.2f s (first marker sent -> summary"
                        + " %.2f s); all findings released %.2f s after the last marker%n", seconds(ts - tl), eval, seconds(tf - tl));
                System.out.printf("evaluation CPU: stream thread %.2f s from the first marker to the summary, %.2f s to the last"
                        + " finding (incl. cleanup during the 3 s idle wait)%n", seconds(cpuS - cpuM), seconds(streamThreadCpuNanos() - cpuM));
                System.out.printf("findings: found %d, planted %d, identical per key: %s; summary %s%n", found.size(),
                        data.expected().size(), exact, summary.findings());
                System.out.printf("peak RSS %d MB (broker, reconciler and generator in one JVM), heap used %d MB%n",
                        peakRssMb(), (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);

                List<Double> hash = new ArrayList<>();
                Map<FindingKind, Long> hashKinds = null;
                for (int i = 0; i < repeats; i++) {
                    long h0 = System.nanoTime();
                    hashKinds = hashJoin(data);
                    hash.add(seconds(System.nanoTime() - h0));
                }
                double hashMedian = median(hash);
                System.out.printf("in-memory hash-join diff: median %.2f s of %d, kinds %s (equal to planted: %s)%n", hashMedian,
                        repeats, hashKinds, planted.equals(hashKinds));

                try (EmbeddedPg pg = EmbeddedPg.start(Optional.of(work.resolve("pg")), 0)) {
                    DataSource ds = pg.createDatabase("bench");
                    long l0 = System.nanoTime();
                    loadPostgres(ds, data);
                    double load = seconds(System.nanoTime() - l0);
                    List<Double> sql = new ArrayList<>();
                    Map<FindingKind, Long> sqlKinds = null;
                    for (int i = 0; i < repeats; i++) {
                        long q0 = System.nanoTime();
                        sqlKinds = sqlDiff(ds);
                        sql.add(seconds(System.nanoTime() - q0));
                    }
                    double sqlMedian = median(sql);
                    System.out.printf("PostgreSQL FULL OUTER JOIN diff: load %.1f s, query median %.2f s of %d, kinds %s (equal to planted: %s)%n",
                            load, sqlMedian, repeats, sqlKinds, planted.equals(sqlKinds));
                    System.out.printf("ratios: reconciler evaluation / hash join = %.2f; reconciler evaluation / SQL query = %.2f;"
                            + " SQL query / hash join = %.2f%n", eval / hashMedian, eval / sqlMedian, sqlMedian / hashMedian);
                }
                if (!exact) {
                    System.out.println("FAIL: findings found differ from the planted ones");
                    io.vomorecon.platform.files.DirectoryTrees.delete(work); // over 1 GB at 200k keys: never left in /tmp
                    System.exit(1);
                }
            }
        }
        if (flag(args, "--rocksdb-log")) {
            System.out.println("work directory kept (RocksDB logs: <dir>/state/*/*/rocksdb/*/LOG): " + work);
        } else {
            io.vomorecon.platform.files.DirectoryTrees.delete(work);
        }
        System.exit(0);
    }

    static Map<FindingKind, Long> hashJoin(PlantedDataset d) {
        Map<String, VomoEntry> v = new HashMap<>();
        for (Snapshot s : d.snapshots()) {
            v.put(s.key(), VomoEntry.next(Optional.empty(), s));
        }
        Map<String, PartnerState> p = new HashMap<>();
        d.partner().forEach(x -> p.put(x.key(), x));
        Map<String, ExternalRow> e = new HashMap<>();
        d.external().forEach(x -> e.put(x.key(), x));
        Set<String> keys = new HashSet<>(v.keySet());
        keys.addAll(p.keySet());
        keys.addAll(e.keySet());
        Evaluation eval = new Evaluation(PlantedDataset.COMPLETED_AT, Duration.ofMinutes(30), true);
        Map<FindingKind, Long> out = new EnumMap<>(FindingKind.class);
        for (String k : keys) {
            Classification c = Classifier.classify(new KeyState(k, Resource.USERS, Optional.ofNullable(v.get(k)), v.containsKey(k),
                    Optional.ofNullable(p.get(k)), Optional.ofNullable(e.get(k))), eval);
            if (c instanceof Classification.Found f) {
                out.merge(f.kind(), 1L, Long::sum);
            }
        }
        return out;
    }

    static void loadPostgres(DataSource ds, PlantedDataset d) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE v (key text PRIMARY KEY, updated_at timestamptz, hash text, fields jsonb)");
            st.execute("CREATE TABLE p (key text PRIMARY KEY, processed_version timestamptz, processed_hash text, pushed boolean,"
                    + " pushed_fields jsonb, deleted boolean)");
            st.execute("CREATE TABLE e (key text PRIMARY KEY, present boolean, deleted boolean, fields jsonb)");
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder sb = new StringBuilder();
            for (Snapshot s : d.snapshots()) {
                row(sb, s.key(), s.updatedAt().map(Object::toString).orElse(""), s.contentHash(),
                        json(FieldMapping.fromVomo(Resource.USERS, s.record())));
            }
            copy.copyIn("COPY v FROM STDIN WITH (FORMAT csv)", new StringReader(sb.toString()));
            sb.setLength(0);
            for (PartnerState s : d.partner()) {
                row(sb, s.key(), s.processedVersion().map(Object::toString).orElse(""), s.processedHash().orElse(""),
                        String.valueOf(s.pushed()), json(s.pushedFields()), String.valueOf(s.deleted()));
            }
            copy.copyIn("COPY p FROM STDIN WITH (FORMAT csv)", new StringReader(sb.toString()));
            sb.setLength(0);
            for (ExternalRow r : d.external()) {
                row(sb, r.key(), String.valueOf(r.present()), String.valueOf(r.deleted()), json(r.fields()));
            }
            copy.copyIn("COPY e FROM STDIN WITH (FORMAT csv)", new StringReader(sb.toString()));
            st.execute("ANALYZE");
        }
    }

    static Map<FindingKind, Long> sqlDiff(DataSource ds) throws Exception {
        String q = """
                WITH j AS (
                  SELECT v.key IS NOT NULL AS v_seen,
                         p.key IS NOT NULL AND NOT p.deleted AS p_live,
                         e.key IS NOT NULL AND e.present AND NOT e.deleted AS e_live,
                         v.updated_at AS vu, p.processed_version AS pv, v.hash AS vh, p.processed_hash AS ph,
                         p.pushed AS pushed, p.pushed_fields AS pf, e.fields AS ef, v.fields AS vf
                  FROM v FULL OUTER JOIN p ON p.key = v.key
                         FULL OUTER JOIN e ON e.key = coalesce(v.key, p.key))
                SELECT kind, count(*) FROM (
                  SELECT CASE
                    WHEN v_seen AND NOT p_live THEN 'MISSED_CREATE'
                    WHEN v_seen AND vu > pv THEN 'MISSED_UPDATE'
                    WHEN v_seen AND vu = pv AND vh IS DISTINCT FROM ph THEN 'SILENT_CHANGE'
                    WHEN v_seen AND pushed AND (NOT e_live OR ef IS DISTINCT FROM pf) THEN 'PUSH_FAILURE'
                    WHEN v_seen AND e_live AND vf IS DISTINCT FROM ef THEN 'DRIFT'
                    WHEN NOT v_seen AND NOT p_live AND e_live THEN 'ORPHAN_EXTERNAL'
                    WHEN NOT v_seen AND (p_live OR e_live) THEN 'DELETION'
                  END AS kind FROM j) k
                WHERE kind IS NOT NULL GROUP BY kind""";
        Map<FindingKind, Long> out = new EnumMap<>(FindingKind.class);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
            while (rs.next()) {
                out.put(FindingKind.valueOf(rs.getString(1)), rs.getLong(2));
            }
        }
        return out;
    }

    private static String json(Map<String, String> fields) throws Exception {
        return Json.mapper().writeValueAsString(new TreeMap<>(fields));
    }

    private static void row(StringBuilder sb, String... cols) {
        for (int i = 0; i < cols.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (cols[i].isEmpty()) {
                continue;
            }
            sb.append('"').append(cols[i].replace("\"", "\"\"")).append('"');
        }
        sb.append('\n');
    }

    static void awaitConsumed(String bootstrap, String group, String prefix, long records) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<String> inputs = Topics.RECON_INPUTS.stream().map(t -> t.in(prefix).name()).toList();
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var d : admin.describeTopics(inputs).allTopicNames().get().values()) {
                d.partitions().forEach(i -> latest.put(new TopicPartition(d.name(), i.partition()), OffsetSpec.latest()));
            }
            while (true) {
                var ends = admin.listOffsets(latest).all().get();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                long lag = 0;
                for (var e : ends.entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    lag += e.getValue().offset() - (c == null ? 0 : c.offset());
                }
                // EOS leaves one transaction marker per partition after the last record; allow for it.
                if (lag <= latest.size() * 2L && ends.values().stream().mapToLong(x -> x.offset()).sum() >= records) {
                    return;
                }
                Thread.sleep(100);
            }
        }
    }

    static RunSummary awaitSummary(String bootstrap, Topic<RunSummary> topic, String runId) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
            c.subscribe(List.of(topic.name()));
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(20))) {
                    RunSummary s = topic.value(r);
                    if (s != null && s.runId().equals(runId)) {
                        return s;
                    }
                }
            }
        }
    }

    /** The findings read, and when the last of them arrived (the 3 s idle wait after it is not part of the figure). */
    record Collected(List<Finding> findings, long lastArrival) {
    }

    /**
     * A whole FULL run of another customer before the measured one (published, evaluated, its
     * findings released, then a pause for its cleanup), so the measured run meets a JVM whose JIT
     * has compiled the ingest and sweep paths, as a reconciler that has been running would.
     * Returns the input records it added to the topics (markers included).
     */
    static long warmUp(String bootstrap, String prefix, int keys, int partitions) throws Exception {
        PlantedDataset warm = PlantedDataset.users("warmup", keys, partitions);
        long t0 = System.nanoTime();
        Map<String, Long> native0 = cpuByNativeThreadKind();
        DatasetPublisher.publish(bootstrap, prefix, warm, true);
        awaitSummary(bootstrap, Topics.RECON_RUNS.in(prefix), warm.runId());
        Collected c = awaitFindings(bootstrap, prefix, warm.customer(), warm.expected().size());
        Thread.sleep(5_000);
        StringBuilder kinds = new StringBuilder();
        cpuByNativeThreadKind().forEach((k, v) -> kinds.append(String.format(" %s %.1f s;", k, seconds(v - native0.getOrDefault(k, 0L)))));
        System.out.printf("warm-up: a FULL run of %d keys (%d input records) evaluated and released in %.1f s, %d findings"
                + " (planted %d), then 5 s for its cleanup; its CPU by OS thread:%s%n", keys, warm.inputRecords(),
                seconds(System.nanoTime() - t0), c.findings().size(), warm.expected().size(), kinds);
        return warm.inputRecords();
    }

    static Collected awaitFindings(String bootstrap, String prefix, String customer, int expected) {
        List<Finding> out = new ArrayList<>();
        long last = System.nanoTime();
        List<Topic<Finding>> topics = List.of(Topics.RECON_GAPS.in(prefix), Topics.RECON_DRIFT.in(prefix), Topics.RECON_DELETIONS.in(prefix));
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
            c.subscribe(topics.stream().map(Topic::name).toList());
            long idleSince = System.nanoTime();
            while (out.size() < expected || System.nanoTime() - idleSince < Duration.ofSeconds(3).toNanos()) {
                var records = c.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    Finding f = Topics.RECON_GAPS.valueSerde().decode(r.value());
                    if (f.customer().equals(customer)) {
                        out.add(f);
                        idleSince = System.nanoTime();
                        last = idleSince;
                    }
                }
            }
        }
        return new Collected(out, last);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static Map<FindingKind, Long> countKinds(java.util.Collection<FindingKind> kinds) {
        Map<FindingKind, Long> m = new EnumMap<>(FindingKind.class);
        kinds.forEach(k -> m.merge(k, 1L, Long::sum));
        return m;
    }

    /**
     * CPU time of the reconciler's stream threads: unlike wall time it barely moves with the load of
     * this shared machine, so it compares builds run at different load averages.
     */
    static long streamThreadCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("StreamThread")) {
                long c = mx.getThreadCpuTime(t.getId());
                sum += Math.max(0, c);
            }
        }
        return sum;
    }

    /** CPU time of this JVM's Java threads, grouped by what they serve (by thread name). */
    static Map<String, Long> cpuByThreadGroup() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            String group = n.contains("StreamThread") && n.contains("producer") ? "streams producer I/O"
                    : n.contains("StreamThread") ? "stream thread"
                    : n.startsWith("kafka-producer-network-thread") ? "publisher producer I/O"
                    : n.equals("main") ? "publisher (main)"
                    : n.contains("kafka-request-handler") || n.contains("data-plane") || n.contains("broker") || n.contains("kafka")
                            || n.contains("quorum") || n.contains("raft") || n.contains("log") || n.contains("Processor")
                            || n.contains("ReplicaManager") || n.contains("transaction") ? "broker"
                    : "other Java threads";
            long c = mx.getThreadCpuTime(t.getId());
            out.merge(group, Math.max(0, c), Long::sum);
        }
        return out;
    }

    /**
     * CPU time of every OS thread of this JVM from /proc, grouped into GC, JIT, RocksDB and Java
     * threads by the thread's name there (Java threads carry their Java name, cut to 15 characters).
     * Threads that ended in between are not counted.
     */
    static Map<String, Long> cpuByNativeThreadKind() {
        Map<String, Long> out = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String comm = Files.readString(t.resolve("comm")).trim();
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    String kind = comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")
                            || comm.startsWith("GC ") ? "GC"
                            : comm.contains("CompilerThre") ? "JIT"
                            : comm.startsWith("rocksdb") ? "RocksDB background"
                            : "Java and other threads";
                    out.merge(kind, ticks * 10_000_000L, Long::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended while we read it: its time is not counted
                }
            }
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }

    /**
     * The stream thread's /proc schedstat: nanoseconds on a CPU and nanoseconds runnable but
     * queued for one (the shared machine's contention, which wall-clock figures include). The
     * thread is told apart by its OS name (the application id, cut to 15 characters) and its CPU
     * time (the stream thread is by far the busiest thread of that name). Empty if not found.
     */
    static long[] streamThreadSchedstat() {
        long[] best = new long[0];
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    if (!Files.readString(t.resolve("comm")).startsWith("recon-bench-")) {
                        continue;
                    }
                    String[] f = Files.readString(t.resolve("schedstat")).trim().split(" ");
                    long[] v = {Long.parseLong(f[0]), Long.parseLong(f[1])};
                    if (best.length == 0 || v[0] > best[0]) {
                        best = v;
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended while we read it
                }
            }
        } catch (java.io.IOException e) {
            return new long[0];
        }
        return best;
    }

    static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    static long jvmCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    static long peakRssMb() {
        return statusMb("self", "VmHWM:");
    }

    /** A memory line of /proc/PID/status in MB; -1 if it cannot be read (the process ended). */
    static long statusMb(String pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static boolean flag(String[] args, String name) {
        return java.util.Arrays.asList(args).contains(name);
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
