package io.vomorecon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vomorecon.sandbox.cli.SandboxCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command refuses bad configuration with exit code 2 and a message naming the key and the fix. */
class SandboxCommandTest {

    int run(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new SandboxCommand());
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void anUnknownFaultProfileExitsWith2AndSaysWhatToUse() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "--faults", "sometimes", "--no-partner")).isEqualTo(2);
        assertThat(err.toString()).contains("'faults'").contains("none, realistic or chaos");
    }

    @Test
    void tooSmallACustomerExitsWith2() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "--sizes", "3", "--no-partner")).isEqualTo(2);
        assertThat(err.toString()).contains("'customers'").contains("at least 10 users");
    }
}
