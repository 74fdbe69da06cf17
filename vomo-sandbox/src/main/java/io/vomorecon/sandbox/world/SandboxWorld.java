package io.vomorecon.sandbox.world;

import io.vomorecon.sandbox.CustomerSpec;
import io.vomorecon.schemas.ContentHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every customer organisation of one sandbox, generated from one seed. Customers keep the order
 * of the configuration; tokens are throwaway values derived from the seed and the slug.
 */
public final class SandboxWorld {

    private final Map<String, CustomerWorld> bySlug = new LinkedHashMap<>();
    private final Map<String, CustomerWorld> byToken = new java.util.HashMap<>();
    private final RecordFactory factory;
    private final long seed;

    private SandboxWorld(RecordFactory factory, long seed) {
        this.factory = factory;
        this.seed = seed;
    }

    public static SandboxWorld generate(List<CustomerSpec> customers, long seed, long startEpochSecond) {
        RecordFactory factory = new RecordFactory(NamePools.generate(seed), new IdSequences());
        SandboxWorld world = new SandboxWorld(factory, seed);
        WorldGenerator generator = new WorldGenerator(factory);
        int ordinal = 0;
        for (CustomerSpec spec : customers) {
            if (world.bySlug.containsKey(spec.slug())) {
                throw new IllegalArgumentException("customer " + spec.slug() + " is configured twice");
            }
            long parentId = 9000 + 3L * ordinal;
            Organization parent = new Organization(parentId, spec.slug() + " network", spec.slug() + "-network", "parent",
                    0, List.of(parentId + 1, parentId + 2));
            Organization own = new Organization(parentId + 1, displayName(spec.slug()), spec.slug(), "organization", parentId, List.of());
            Organization sister = new Organization(parentId + 2, displayName(spec.slug()) + " East", spec.slug() + "-east",
                    "organization", parentId, List.of());
            String token = "sbx_" + ContentHash.stableId("sandbox-token", Long.toString(seed), spec.slug());
            CustomerWorld w = new CustomerWorld(spec.slug(), ordinal, own, sister, parent, token);
            // under the write lock like every later change: it publishes the records to the API's
            // threads and counts as a write for the cached list orders
            w.write(() -> generator.populate(w, spec.users(), seed, startEpochSecond));
            world.bySlug.put(spec.slug(), w);
            world.byToken.put(token, w);
            ordinal++;
        }
        return world;
    }

    private static String displayName(String slug) {
        return Character.toUpperCase(slug.charAt(0)) + slug.substring(1).replace('-', ' ');
    }

    public List<CustomerWorld> customers() {
        return new ArrayList<>(bySlug.values());
    }

    public Optional<CustomerWorld> customer(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    public CustomerWorld require(String slug) {
        return customer(slug).orElseThrow(() -> new IllegalArgumentException("no sandbox customer '" + slug + "'"));
    }

    public Optional<CustomerWorld> byToken(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    public RecordFactory factory() {
        return factory;
    }

    public long seed() {
        return seed;
    }
}
