package io.vomorecon.sink.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the built-in JDBC destination is: a PostgreSQL URL, credentials (the password is read
 * from {@code VOMO_RECON_DESTINATION_PASSWORD} in production; it is never logged), the pool size
 * and how long to wait for a connection before the attempt counts as a transient failure.
 */
public record DestinationConfig(
        String jdbcUrl,
        Optional<String> username,
        Optional<String> password,
        Integer poolSize,
        Duration connectionTimeout,
        Boolean createTables) {

    public DestinationConfig {
        username = username == null ? Optional.empty() : username;
        password = password == null ? Optional.empty() : password;
        poolSize = poolSize == null ? 4 : poolSize;
        connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(5) : connectionTimeout;
        createTables = createTables == null ? Boolean.TRUE : createTables;
    }

    @Override
    public String toString() {
        // a record's default toString would print the password
        return "DestinationConfig[jdbcUrl=" + jdbcUrl + ", poolSize=" + poolSize + "]";
    }
}
