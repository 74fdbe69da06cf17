package io.vomorecon.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VomoReconCliTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = VomoRecon.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("broker", "topics");
    }

    @Test
    void aBadConfigValueFailsWithOneLineNamingTheKeyAndExitCode2() throws Exception {
        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "bootstrap-servers: localhost:9092\ninput-partitions: 0\n");
        Run r = run("topics", "create", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("'input-partitions'").contains("fix:");
    }

    @Test
    void anUnknownConfigKeyIsNamed() throws Exception {
        Path cfg = dir.resolve("typo.yaml");
        Files.writeString(cfg, "bootstrap-server: localhost:9092\n");
        Run r = run("topics", "describe", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'bootstrap-server'").contains("not a known key");
    }

    @Test
    void aMissingConfigFileIsReported() {
        Run r = run("topics", "create", "--config", dir.resolve("nope.yaml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
    }
}
