package io.vomorecon.app.cli;

import io.vomorecon.app.FoundationConfig;
import io.vomorecon.platform.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by the foundation commands. */
public final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration; every key can be overridden by VOMO_RECON_<KEY> (e.g. VOMO_RECON_BOOTSTRAP_SERVERS).")
    Path file;

    public FoundationConfig load() {
        return ConfigLoader.load(FoundationConfig.class, Optional.ofNullable(file));
    }
}
