package io.llgate.server.notify;

import io.llgate.server.merchant.Merchants;
import io.llgate.server.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private final Merchants merchants;
    private final Runnable wake;

    public Notifications(Jdbi jdbi, Clock clock, Merchants merchants, Runnable wake) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.merchants = merchants;
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

    /** A notification as read, before it is labelled with its merchant's {@code oid_partner}. */
    private record Row(long merchantId, Summary summary, String body) {
    }

    /** The newest {@code limit} notifications that match, labelled with one merchant lookup for the page. */
    public List<Summary> list(Filter f, int limit) {
        return jdbi.withHandle(h -> {
            List<Row> rows = matching(h, "SELECT * FROM notification n", f, " ORDER BY n.id DESC LIMIT :limit")
                    .map(query -> query.bind("limit", limit).map((rs, ctx) -> row(rs)).list())
                    .orElse(List.of());
            Map<Long, String> oids = merchants.oidPartners(h, rows.stream().map(Row::merchantId).toList());
            return rows.stream().map(row -> labelled(row.summary(), oids.get(row.merchantId()))).toList();
        });
    }

    public Optional<Detail> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM notification WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findOne()
                .map(row -> detail(h, row, merchants.ref(h, row.merchantId()).oidPartner())));
    }

    /**
     * Every notification about one transaction, oldest first, with its exact body and attempts: those a product
     * (its stored name) queued under {@code reference} for the merchant.
     */
    public List<Detail> about(Handle h, long merchantId, String product, String reference) {
        String oidPartner = merchants.ref(h, merchantId).oidPartner();
        return h.createQuery("""
                        SELECT * FROM notification
                        WHERE reference = :reference AND product = :product AND merchant_id = :merchant ORDER BY id""")
                .bind("reference", reference)
                .bind("product", product)
                .bind("merchant", merchantId)
                .map((rs, ctx) -> row(rs))
                .list()
                .stream()
                .map(row -> detail(h, row, oidPartner))
                .toList();
    }

    private Detail detail(Handle h, Row row, String oidPartner) {
        return new Detail(labelled(row.summary(), oidPartner), row.body(), h.createQuery("""
                        SELECT * FROM notification_attempt WHERE notification_id = :id ORDER BY attempt_no, id""")
                .bind("id", row.summary().id())
                .map((rs, ctx) -> attempt(rs))
                .list());
    }

    public boolean merchantExists(String oidPartner) {
        return jdbi.withHandle(h -> merchants.idOf(h, oidPartner).isPresent());
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

    /** The queue as operators watch it: notifications pending and exhausted, and when the oldest pending one was due. */
    public record Queue(long pending, long exhausted, Instant oldestDue) {
    }

    /** How many of a merchant's notifications are in a status. */
    public record StatusCount(String oidPartner, NotificationStatus status, long count) {
    }

    /** How long a notification queued at {@code queuedAt} waited for its first attempt. */
    public record FirstAttempt(Instant queuedAt, long waitedMs) {
    }

    /** How many notifications of a product queued since a time tell which result ({@code result_pay}, {@code sta_refund}). */
    public record ResultCount(String product, String result, long count) {
    }

    /** A merchant whose endpoint failed its latest attempt: the attempt, its URL, and how many failed in the window. */
    public record FailingEndpoint(String oidPartner, String url, Attempt lastAttempt, long failedAttempts) {
    }

    public Queue queue() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END) AS pending,
                       SUM(CASE WHEN status = 'EXHAUSTED' THEN 1 ELSE 0 END) AS exhausted,
                       MIN(CASE WHEN status = 'PENDING' THEN next_attempt_at END) AS oldest_due
                FROM notification WHERE status IN ('PENDING', 'EXHAUSTED')""")
                .map((rs, ctx) -> new Queue(rs.getLong("pending"), rs.getLong("exhausted"),
                        Columns.instant(rs, "oldest_due")))
                .one());
    }

    /** The number of notifications by merchant and status, merchants in {@code oid_partner} order. */
    public List<StatusCount> countsByMerchant() {
        return jdbi.withHandle(h -> {
            record Count(long merchantId, NotificationStatus status, long count) {
            }
            List<Count> counts = h.createQuery("""
                    SELECT merchant_id, status, COUNT(*) AS n FROM notification GROUP BY merchant_id, status""")
                    .map((rs, ctx) -> new Count(rs.getLong("merchant_id"), NotificationStatus.valueOf(rs.getString("status")),
                            rs.getLong("n")))
                    .list();
            Map<Long, String> oids = merchants.oidPartners(h, counts.stream().map(Count::merchantId).toList());
            return counts.stream().map(c -> new StatusCount(oids.get(c.merchantId()), c.status(), c.count()))
                    .sorted(Comparator.comparing(StatusCount::oidPartner).thenComparing(StatusCount::status))
                    .toList();
        });
    }

    /** The wait for the first attempt of every notification queued since {@code since} that had one, oldest first. */
    public List<FirstAttempt> firstAttempts(Instant since) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT n.created_at, a.started_at FROM notification n
                JOIN notification_attempt a ON a.notification_id = n.id AND a.attempt_no = 1
                WHERE n.created_at >= :since ORDER BY n.created_at, n.id""")
                .bind("since", since)
                .map((rs, ctx) -> {
                    Instant queued = Columns.instant(rs, "created_at");
                    long waited = Math.max(0, Duration.between(queued, Columns.instant(rs, "started_at")).toMillis());
                    return new FirstAttempt(queued, waited);
                })
                .list());
    }

    /** The notifications queued since {@code since}, counted by product and the result they tell. */
    public List<ResultCount> resultsSince(Instant since) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT product, result, COUNT(*) AS n FROM notification WHERE created_at >= :since
                GROUP BY product, result ORDER BY product, result""")
                .bind("since", since)
                .map((rs, ctx) -> new ResultCount(rs.getString("product"), rs.getString("result"), rs.getLong("n")))
                .list());
    }

    /**
     * The merchants whose latest attempt since {@code since} failed, with that attempt: an endpoint that is down,
     * slow or answering wrongly. Reads at most the latest {@code maxAttempts} attempts.
     */
    public List<FailingEndpoint> failingEndpoints(Instant since, int maxAttempts) {
        return jdbi.withHandle(h -> {
            record Seen(long merchantId, String url, Attempt attempt) {
            }
            List<Seen> seen = h.createQuery("""
                    SELECT n.merchant_id, n.url, a.* FROM notification_attempt a
                    JOIN notification n ON n.id = a.notification_id
                    WHERE a.started_at >= :since ORDER BY a.started_at DESC, a.id DESC LIMIT :limit""")
                    .bind("since", since).bind("limit", maxAttempts)
                    .map((rs, ctx) -> new Seen(rs.getLong("merchant_id"), rs.getString("url"), attempt(rs)))
                    .list();
            Map<Long, Seen> latest = new LinkedHashMap<>();
            Map<Long, Long> failed = new HashMap<>();
            for (Seen s : seen) {
                latest.putIfAbsent(s.merchantId(), s);
                if (s.attempt().outcome() != AttemptOutcome.ACKNOWLEDGED) {
                    failed.merge(s.merchantId(), 1L, Long::sum);
                }
            }
            List<Seen> failing = latest.values().stream()
                    .filter(s -> s.attempt().outcome() != AttemptOutcome.ACKNOWLEDGED).toList();
            Map<Long, String> oids = merchants.oidPartners(h, failing.stream().map(Seen::merchantId).toList());
            return failing.stream().map(s -> new FailingEndpoint(oids.get(s.merchantId()), s.url(), s.attempt(),
                    failed.getOrDefault(s.merchantId(), 0L))).toList();
        });
    }

    private static Attempt attempt(ResultSet rs) throws SQLException {
        return new Attempt(rs.getInt("attempt_no"), rs.getString("node"), Columns.instant(rs, "started_at"),
                rs.getLong("duration_ms"), (Integer) rs.getObject("http_status", Integer.class),
                rs.getString("response_head"), AttemptOutcome.valueOf(rs.getString("outcome")), rs.getString("error"));
    }

    /** When the i-th of a paced batch is due: i / perSecond seconds from now. */
    private static Instant dueAt(Instant now, int i, double perSecond) {
        return now.plusNanos(Math.round(i * 1_000_000_000d / perSecond));
    }

    private List<Long> ids(Handle h, Filter f) {
        return matching(h, "SELECT n.id FROM notification n", f, " ORDER BY n.id")
                .map(query -> query.mapTo(Long.class).list())
                .orElse(List.of());
    }

    private static Optional<Change> unchanged(Handle h, long id) {
        return h.createQuery("SELECT status FROM notification WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .map(status -> new Change(false, NotificationStatus.valueOf(status)));
    }

    /**
     * The select with a WHERE clause for the filter, then {@code tail}, with the filter's values bound; none when
     * the filter names a merchant that does not exist, which no notification can belong to.
     */
    private Optional<Query> matching(Handle h, String select, Filter f, String tail) {
        Long merchantId = null;
        if (f.oidPartner() != null) {
            Optional<Long> id = merchants.idOf(h, f.oidPartner());
            if (id.isEmpty()) {
                return Optional.empty();
            }
            merchantId = id.get();
        }
        StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
        Map<String, Object> values = new HashMap<>();
        condition(sql, values, "n.merchant_id = :merchant", "merchant", merchantId);
        condition(sql, values, "n.no_order = :noOrder", "noOrder", f.noOrder());
        condition(sql, values, "n.reference = :reference", "reference", f.reference());
        condition(sql, values, "n.status = :status", "status", f.status() == null ? null : f.status().name());
        condition(sql, values, "n.created_at >= :from", "from", f.from());
        condition(sql, values, "n.created_at < :to", "to", f.to());
        Query query = h.createQuery(sql.append(tail).toString());
        values.forEach(query::bind);
        return Optional.of(query);
    }

    private static void condition(StringBuilder sql, Map<String, Object> values, String condition, String name,
                                  Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            values.put(name, value);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("merchant_id"), unlabelled(rs), rs.getString("body"));
    }

    private static Summary labelled(Summary s, String oidPartner) {
        return new Summary(s.id(), oidPartner, s.product(), s.reference(), s.noOrder(), s.result(), s.url(), s.status(),
                s.attempts(), s.maxAttempts(), s.nextAttemptAt(), s.createdAt(), s.deliveredAt(), s.cancelledAt(),
                s.chaos());
    }

    /** The row without its merchant's {@code oid_partner}, which {@link #labelled} adds. */
    private static Summary unlabelled(ResultSet rs) throws SQLException {
        return new Summary(rs.getLong("id"), null, rs.getString("product"),
                rs.getString("reference"), rs.getString("no_order"), rs.getString("result"), rs.getString("url"),
                NotificationStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getInt("max_attempts"),
                Columns.instant(rs, "next_attempt_at"), Columns.instant(rs, "created_at"), Columns.instant(rs, "delivered_at"),
                Columns.instant(rs, "cancelled_at"), rs.getString("chaos"));
    }

}
