package io.vomorecon.reconciler.bench;

import static io.vomorecon.reconciler.bench.ReconcilerBenchmark.flag;
import static io.vomorecon.reconciler.bench.ReconcilerBenchmark.intArg;
import static io.vomorecon.reconciler.bench.ReconcilerBenchmark.seconds;
import static io.vomorecon.reconciler.bench.ReconcilerBenchmark.statusMb;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.kafka.TopicBootstrap;
import io.vomorecon.reconciler.cli.ReconcilerCommand;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.RunCompleted;
import io.vomorecon.schemas.values.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The benchmark with the reconciler in its own JVM (the real {@code reconciler} command, as the
 * crash IT starts it), so its resident memory is measured alone: the broker and the generator
 * stay in this JVM. The data set is generated key by key while it is published (nothing held),
 * before the reconciler starts, so N can exceed any heap; input throughput is then the
 * reconciler draining that backlog (first committed offset → all committed). Sets
 * {@code --reconciler-heap} (default 512m) as the child's -Xmx, so heap growth cannot pass for
 * state growth. No in-memory or SQL baseline in this mode (they need the data set in memory).
 */
final class SeparateJvmRun {

    private SeparateJvmRun() {
    }

    static void run(String[] args, int keys, int partitions) throws Exception {
        String heap = stringArg(args, "--reconciler-heap", "512m");
        int commitMs = intArg(args, "--commit-ms", 100);
        Path work = Files.createTempDirectory("reconciler-bench");
        String customer = "acme";
        String runId = PlantedDataset.runId(customer);
        Map<String, FindingKind> expected = new HashMap<>();
        long inputs = 0;
        for (int i = 0; i < keys; i++) {
            PlantedDataset.KeyRows rows = PlantedDataset.keyRows(customer, runId, i);
            inputs += (rows.snapshot().isPresent() ? 1 : 0) + (rows.partner().isPresent() ? 1 : 0) + (rows.external().isPresent() ? 1 : 0);
            rows.expected().ifPresent(k -> expected.put(rows.key(), k));
        }
        List<RunCompleted> markers = PlantedDataset.markers(customer, runId, keys, partitions);
        System.out.printf("reconciler benchmark (separate JVM, -Xmx%s): %d keys, %d partitions, %d input records, %d planted findings,"
                + " %d cores, java %s%n", heap, keys, partitions, inputs, expected.size(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            String prefix = "bench.";
            TopicBootstrap.ensure(bootstrap, prefix, partitions, (short) 1);
            long p0 = System.nanoTime();
            DatasetPublisher.publishGenerated(bootstrap, prefix, customer, runId, keys);
            System.out.printf("published %d input records in %.1f s (before the reconciler starts)%n", inputs,
                    seconds(System.nanoTime() - p0));

            Path config = config(work, bootstrap, prefix, commitMs, args);
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                    "-cp", System.getProperty("java.class.path"), ReconcilerCommand.class.getName(), "--config", config.toString());
            Path log = work.resolve("reconciler.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("BENCH_ADMIN_SECRET", "bench-secret-" + System.nanoTime());
            long launched = System.nanoTime();
            Process child = pb.start();
            String pid = String.valueOf(child.pid());
            AtomicLong peakRss = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (child.isAlive()) {
                    peakRss.accumulateAndGet(statusMb(pid, "VmRSS:"), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
            try {
                long[] firstAndDone = awaitDrained(bootstrap, "recon-bench", prefix, inputs, child);
                double rate = inputs / seconds(firstAndDone[1] - firstAndDone[0]);
                long rssAfterIngest = statusMb(pid, "VmRSS:");
                System.out.printf("input: drained by the reconciler (EOS) in %.1f s from its first commit (%.1f s from launch):"
                        + " %.0f input records/s; reconciler RSS after ingest %d MB%n", seconds(firstAndDone[1] - firstAndDone[0]),
                        seconds(firstAndDone[1] - launched), rate, rssAfterIngest);

                long tm = System.nanoTime();
                DatasetPublisher.publishMarkers(bootstrap, prefix, markers);
                long tl = System.nanoTime();
                RunSummary summary = ReconcilerBenchmark.awaitSummary(bootstrap, Topics.RECON_RUNS.in(prefix), runId);
                long ts = System.nanoTime();
                ReconcilerBenchmark.Collected collected = ReconcilerBenchmark.awaitFindings(bootstrap, prefix, customer, expected.size());
                Map<String, FindingKind> byKey = new HashMap<>();
                collected.findings().forEach(f -> byKey.put(f.key(), f.kind()));
                boolean exact = byKey.equals(expected) && collected.findings().size() == expected.size();
                System.out.printf("evaluation: last RUN_COMPLETED acknowledged -> run summary %.2f s (first marker sent -> summary"
                        + " %.2f s); all findings released %.2f s after the last marker%n", seconds(ts - tl), seconds(ts - tm),
                        seconds(collected.lastArrival() - tl));
                System.out.printf("findings: found %d, planted %d, identical per key: %s; summary %s%n", collected.findings().size(),
                        expected.size(), exact, summary.findings());
                System.out.printf("reconciler JVM: peak RSS %d MB (VmHWM; sampled peak %d MB), RSS now %d MB, -Xmx%s%n",
                        statusMb(pid, "VmHWM:"), peakRss.get(), statusMb(pid, "VmRSS:"), heap);
                if (!exact) {
                    System.out.println("FAIL: findings found differ from the planted ones");
                }
                stop(child);
                String keepLog = stringArg(args, "--keep-log", "");
                if (!keepLog.isEmpty()) {
                    Files.copy(log, Path.of(keepLog), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                io.vomorecon.platform.files.DirectoryTrees.delete(work);
                System.exit(exact ? 0 : 1);
            } finally {
                stop(child);
            }
        }
    }

    private static void stop(Process child) throws InterruptedException {
        if (child.isAlive()) {
            child.destroy();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
            }
        }
    }

    /** Waits until the group committed every input offset; returns [first commit seen, all committed] in nanos. */
    private static long[] awaitDrained(String bootstrap, String group, String prefix, long records, Process child) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<String> inputs = Topics.RECON_INPUTS.stream().map(t -> t.in(prefix).name()).toList();
        long first = 0;
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            for (var d : admin.describeTopics(inputs).allTopicNames().get().values()) {
                d.partitions().forEach(i -> latest.put(new TopicPartition(d.name(), i.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()));
            }
            var ends = admin.listOffsets(latest).all().get();
            long end = ends.values().stream().mapToLong(x -> x.offset()).sum();
            while (true) {
                if (!child.isAlive()) {
                    throw new IllegalStateException("the reconciler exited with " + child.exitValue() + " during ingest");
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                long done = 0;
                for (var e : ends.keySet()) {
                    OffsetAndMetadata c = committed.get(e);
                    done += c == null ? 0 : c.offset();
                }
                long now = System.nanoTime();
                if (first == 0 && done > 0) {
                    first = now;
                }
                if (end - done <= latest.size() * 2L && end >= records) {
                    return new long[] {first, now};
                }
                Thread.sleep(100);
            }
        }
    }

    private static Path config(Path work, String bootstrap, String prefix, int commitMs, String[] args) throws Exception {
        Path f = work.resolve("reconciler.yaml");
        List<String> lines = new ArrayList<>(List.of(
                "bootstrap-servers: " + bootstrap,
                "application-id: recon-bench",
                "topic-prefix: " + prefix,
                "state-dir: " + work.resolve("state"),
                "commit-interval: " + commitMs + "ms",
                "rocksdb:",
                "  block-cache-mb: " + intArg(args, "--block-cache-mb", 64),
                "  write-buffer-mb: " + intArg(args, "--write-buffer-mb", 32),
                "anomaly:",
                "  defaults:",
                "    mass-deletion-threshold: 1000000000",
                "review:",
                "  admin-secret-env: BENCH_ADMIN_SECRET",
                ""));
        if (flag(args, "--rocksdb-unbounded")) {
            lines.add(lines.indexOf("rocksdb:") + 1, "  bounded: false");
        }
        Files.writeString(f, String.join("\n", lines));
        return f;
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
