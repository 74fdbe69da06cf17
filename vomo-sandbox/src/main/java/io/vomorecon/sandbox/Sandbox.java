package io.vomorecon.sandbox;

import io.vomorecon.sandbox.api.ApiFault;
import io.vomorecon.sandbox.api.ApiServer;
import io.vomorecon.sandbox.api.CustomerControls;
import io.vomorecon.sandbox.api.Render;
import io.vomorecon.sandbox.truth.GroundTruth;
import io.vomorecon.sandbox.truth.TruthClass;
import io.vomorecon.sandbox.world.CustomerWorld;
import io.vomorecon.sandbox.world.SandboxWorld;
import io.vomorecon.schemas.RecordKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VOMO sandbox in-process: the generated world, the API on a real socket, the simulated
 * clock, the mutation engine and the ground truth. The demo and the tests start one, point
 * clients at {@link #baseUrl()} with a customer's token, play time forward with
 * {@link #advance(Duration)}, switch faults per customer, and score against {@link #truth()}.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final SandboxConfig config;
    private final SimClock clock;
    private final SandboxWorld world;
    private final GroundTruth truth;
    private final Map<String, CustomerControls> controls = new LinkedHashMap<>();
    private final ApiServer server;
    private final io.vomorecon.sandbox.mutation.MutationEngine engine;

    private Sandbox(SandboxConfig config, LongSupplier nanoTicker) {
        this.config = config;
        this.clock = new SimClock(config.start());
        long t0 = System.nanoTime();
        this.world = SandboxWorld.generate(config.customers(), config.seed(), clock.epochSecond());
        LOG.info("generated {} sandbox customer(s) from seed {} in {} ms", config.customers().size(), config.seed(),
                (System.nanoTime() - t0) / 1_000_000);
        this.truth = new GroundTruth(clock);
        for (CustomerWorld w : world.customers()) {
            controls.put(w.slug(), new CustomerControls(config.rateLimit(), config.faults(),
                    config.seed() * 31 + w.ordinal(), nanoTicker));
        }
        this.engine = new io.vomorecon.sandbox.mutation.MutationEngine(world, clock, truth, config.rates(), config.seed(),
                this::startStormFromEngine);
        this.server = ApiServer.start(world, clock, new Render(config.quirks()), truth, controls, config.port(),
                config.serverThreads());
    }

    /** Generates the world and starts the API; rate limits run on {@link System#nanoTime()} (a monotonic tick). */
    public static Sandbox start(SandboxConfig config) {
        return new Sandbox(config, System::nanoTime);
    }

    public static Sandbox start(SandboxConfig config, LongSupplier nanoTicker) {
        return new Sandbox(config, nanoTicker);
    }

    public SandboxConfig config() {
        return config;
    }

    /** e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    /** The HTTP server (the benchmark adds its baseline handler to it). */
    public ApiServer apiServer() {
        return server;
    }

    public SimClock clock() {
        return clock;
    }

    public GroundTruth truth() {
        return truth;
    }

    /** The raw world (tests and the reference sync's truth bookkeeping read it under its lock). */
    public SandboxWorld world() {
        return world;
    }

    public List<SandboxCustomer> customers() {
        return world.customers().stream().map(Sandbox::describe).toList();
    }

    public SandboxCustomer customer(String id) {
        return describe(world.require(id));
    }

    private static SandboxCustomer describe(CustomerWorld w) {
        return new SandboxCustomer(w.slug(), w.organization().id(), w.organization().slug(), w.sister().id(), w.token(),
                w.read(w::userCount));
    }

    /**
     * Plays the mutation engine forward: the simulated clock moves by {@code by}, and every change
     * the rates call for happens at its own simulated instant and is recorded in the ground truth.
     */
    public void advance(Duration by) {
        engine.advance(by);
    }

    /** The mutation engine, for tests that inject one specific change. */
    public io.vomorecon.sandbox.mutation.MutationEngine mutations() {
        return engine;
    }

    public CustomerControls controls(String customer) {
        CustomerControls c = controls.get(customer);
        if (c == null) {
            throw new IllegalArgumentException("no sandbox customer '" + customer + "'");
        }
        return c;
    }

    public void setFaults(String customer, FaultSettings settings) {
        controls(customer).faults().settings(settings);
        LOG.info("fault settings of {} changed", customer);
    }

    /** Forces the next {@code times} applicable requests of a customer to get a fault (STORM: a 429 storm of that many). */
    public void forceFault(String customer, ApiFault fault, int times) {
        if (fault == ApiFault.STORM) {
            startStorm(customer, times);
        } else {
            controls(customer).faults().force(fault, times);
        }
    }

    public void startStorm(String customer, int requests) {
        controls(customer).faults().startStorm(requests);
        truth.record(customer, RecordKey.customerPrefix(customer), TruthClass.RATE_LIMIT_STORM, requests + " requests refused with 429");
    }

    private void startStormFromEngine(String customer, double days) {
        CustomerControls c = controls(customer);
        int storms = c.faults().stormsFor(days);
        for (int i = 0; i < storms; i++) {
            startStorm(customer, c.faults().settings().stormRequests());
        }
    }

    public void setRateLimit(String customer, RateLimit limit) {
        controls(customer).bucket().setLimit(limit);
    }

    @Override
    public void close() {
        server.close();
        LOG.info("VOMO sandbox stopped");
    }
}
