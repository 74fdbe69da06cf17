package io.vomorecon.poller.config;

import io.vomorecon.platform.config.ConfigException;
import io.vomorecon.schemas.Resource;
import java.util.Map;
import java.util.Optional;

/**
 * Where the external-state reader reads the destination back: a JDBC URL, a user, the password
 * by reference (environment variable or file, never inline), and optionally a query per
 * resource (one {@code ?} for the customer; its columns named as in {@code DestinationTables}).
 */
public record DestinationSettings(
        String jdbcUrl,
        Optional<String> username,
        Optional<String> passwordEnv,
        Optional<String> passwordFile,
        Map<String, String> queries) {

    public DestinationSettings {
        username = username == null ? Optional.empty() : username;
        passwordEnv = passwordEnv == null ? Optional.empty() : passwordEnv;
        passwordFile = passwordFile == null ? Optional.empty() : passwordFile;
        queries = queries == null ? Map.of() : Map.copyOf(queries);
    }

    void validate() {
        ConfigException.require(jdbcUrl, "destination.jdbc-url", "give the destination's JDBC URL, e.g. jdbc:postgresql://localhost:5432/crm");
        ConfigException.check(jdbcUrl.startsWith("jdbc:"), "destination.jdbc-url", "is not a JDBC URL", "start it with jdbc:");
        ConfigException.check(!(passwordEnv.isPresent() && passwordFile.isPresent()), "destination.password-env",
                "and password-file are both set", "name at most one of them");
        queries.forEach((resource, sql) -> {
            ConfigException.check(Resource.fromPath(resource).isPresent(), "destination.queries." + resource,
                    "is not a resource", "use a resource path such as users or group-members");
            ConfigException.check(sql != null && sql.chars().filter(c -> c == '?').count() == 1,
                    "destination.queries." + resource, "must have exactly one '?' (the customer)",
                    "write e.g. SELECT * FROM ext_users WHERE customer = ?");
        });
    }
}
