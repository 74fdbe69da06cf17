package io.vomorecon.sink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SinkCommandTest {

    @TempDir
    Path dir;

    @Test
    void badConfigurationExitsWithCodeTwoBeforeTouchingAnything() throws Exception {
        Path f = dir.resolve("sink.yaml");
        Files.writeString(f, "bootstrap-servers: localhost:1\ndestination:\n  jdbc-url: jdbc:mysql://x/y\n");
        assertThat(new CommandLine(new SinkCommand()).execute("--config", f.toString())).isEqualTo(2);
        assertThat(new CommandLine(new SinkCommand()).execute("--config", dir.resolve("missing.yaml").toString())).isEqualTo(2);
    }

    @Test
    void theCommandIsNamedSinkAndTakesAConfigFile() {
        CommandLine cl = new CommandLine(new SinkCommand());
        assertThat(cl.getCommandName()).isEqualTo("sink");
        assertThat(cl.getCommandSpec().findOption("--config")).isNotNull();
    }
}
