package io.vomorecon.sink.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vomorecon.platform.postgres.EmbeddedPg;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.FieldMapping;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.sink.config.DestinationConfig;
import io.vomorecon.sink.config.RetryConfig;
import io.vomorecon.sink.config.WritesConfig;
import io.vomorecon.sink.external.ApplyResult;
import io.vomorecon.sink.external.JdbcExternalSystem;
import io.vomorecon.sink.plan.ActionIds;
import io.vomorecon.sink.runtime.ResilientWriter;
import io.vomorecon.sink.runtime.Throttle;
import io.vomorecon.sink.runtime.WriteResult;
import io.vomorecon.sink.plan.WriteAction;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Corrections applied per second to PostgreSQL: N RE_PROCESS actions (users, every mapped field
 * set) through the real write path (waves, chunks, retry, the guarded upsert), with multi-row
 * statements on, then off, into an emptied table each pass. Prints each pass, the medians and
 * their ratio. Arguments: actions per pass (100000), passes per mode (3), rows per statement
 * (500). How to run it: docs/benchmarks.md, "Corrections sink".
 */
public final class SinkBenchmark {

    private SinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int actions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Clock clock = Clock.systemUTC();
        try (EmbeddedPg pg = EmbeddedPg.start(Optional.empty(), 0)) {
            pg.createDatabase("bench");
            DestinationConfig dest = new DestinationConfig(pg.jdbcUrl("bench"), Optional.empty(), Optional.empty(), 4,
                    Duration.ofSeconds(5), true);
            try (JdbcExternalSystem ext = JdbcExternalSystem.open(dest, clock)) {
                ext.createTables();
                List<WriteAction> work = actions(actions);
                ResilientWriter batched = new ResilientWriter(ext, new WritesConfig(true, batchSize, 0), RetryConfig.defaults(), Throttle.unlimited());
                ResilientWriter single = new ResilientWriter(ext, new WritesConfig(false, batchSize, 0), RetryConfig.defaults(), Throttle.unlimited());

                System.out.printf("SinkBenchmark: %,d RE_PROCESS actions per pass, %d passes per mode, batch size %d, %d cores, max heap %d MiB%n",
                        actions, passes, batchSize, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
                // warm-up: JIT and PostgreSQL caches, not measured
                run(pg, batched, work.subList(0, Math.min(work.size(), 20_000)));
                run(pg, single, work.subList(0, Math.min(work.size(), 5_000)));

                List<Double> on = new ArrayList<>();
                List<Double> off = new ArrayList<>();
                for (int p = 1; p <= passes; p++) {
                    double b = run(pg, batched, work);
                    on.add(b);
                    System.out.printf("pass %d  batching on : %,10.0f corrections/s%n", p, b);
                    double s = run(pg, single, work);
                    off.add(s);
                    System.out.printf("pass %d  batching off: %,10.0f corrections/s%n", p, s);
                }
                double mOn = median(on);
                double mOff = median(off);
                System.out.printf("median   batching on : %,10.0f corrections/s (target >= 10,000)%n", mOn);
                System.out.printf("median   batching off: %,10.0f corrections/s%n", mOff);
                System.out.printf("ratio on/off: %.1fx%n", mOn / mOff);
            }
        }
    }

    /** One pass into an empty table; every action must come back APPLIED, or the figure would be meaningless. */
    private static double run(EmbeddedPg pg, ResilientWriter writer, List<WriteAction> work) throws Exception {
        try (Connection c = pg.dataSource("bench").getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE " + FieldMapping.table(Resource.USERS));
            s.execute("VACUUM ANALYZE " + FieldMapping.table(Resource.USERS));
        }
        long start = System.nanoTime();
        List<WriteResult> results = writer.write(work);
        long nanos = System.nanoTime() - start;
        long applied = results.stream().filter(r -> r instanceof WriteResult.Done d && d.result().status() == ApplyResult.Status.APPLIED).count();
        if (applied != work.size()) {
            throw new IllegalStateException("only " + applied + " of " + work.size() + " actions were applied");
        }
        return work.size() / (nanos / 1e9);
    }

    private static List<WriteAction> actions(int n) {
        Instant version = Instant.parse("2025-03-01T10:00:00Z");
        List<WriteAction> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String customer = "bench-" + (i % 4);
            ObjectNode r = Json.mapper().createObjectNode();
            r.put("id", i);
            r.put("email", "Volunteer" + i + "@Example.org");
            r.put("first_name", "First" + i);
            r.put("last_name", "Last" + i);
            r.put("phone", "555-01" + String.format("%02d", i % 100) + "-" + String.format("%04d", i % 10_000));
            r.put("birthday", "1990-01-" + String.format("%02d", 1 + i % 28));
            r.put("membership_status", i % 10 == 0 ? "Invited" : "Active");
            r.put("membership_role", "Volunteer");
            r.put("updated_at", version.toString());
            String key = RecordKey.of(customer, Resource.USERS, String.valueOf(i)).encode();
            String hash = ContentHash.of(r);
            out.add(new WriteAction(ActionIds.reprocess(key, Optional.of(version), Optional.of(hash)), ActionKind.RE_PROCESS, key, customer,
                    Resource.USERS, Optional.of(version), Optional.of(hash), FieldMapping.fromVomo(Resource.USERS, r), false));
        }
        return out;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Double::compare);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }
}
