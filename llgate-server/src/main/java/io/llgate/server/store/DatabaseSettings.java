package io.llgate.server.store;

import java.nio.file.Path;

/** Where the gateway keeps its data: a JDBC URL with credentials. */
public record DatabaseSettings(String url, String user, String password) {

    /** The embedded default: an H2 file database in PostgreSQL mode under the data directory. */
    public static DatabaseSettings embedded(Path dataDir) {
        return new DatabaseSettings(
                "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("llgate") + ";" + H2_OPTIONS, "sa", "");
    }

    /** A private in-memory H2 database, gone when the gateway stops. */
    public static DatabaseSettings inMemory(String name) {
        return new DatabaseSettings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;" + H2_OPTIONS, "sa", "");
    }

    static final String H2_OPTIONS = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + "]";
    }
}
