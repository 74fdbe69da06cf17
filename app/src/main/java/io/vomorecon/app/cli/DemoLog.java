package io.vomorecon.app.cli;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Where the demo's component logs go. The demo's console is for its progress lines, so the
 * components' INFO lines (about 50,000 in a run: every run, batch and verdict) go to a
 * file in the demo's folder, and the console keeps warnings and errors. {@code --verbose} keeps
 * everything on the console as well. Only the demo does this; the other commands log to stderr.
 */
final class DemoLog {

    private static final String CONSOLE = "err";

    private DemoLog() {
    }

    /** Sends every log line to {@code file} and leaves only WARN and above on the console unless {@code verbose}. */
    static void toFile(Path file, boolean verbose) {
        if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
            return;
        }
        Configuration config = ctx.getConfiguration();
        FileAppender out = FileAppender.newBuilder()
                .setName("demo-file")
                .withFileName(file.toAbsolutePath().toString())
                .withAppend(false)
                .withImmediateFlush(true)
                .setLayout(PatternLayout.newBuilder().withConfiguration(config)
                        .withPattern("%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n").build())
                .setConfiguration(config)
                .build();
        out.start();
        config.addAppender(out);
        LoggerConfig root = config.getRootLogger();
        root.addAppender(out, null, null);
        Appender console = config.getAppender(CONSOLE);
        if (console != null && !verbose) {
            root.removeAppender(CONSOLE);
            root.addAppender(console, Level.WARN, null);
        }
        ctx.updateLoggers();
    }
}
