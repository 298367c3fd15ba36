package io.llgate.server.notify;

import io.llgate.server.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** What operators see and do with notifications: list, inspect every attempt, resend, cancel. */
public final class Notifications {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Runnable wake;

    public Notifications(Jdbi jdbi, Clock clock, Runnable wake) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.wake = wake;
    }

    /** One notification as operators see it; {@code chaos} says what the sandbox's notify_chaos did to it. */
    public record Summary(long id, String oidPartner, String product, String reference, String noOrder, String result,
                          String url, NotificationStatus status, int attempts, int maxAttempts, Instant nextAttemptAt,
                          Instant createdAt, Instant deliveredAt, Instant cancelledAt, String chaos) {
    }

    /** One recorded attempt. */
    public record Attempt(int attemptNo, String node, Instant startedAt, long durationMs, Integer httpStatus,
                          String responseHead, AttemptOutcome outcome, String error) {
    }

    /** A notification with its exact body and all its attempts. */
    public record Detail(Summary notification, String body, List<Attempt> attempts) {
    }

    /** Which notifications to take; null means any. {@code from} and {@code to} bound the creation time, to excluded. */
    public record Filter(String oidPartner, String noOrder, String reference, NotificationStatus status,
                         Instant from, Instant to) {
    }

    /** What a resend or cancel of one notification did: whether it was made, and the status it has now. */
    public record Change(boolean made, NotificationStatus status) {
    }

    /**
     * What a bulk resend or cancel changed, or on a dry run would change, oldest first; for a resend also
     * when the first and the last of them are due.
     */
    public record Batch(List<Long> ids, Instant firstAttemptAt, Instant lastAttemptAt) {
    }

    private static final String SELECT = """
            SELECT n.*, m.oid_partner FROM notification n JOIN merchant m ON m.id = n.merchant_id""";

    /** The newest {@code limit} notifications that match. */
    public List<Summary> list(Filter f, int limit) {
        return jdbi.withHandle(h -> matching(h, SELECT, f, " ORDER BY n.id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> summary(rs))
                .list());
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
                                Columns.instant(rs, "started_at"), rs.getLong("duration_ms"),
                                (Integer) rs.getObject("http_status", Integer.class), rs.getString("response_head"),
                                AttemptOutcome.valueOf(rs.getString("outcome")), rs.getString("error")))
                        .list())));
    }

    public boolean merchantExists(String oidPartner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM merchant WHERE oid_partner = :oid")
                .bind("oid", oidPartner)
                .mapTo(Integer.class)
                .one() > 0);
    }

    /**
     * Sends a notification once more, now, with the same body: an exhausted or delivered one gets
     * one extra attempt, a pending one is made due at once; a cancelled one stays cancelled.
     * Empty if there is no such notification.
     */
    public Optional<Change> resend(long id) {
        Optional<Change> change = jdbi.inTransaction(h -> {
            int changed = h.createUpdate("""
                    UPDATE notification SET
                        max_attempts = CASE WHEN status = 'PENDING' THEN max_attempts ELSE attempts + 1 END,
                        status = 'PENDING', next_attempt_at = :now, updated_at = :now
                    WHERE id = :id AND status <> 'CANCELLED'""")
                    .bind("now", clock.instant())
                    .bind("id", id)
                    .execute();
            return changed == 1 ? Optional.of(new Change(true, NotificationStatus.PENDING)) : unchanged(h, id);
        });
        if (change.filter(Change::made).isPresent()) {
            wake.run();
        }
        return change;
    }

    /**
     * Gives every match one more attempt, as {@link #resend} does, oldest first, {@code perSecond} of them
     * a second: their attempts are scheduled that far apart, so the dispatcher paces them by itself.
     * Takes only exhausted or delivered notifications; pending ones are on their way and cancelled ones stay.
     */
    public Batch resendAll(Filter f, double perSecond, boolean dryRun) {
        if (f.status() != NotificationStatus.EXHAUSTED && f.status() != NotificationStatus.DELIVERED) {
            throw new IllegalArgumentException("only EXHAUSTED or DELIVERED notifications can be resent in bulk");
        }
        Instant now = clock.instant();
        Batch batch = jdbi.inTransaction(h -> {
            List<Long> candidates = ids(h, f);
            List<Long> resent = candidates;
            if (!dryRun && !candidates.isEmpty()) {
                PreparedBatch update = h.prepareBatch("""
                        UPDATE notification SET max_attempts = attempts + 1, status = 'PENDING',
                                                next_attempt_at = :at, updated_at = :now
                        WHERE id = :id AND status = :status""");
                for (int i = 0; i < candidates.size(); i++) {
                    update.bind("at", dueAt(now, i, perSecond)).bind("now", now).bind("id", candidates.get(i))
                            .bind("status", f.status().name()).add();
                }
                resent = changed(candidates, update.execute());
            }
            return resent.isEmpty() ? new Batch(resent, null, null)
                    : new Batch(resent, now, dueAt(now, candidates.size() - 1, perSecond));
        });
        if (!dryRun && !batch.ids().isEmpty()) {
            wake.run();
        }
        return batch;
    }

    /**
     * Cancels a pending notification: it is never attempted again (an attempt already under way still ends
     * and is recorded). Empty if there is no such notification.
     */
    public Optional<Change> cancel(long id) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            int changed = h.createUpdate("""
                    UPDATE notification SET status = 'CANCELLED', cancelled_at = :now, updated_at = :now
                    WHERE id = :id AND status = 'PENDING'""")
                    .bind("now", now)
                    .bind("id", id)
                    .execute();
            return changed == 1 ? Optional.of(new Change(true, NotificationStatus.CANCELLED)) : unchanged(h, id);
        });
    }

    /** Cancels every pending match, as {@link #cancel} does. */
    public Batch cancelAll(Filter f, boolean dryRun) {
        Filter pending = new Filter(f.oidPartner(), f.noOrder(), f.reference(), NotificationStatus.PENDING, f.from(), f.to());
        return jdbi.inTransaction(h -> {
            List<Long> candidates = ids(h, pending);
            if (dryRun || candidates.isEmpty()) {
                return new Batch(candidates, null, null);
            }
            Instant now = clock.instant();
            PreparedBatch update = h.prepareBatch("""
                    UPDATE notification SET status = 'CANCELLED', cancelled_at = :now, updated_at = :now
                    WHERE id = :id AND status = 'PENDING'""");
            candidates.forEach(id -> update.bind("now", now).bind("id", id).add());
            return new Batch(changed(candidates, update.execute()), null, null);
        });
    }

    /** The ids whose update changed a row: a concurrent change may have taken some away meanwhile. */
    private static List<Long> changed(List<Long> ids, int[] counts) {
        List<Long> changed = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                changed.add(ids.get(i));
            }
        }
        return changed;
    }

    /** When the i-th of a paced batch is due: i / perSecond seconds from now. */
    private static Instant dueAt(Instant now, int i, double perSecond) {
        return now.plusNanos(Math.round(i * 1_000_000_000d / perSecond));
    }

    private static List<Long> ids(Handle h, Filter f) {
        return matching(h, "SELECT n.id FROM notification n JOIN merchant m ON m.id = n.merchant_id", f, " ORDER BY n.id")
                .mapTo(Long.class)
                .list();
    }

    private static Optional<Change> unchanged(Handle h, long id) {
        return h.createQuery("SELECT status FROM notification WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(status -> new Change(false, NotificationStatus.valueOf(status)));
    }

    /** The select with a WHERE clause for the filter, then {@code tail}, with the filter's values bound. */
    private static Query matching(Handle h, String select, Filter f, String tail) {
        StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
        Map<String, Object> values = new HashMap<>();
        condition(sql, values, "m.oid_partner = :oid", "oid", f.oidPartner());
        condition(sql, values, "n.no_order = :noOrder", "noOrder", f.noOrder());
        condition(sql, values, "n.reference = :reference", "reference", f.reference());
        condition(sql, values, "n.status = :status", "status", f.status() == null ? null : f.status().name());
        condition(sql, values, "n.created_at >= :from", "from", f.from());
        condition(sql, values, "n.created_at < :to", "to", f.to());
        Query query = h.createQuery(sql.append(tail).toString());
        values.forEach(query::bind);
        return query;
    }

    private static void condition(StringBuilder sql, Map<String, Object> values, String condition, String name,
                                  Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            values.put(name, value);
        }
    }

    private static Summary summary(ResultSet rs) throws SQLException {
        return new Summary(rs.getLong("id"), rs.getString("oid_partner"), rs.getString("product"),
                rs.getString("reference"), rs.getString("no_order"), rs.getString("result"), rs.getString("url"),
                NotificationStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getInt("max_attempts"),
                Columns.instant(rs, "next_attempt_at"), Columns.instant(rs, "created_at"), Columns.instant(rs, "delivered_at"),
                Columns.instant(rs, "cancelled_at"), rs.getString("chaos"));
    }

}
