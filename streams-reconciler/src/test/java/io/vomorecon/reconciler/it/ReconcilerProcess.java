package io.vomorecon.reconciler.it;

import io.vomorecon.reconciler.cli.ReconcilerCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The reconciler in its own JVM (the test classpath, the real command), so the test can SIGKILL it. */
final class ReconcilerProcess implements AutoCloseable {

    static final String SECRET_ENV = "RECON_IT_ADMIN_SECRET";

    private final Process process;
    private final Path log;

    private ReconcilerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ReconcilerProcess start(Path config, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx768m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ReconcilerCommand.class.getName());
        cmd.add("--config");
        cmd.add(config.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put(SECRET_ENV, "it-admin-secret-0123456789abcdef");
        return new ReconcilerProcess(pb.start(), log);
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
