package io.vomorecon.sandbox.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.datafaker.Faker;

/**
 * Plausible names, streets, cities and domains drawn once from datafaker (seeded), then combined
 * with a plain {@link Random}: a 50,000-user customer costs a few hundred faker calls instead of
 * hundreds of thousands, and the same seed gives the same pools.
 */
public final class NamePools {

    static final String[][] STATES = {
            {"NY", "America/New_York"}, {"MA", "America/New_York"}, {"PA", "America/New_York"}, {"GA", "America/New_York"},
            {"IL", "America/Chicago"}, {"TX", "America/Chicago"}, {"MN", "America/Chicago"},
            {"CO", "America/Denver"}, {"AZ", "America/Phoenix"},
            {"CA", "America/Los_Angeles"}, {"WA", "America/Los_Angeles"}, {"OR", "America/Los_Angeles"}};

    final List<String> firstNames;
    final List<String> lastNames;
    final List<String> streets;
    final List<String> cities;
    final List<String> domains;
    final List<String> words;

    private NamePools(List<String> firstNames, List<String> lastNames, List<String> streets, List<String> cities,
                      List<String> domains, List<String> words) {
        this.firstNames = firstNames;
        this.lastNames = lastNames;
        this.streets = streets;
        this.cities = cities;
        this.domains = domains;
        this.words = words;
    }

    public static NamePools generate(long seed) {
        Faker faker = new Faker(new Random(seed));
        return new NamePools(
                distinct(400, () -> faker.name().firstName()),
                distinct(600, () -> faker.name().lastName()),
                distinct(300, () -> faker.address().streetName()),
                distinct(150, () -> faker.address().cityName()),
                distinct(40, () -> faker.internet().domainName()),
                distinct(200, () -> faker.lorem().word()));
    }

    /** Up to n distinct values, in sorted order so the pool does not depend on set iteration. */
    private static List<String> distinct(int n, java.util.function.Supplier<String> source) {
        TreeSet<String> out = new TreeSet<>();
        for (int tries = 0; out.size() < n && tries < n * 4; tries++) {
            String v = source.get().replace('\'', ' ').trim();
            if (!v.isEmpty() && v.indexOf('@') < 0) {
                out.add(v);
            }
        }
        return new ArrayList<>(out);
    }

    static String pick(Random r, List<String> pool) {
        return pool.get(r.nextInt(pool.size()));
    }
}
