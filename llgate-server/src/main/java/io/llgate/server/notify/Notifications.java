package io.llgate.server.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** What operators see and do with notifications: list, inspect every attempt, resend. */
public final class Notifications {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Runnable wake;

    public Notifications(Jdbi jdbi, Clock clock, Runnable wake) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.wake = wake;
    }

    /** One notification as operators see it. */
    public record Summary(long id, String oidPartner, String product, String reference, String noOrder, String result,
                          String url, NotificationStatus status, int attempts, int maxAttempts, Instant nextAttemptAt,
                          Instant createdAt, Instant deliveredAt) {
    }

    /** One recorded attempt. */
    public record Attempt(int attemptNo, String node, Instant startedAt, long durationMs, Integer httpStatus,
                          String responseHead, AttemptOutcome outcome, String error) {
    }

    /** A notification with its exact body and all its attempts. */
    public record Detail(Summary notification, String body, List<Attempt> attempts) {
    }

    /** Filters for {@link #list}; null means any. */
    public record Filter(String oidPartner, String noOrder, String reference, NotificationStatus status, int limit) {
    }

    private static final String SELECT = """
            SELECT n.*, m.oid_partner FROM notification n JOIN merchant m ON m.id = n.merchant_id""";

    public List<Summary> list(Filter f) {
        return jdbi.withHandle(h -> {
            StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
            if (f.oidPartner() != null) {
                sql.append(" AND m.oid_partner = :oid");
            }
            if (f.noOrder() != null) {
                sql.append(" AND n.no_order = :noOrder");
            }
            if (f.reference() != null) {
                sql.append(" AND n.reference = :reference");
            }
            if (f.status() != null) {
                sql.append(" AND n.status = :status");
            }
            sql.append(" ORDER BY n.id DESC LIMIT :limit");
            Query q = h.createQuery(sql.toString()).bind("limit", f.limit());
            if (f.oidPartner() != null) {
                q.bind("oid", f.oidPartner());
            }
            if (f.noOrder() != null) {
                q.bind("noOrder", f.noOrder());
            }
            if (f.reference() != null) {
                q.bind("reference", f.reference());
            }
            if (f.status() != null) {
                q.bind("status", f.status().name());
            }
            return q.map((rs, ctx) -> summary(rs)).list();
        });
    }

    public Optional<Detail> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE n.id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Detail(summary(rs), rs.getString("body"), List.of()))
                .findOne()
                .map(d -> new Detail(d.notification(), d.body(), h.createQuery("""
                        SELECT * FROM notification_attempt WHERE notification_id = :id ORDER BY attempt_no, id""")
                        .bind("id", id)
                        .map((rs, ctx) -> new Attempt(rs.getInt("attempt_no"), rs.getString("node"),
                                instant(rs, "started_at"), rs.getLong("duration_ms"),
                                (Integer) rs.getObject("http_status", Integer.class), rs.getString("response_head"),
                                AttemptOutcome.valueOf(rs.getString("outcome")), rs.getString("error")))
                        .list())));
    }

    /**
     * Sends a notification once more, now, with the same body: an exhausted or delivered one gets
     * one extra attempt, a pending one is made due at once. Returns false if there is no such notification.
     */
    public boolean resend(long id) {
        int changed = jdbi.withHandle(h -> h.createUpdate("""
                UPDATE notification SET
                    max_attempts = CASE WHEN status = 'PENDING' THEN max_attempts ELSE attempts + 1 END,
                    status = 'PENDING', next_attempt_at = :now, updated_at = :now
                WHERE id = :id""")
                .bind("now", clock.instant())
                .bind("id", id)
                .execute());
        if (changed == 1) {
            wake.run();
        }
        return changed == 1;
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        return new Summary(rs.getLong("id"), rs.getString("oid_partner"), rs.getString("product"),
                rs.getString("reference"), rs.getString("no_order"), rs.getString("result"), rs.getString("url"),
                NotificationStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getInt("max_attempts"),
                instant(rs, "next_attempt_at"), instant(rs, "created_at"), instant(rs, "delivered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
