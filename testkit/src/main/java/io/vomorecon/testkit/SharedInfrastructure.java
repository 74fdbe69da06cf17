package io.vomorecon.testkit;

import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.postgres.EmbeddedPg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The one broker and the one PostgreSQL of a test JVM, started on first use and stopped when
 * the JVM exits. Integration tests share them and isolate themselves with {@link TestNames}.
 */
public final class SharedInfrastructure {

    private static EmbeddedKafka kafka;
    private static EmbeddedPg postgres;

    private SharedInfrastructure() {
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            try {
                kafka = EmbeddedKafka.start(Files.createTempDirectory("vomo-recon-it-kafka"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "it-kafka-shutdown"));
        }
        return kafka;
    }

    public static synchronized EmbeddedPg postgres() {
        if (postgres == null) {
            postgres = EmbeddedPg.start(Optional.empty(), 0);
            EmbeddedPg started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "it-postgres-shutdown"));
        }
        return postgres;
    }
}
