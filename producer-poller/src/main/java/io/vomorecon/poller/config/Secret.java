package io.vomorecon.poller.config;

import io.vomorecon.platform.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A secret value (a VOMO token, a database password) read from where the configuration points:
 * an environment variable or a file. It never prints itself: {@link #toString()} is masked, and
 * errors name the reference (variable or file), never the value.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** The raw value, for the one place that must send it (an Authorization header, a JDBC login). */
    public String reveal() {
        return value;
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /**
     * Reads the secret from {@code envName} or {@code file}; {@code key} is the configuration key
     * that named them, for the error message.
     */
    public static Secret resolve(Optional<String> envName, Optional<String> file, String key, Map<String, String> env) {
        if (envName.isPresent()) {
            String v = env.get(envName.get());
            ConfigException.check(v != null && !v.isBlank(), key, "names environment variable " + envName.get() + ", which is not set",
                    "export " + envName.get() + " before starting, or use a secret file");
            return new Secret(v.trim());
        }
        if (file.isPresent()) {
            Path p = Path.of(file.get());
            try {
                String v = Files.readString(p, StandardCharsets.UTF_8).trim();
                ConfigException.check(!v.isEmpty(), key, "names file " + p + ", which is empty", "write the secret into it");
                return new Secret(v);
            } catch (IOException e) {
                throw new ConfigException(key, "names file " + p + ", which cannot be read (" + e.getClass().getSimpleName() + ")",
                        "make the file exist and be readable by this process");
            }
        }
        throw new ConfigException(key, "names no secret", "give an environment variable or a file");
    }

    /** The token of a customer, from its {@code token-env} or {@code token-file}. */
    public static Secret token(CustomerConfig c, String at, Map<String, String> env) {
        return resolve(c.tokenEnv(), c.tokenFile(), at + (c.tokenEnv().isPresent() ? ".token-env" : ".token-file"), env);
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
