package io.llgate.client.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * A {@link NotificationStore} in a database table, shared by every process of the merchant's application:
 * one row per key, its primary key decides which process claims it. Plain SQL that PostgreSQL, MySQL, H2 and
 * most others run; each statement commits on its own. The table ({@code llgate_notification} unless named):
 * <pre>
 * CREATE TABLE llgate_notification (
 *     dedupe_key   VARCHAR(255) PRIMARY KEY,
 *     state        VARCHAR(16)  NOT NULL,   -- CLAIMED or DONE
 *     claimed_at   BIGINT       NOT NULL,   -- epoch milliseconds
 *     completed_at BIGINT
 * )</pre>
 */
public final class JdbcNotificationStore implements NotificationStore {
    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final String table;

    /** A store in the table {@code llgate_notification}. */
    public JdbcNotificationStore(DataSource dataSource) {
        this(dataSource, "llgate_notification");
    }

    /** A store in the named table, which may be schema-qualified. */
    public JdbcNotificationStore(DataSource dataSource, String table) {
        if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new IllegalArgumentException("the table name must be a plain SQL identifier, not " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
    }

    /** Creates the table unless it exists; for applications without their own schema migrations. */
    public JdbcNotificationStore createTableIfMissing() {
        run(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (dedupe_key VARCHAR(255) PRIMARY KEY, "
                        + "state VARCHAR(16) NOT NULL, claimed_at BIGINT NOT NULL, completed_at BIGINT)");
            }
            return null;
        });
        return this;
    }

    @Override
    public Claim claim(String key, Instant now, Duration lease) {
        return run(c -> {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (insertClaim(c, key, now)) {
                    return Claim.CLAIMED;
                }
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT state, claimed_at FROM " + table + " WHERE dedupe_key = ?")) {
                    select.setString(1, key);
                    try (ResultSet rs = select.executeQuery()) {
                        if (!rs.next()) {
                            continue; // released in between: try to insert again
                        }
                        if (rs.getString("state").equals("DONE")) {
                            return Claim.DONE;
                        }
                        long claimedAt = rs.getLong("claimed_at");
                        if (claimedAt + lease.toMillis() > now.toEpochMilli()) {
                            return Claim.BUSY;
                        }
                        if (takeOver(c, key, claimedAt, now)) {
                            return Claim.CLAIMED;
                        }
                    }
                }
            }
            return Claim.BUSY;
        });
    }

    @Override
    public void complete(String key, Instant now) {
        update("UPDATE " + table + " SET state = 'DONE', completed_at = ? WHERE dedupe_key = ?", now.toEpochMilli(), key);
    }

    @Override
    public void release(String key) {
        run(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM " + table + " WHERE dedupe_key = ? AND state = 'CLAIMED'")) {
                delete.setString(1, key);
                return delete.executeUpdate();
            }
        });
    }

    private boolean insertClaim(Connection c, String key, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO " + table + " (dedupe_key, state, claimed_at) VALUES (?, 'CLAIMED', ?)")) {
            insert.setString(1, key);
            insert.setLong(2, now.toEpochMilli());
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            // SQLSTATE class 23 is an integrity constraint violation: the key is there already.
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw e;
        }
    }

    /** Takes an expired claim over, unless another process did first. */
    private boolean takeOver(Connection c, String key, long expiredClaim, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE " + table
                + " SET claimed_at = ? WHERE dedupe_key = ? AND state = 'CLAIMED' AND claimed_at = ?")) {
            update.setLong(1, now.toEpochMilli());
            update.setString(2, key);
            update.setLong(3, expiredClaim);
            return update.executeUpdate() == 1;
        }
    }

    private void update(String sql, long millis, String key) {
        run(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                update.setLong(1, millis);
                update.setString(2, key);
                return update.executeUpdate();
            }
        });
    }

    private interface Work<T> {
        T in(Connection c) throws SQLException;
    }

    /** Runs on a connection in auto-commit, so a refused insert cannot spoil a surrounding transaction. */
    private <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                return work.in(c);
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the notification store in table " + table + " failed: " + e.getMessage(), e);
        }
    }
}
