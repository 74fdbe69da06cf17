package io.vomorecon.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vomo-recon broker} as an operator runs it: a separate JVM that becomes ready, stops
 * cleanly on SIGTERM, and on the next start finds its data (and its topics) again.
 */
class BrokerCommandIT {

    @TempDir
    Path data;

    @Test
    void brokerStartsStopsOnSigtermAndRestartsOnItsData() throws Exception {
        List<String> first = runUntilReadyThenTerminate();
        assertThat(first).anyMatch(l -> l.contains("formatted new"));
        assertThat(first).anyMatch(l -> l.contains("topics ready: 15 (15 created now)"));

        List<String> second = runUntilReadyThenTerminate();
        assertThat(second).anyMatch(l -> l.contains("existing data"));
        assertThat(second).anyMatch(l -> l.contains("topics ready: 15 (0 created now)"));
    }

    private List<String> runUntilReadyThenTerminate() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                VomoRecon.class.getName(), "broker", "--data-dir", data.toString(), "--port", "0");
        pb.redirectErrorStream(true);
        Process process = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader failed: " + e);
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> lines.stream().anyMatch(l -> l.contains("broker listening")));
            // SIGTERM as an operator or Kubernetes sends it (Process.destroy would also close our end of its output).
            new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("broker exits after SIGTERM").isTrue();
            // 143 = terminated by SIGTERM after the shutdown hooks ran; the hook logs the clean stop.
            assertThat(process.exitValue()).isIn(0, 143);
            reader.join(5000);
            assertThat(lines).anyMatch(l -> l.contains("embedded Kafka broker on port") && l.contains("stopped"));
            return lines;
        } finally {
            process.destroyForcibly();
        }
    }
}
