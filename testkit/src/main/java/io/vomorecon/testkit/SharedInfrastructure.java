package io.vomorecon.testkit;

import io.vomorecon.platform.files.DirectoryTrees;
import io.vomorecon.platform.kafka.EmbeddedKafka;
import io.vomorecon.platform.postgres.EmbeddedPg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            Path dir;
            try {
                dir = Files.createTempDirectory("vomo-recon-it-kafka");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            kafka = EmbeddedKafka.start(dir, 0);
            EmbeddedKafka started = kafka;
            // the broker's log of a test JVM is a few hundred MB: gone with the JVM, as PostgreSQL's temporary data is
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                try {
                    DirectoryTrees.delete(dir);
                } catch (IOException e) {
                    System.err.println("the test broker's log was not deleted: " + dir + " (" + e + ")");
                }
            }, "it-kafka-shutdown"));
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
