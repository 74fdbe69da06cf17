package io.vomorecon.platform.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vomorecon.platform.files.DirectoryTrees;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server run from the zonky binaries: the demo's destination and the
 * integration tests' database. It can be stopped and restarted on the same port and data, so
 * tests can simulate an outage; the pooled data sources it hands out reconnect afterwards.
 */
public final class EmbeddedPg implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPg.class);
    private static final Pattern DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Path dataDir;
    private final boolean temporary;
    private final int port;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private EmbeddedPostgres postgres;

    private EmbeddedPg(Path dataDir, boolean temporary, int port) {
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.port = port;
    }

    /** Starts PostgreSQL with its data in {@code dataDir} (a temporary folder when empty), on {@code port} (0 = free). */
    public static EmbeddedPg start(Optional<Path> dataDir, int port) {
        try {
            Path dir = dataDir.isPresent() ? dataDir.get() : Files.createTempDirectory("vomo-recon-pg");
            Files.createDirectories(dir);
            int p = port > 0 ? port : freePort();
            EmbeddedPg pg = new EmbeddedPg(dir, dataDir.isEmpty(), p);
            pg.startServer();
            LOG.info("embedded PostgreSQL ready on localhost:{} (data in {})", p, dir);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private synchronized void startServer() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** Creates the database when missing and returns a pooled data source on it. */
    public DataSource createDatabase(String name) {
        if (!DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database names here are lower-case identifiers, got '" + name + "'");
        }
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl("postgres"));
             PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, name);
            boolean exists;
            try (ResultSet rs = q.executeQuery()) {
                exists = rs.next();
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return dataSource(name);
    }

    /** A pooled data source on an existing database; closed with this server. */
    public synchronized DataSource dataSource(String database) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl(database));
        cfg.setMaximumPoolSize(8);
        cfg.setMinimumIdle(0);
        cfg.setPoolName("embedded-pg-" + database);
        cfg.setInitializationFailTimeout(-1);
        HikariDataSource ds = new HikariDataSource(cfg);
        pools.add(ds);
        return ds;
    }

    /** Stops the server, keeping its data (the port stays reserved for {@link #restart()}). */
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
            }
            postgres = null;
            LOG.info("embedded PostgreSQL on port {} stopped", port);
        }
    }

    /** Starts the server again on the same port and data after {@link #stop()}. */
    public synchronized void restart() {
        if (postgres == null) {
            try {
                startServer();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restart embedded PostgreSQL", e);
            }
            LOG.info("embedded PostgreSQL on port {} restarted", port);
        }
    }

    public boolean running() {
        return postgres != null;
    }

    @Override
    public synchronized void close() {
        pools.forEach(HikariDataSource::close);
        pools.clear();
        stop();
        if (temporary) {
            try {
                DirectoryTrees.delete(dataDir);
            } catch (IOException e) {
                LOG.warn("could not delete the temporary PostgreSQL data in {}: {}", dataDir, e.toString());
            }
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("localhost"))) {
            return s.getLocalPort();
        }
    }
}
