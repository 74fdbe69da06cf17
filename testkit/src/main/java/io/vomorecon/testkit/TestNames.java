package io.vomorecon.testkit;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh names so that integration tests sharing one broker and one database server never see each other's data. */
public final class TestNames {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private TestNames() {
    }

    /** A topic prefix such as {@code it3-a1b2c3.}: pass it to {@code Topic.in} and {@code TopicBootstrap.ensure}. */
    public static String uniquePrefix() {
        return "it" + COUNTER.incrementAndGet() + "-" + RUN + ".";
    }

    /** A database name such as {@code it_4_a1b2c3}. */
    public static String uniqueDatabase() {
        return "it_" + COUNTER.incrementAndGet() + "_" + RUN.replace('-', '_');
    }

    /** A consumer group or Streams application id. */
    public static String uniqueId(String base) {
        return base + "-" + COUNTER.incrementAndGet() + "-" + RUN;
    }
}
