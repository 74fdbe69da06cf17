package io.vomorecon.platform.config;

/**
 * Bad or missing configuration, found at start-up: names the key, what is wrong and how to fix
 * it. Commands turn it into a one-line error and exit code 2. Never carries a secret's value.
 */
public class ConfigException extends RuntimeException {

    private final String key;
    private final String problem;
    private final String fix;

    public ConfigException(String key, String problem, String fix) {
        super("configuration key '" + key + "': " + problem + " (fix: " + fix + ")");
        this.key = key;
        this.problem = problem;
        this.fix = fix;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }

    /** Throws unless the value is present and, for strings, not blank. */
    public static <T> T require(T value, String key, String fix) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new ConfigException(key, "is missing", fix);
        }
        return value;
    }

    /** Throws unless the condition holds. */
    public static void check(boolean condition, String key, String problem, String fix) {
        if (!condition) {
            throw new ConfigException(key, problem, fix);
        }
    }
}
