package io.llgate.server.testing;

import io.llgate.server.store.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, private database for each gateway a test starts: in-memory H2 by default, or a new schema
 * on PostgreSQL when {@code LLGATE_TEST_PG_URL} is set (with {@code LLGATE_TEST_PG_USER}/{@code _PASSWORD}).
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static boolean onPostgres() {
        String url = System.getenv("LLGATE_TEST_PG_URL");
        return url != null && !url.isBlank();
    }

    public static DatabaseSettings fresh() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (!onPostgres()) {
            return DatabaseSettings.inMemory(name);
        }
        String url = System.getenv("LLGATE_TEST_PG_URL");
        String user = envOr("LLGATE_TEST_PG_USER", "postgres");
        String password = envOr("LLGATE_TEST_PG_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + url, e);
        }
        return new DatabaseSettings(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name, user, password);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
