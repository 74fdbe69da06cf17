package io.vomorecon.poller.run;

import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.RunSource;
import io.vomorecon.schemas.values.TimeWindow;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** What one run reads: its id, customer, resource, kind, source side, window (INCREMENTAL, PARTICIPATIONS) and start. */
public record RunSpec(
        String runId,
        String customer,
        Resource resource,
        RunKind kind,
        RunSource source,
        Optional<TimeWindow> window,
        Instant startedAt) {

    public RunSpec {
        window = window == null ? Optional.empty() : window;
    }

    /** A new run with an id in the contract's shape: {@code r-<customer>-<resource>-<kind>-<epochSecond>-<4 hex>}. */
    public static RunSpec start(String customer, Resource resource, RunKind kind, RunSource source,
                                Optional<TimeWindow> window, Instant startedAt, RandomGenerator random) {
        String id = "r-" + customer + "-" + resource.path() + "-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "-" + startedAt.getEpochSecond() + "-" + String.format("%04x", random.nextInt(0x10000));
        return new RunSpec(id, customer, resource, kind, source, window, startedAt);
    }

    /** {@code acme/users FULL}: how the run is named in log lines. */
    public String label() {
        return customer + "/" + resource.path() + " " + kind + (source == RunSource.EXTERNAL ? " (destination)" : "");
    }
}
