package io.vomorecon.schemas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Instants of years 0000 to 9999 in every precision {@link Instant#toString()} writes (none, milli, micro, tenth, nano). */
final class RandomInstants {

    private RandomInstants() {
    }

    static List<Instant> of(long seed, int count) {
        Random r = new Random(seed);
        List<Instant> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long seconds = r.nextLong(-62_167_219_200L, 253_402_300_800L);
            int nanos = switch (i % 5) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1000;
                case 3 -> r.nextInt(10) * 100_000_000;
                default -> r.nextInt(1_000_000_000);
            };
            out.add(Instant.ofEpochSecond(seconds, nanos));
        }
        return out;
    }
}
