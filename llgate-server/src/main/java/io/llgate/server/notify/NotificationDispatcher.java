package io.llgate.server.notify;

import io.llgate.server.security.MerchantUrlGuard;
import io.llgate.server.store.Columns;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued notifications. It claims due rows with {@code FOR UPDATE SKIP LOCKED} and a lease,
 * so several nodes share the work and a dead node's claims expire; it sends each on a virtual thread,
 * at most a few at a time per merchant host and per merchant (so a merchant naming many hosts cannot hold
 * many sockets), and records every attempt with its outcome (many at a time, see {@link AttemptRecorder}).
 * It claims per host: when a host's slot frees, or a notification for it commits on this node, it asks for as many
 * of that host's due notifications as the host has free slots, oldest first over all the merchants that use it;
 * a full round over every host runs at each poll and at each wake-up from another node. A host with no free
 * slot, or a merchant with all its own slots taken, is left out of the claims until a slot frees, so a slow or
 * dead endpoint's backlog never fills the claims that other merchants' notifications need, and no round reads
 * past a busy host's backlog to find the next notification it may send.
 */
public final class NotificationDispatcher implements AutoCloseable {
    /** How long close() lets attempts in flight finish and be recorded; the rest come back when their lease ends. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final NotifyPolicy policy;
    private final String node;
    private final NotificationMetrics metrics;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final Delivery delivery;
    private final AttemptRecorder recorder;
    private final Map<String, Semaphore> hostSlots = new ConcurrentHashMap<>();
    private final Map<Long, Semaphore> merchantSlots = new ConcurrentHashMap<>();
    /**
     * Notifications this node is sending or has sent and not yet recorded: never claimed again meanwhile,
     * even if their lease ran out.
     */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** Hosts to claim for at the next round: a slot of theirs freed, or a notification for them committed here. */
    private final Set<String> hostsToClaim = ConcurrentHashMap.newKeySet();
    /** Set when the next round must look at every host: a poll, a wake-up from another node, an operator's resend. */
    private final AtomicBoolean everyHost = new AtomicBoolean(true);
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    /** Set when close() stops waiting: an attempt ending after it ended because the node stopped, not the merchant. */
    private volatile boolean abandoning;
    /** Whether the database is the embedded H2, whose FOR UPDATE ... LIMIT sorts every matching row first. */
    private final boolean embedded;
    private Thread loop;

    public NotificationDispatcher(Jdbi jdbi, boolean embedded, Clock clock, NotifyPolicy policy, String node,
                                  NotificationMetrics metrics, MerchantUrlGuard urlGuard) {
        this.jdbi = jdbi;
        this.embedded = embedded;
        this.clock = clock;
        this.policy = policy;
        this.node = node;
        this.metrics = metrics;
        this.delivery = new Delivery(deliveries, policy.timeout(), urlGuard);
        this.recorder = new AttemptRecorder(jdbi, clock, policy, node, inFlight::remove);
    }

    public synchronized void start() {
        running = true;
        loop = Thread.ofPlatform().name("llgate-notify").daemon().start(this::run);
    }

    /** Asks for a claim round over every host now instead of at the next poll. */
    public void wake() {
        everyHost.set(true);
        signal.release();
    }

    /** Asks for a claim round for one host ({@code host:port}, see {@link #hostOf}): a notification for it committed. */
    public void wakeFor(String host) {
        hostsToClaim.add(host);
        signal.release();
    }

    public boolean isAlive() {
        return running && loop != null && loop.isAlive();
    }

    /**
     * Stops claiming, gives the attempts in flight a moment to finish and be recorded, then abandons
     * the rest: they were not answered, so they are not recorded, and their leases bring them back.
     */
    @Override
    public synchronized void close() {
        running = false;
        if (loop != null) {
            wake();
            try {
                loop.join(5_000);
                if (loop.isAlive()) {
                    loop.interrupt();
                    loop.join(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        awaitNothingInFlight(CLOSE_GRACE);
        abandoning = true;
        deliveries.shutdownNow();
        try {
            deliveries.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorder.close();
        delivery.close();
    }

    private void awaitNothingInFlight(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run() {
        while (running) {
            try {
                claimAndSend();
                if (!everyHost.get() && hostsToClaim.isEmpty()) {
                    if (signal.tryAcquire(policy.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                        signal.drainPermits();
                    } else {
                        everyHost.set(true);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("notification claim round failed", e);
                everyHost.set(true);
                try {
                    Thread.sleep(policy.pollInterval());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** A claimed notification. */
    private record Claimed(long id, long merchantId, String product, String reference, String url, String host,
                           String body, int attemptNo, Instant createdAt) {
        /** The transaction it reports on, e.g. INSTANT_PAYMENT:2026112200000001. */
        String transaction() {
            return product + ":" + reference;
        }
    }

    /**
     * One claim round: over every host with a free slot if asked, then for each host named since the last round.
     * Every row a round reads is claimed with a slot taken for it, or is left because its merchant has no slot
     * free; a round that may have left due rows behind asks for another at once.
     */
    private void claimAndSend() {
        if (everyHost.getAndSet(false)) {
            claimAndSend(null, policy.batchSize());
        }
        List<String> hosts = List.copyOf(hostsToClaim);
        hostsToClaim.removeAll(hosts);
        for (String host : hosts) {
            int free = slotsOf(host).availablePermits();
            if (free > 0) {
                claimAndSend(host, Math.min(free, policy.batchSize()));
            }
        }
    }

    private void claimAndSend(String host, int limit) {
        List<Claimed> holdingSlots = new ArrayList<>();
        List<Claimed> claimed;
        try {
            claimed = jdbi.inTransaction(h -> claim(h, host, limit, holdingSlots));
        } catch (RuntimeException e) {
            holdingSlots.forEach(this::releaseSlot);
            throw e;
        }
        for (Claimed c : claimed) {
            inFlight.add(c.id());
            try {
                deliveries.execute(() -> {
                    boolean recording = false;
                    try {
                        recording = send(c);
                    } finally {
                        releaseSlot(c);
                        if (!recording) {
                            inFlight.remove(c.id());
                        }
                    }
                });
            } catch (RejectedExecutionException e) {
                // Closing: the lease brings the notification back.
                inFlight.remove(c.id());
                releaseSlot(c);
            }
        }
    }

    /**
     * Claims up to {@code limit} due notifications of {@code host}, or of every host with a free slot when it is
     * null. Hosts without a free slot and merchants without one are left out in the query.
     */
    private List<Claimed> claim(Handle h, String host, int limit, List<Claimed> holdingSlots) {
        Instant now = clock.instant();
        List<Long> merchantsFull = full(merchantSlots);
        List<String> hostsFull = host == null ? full(hostSlots) : List.of();
        List<Long> sending = List.copyOf(inFlight);
        // The ORDER BY matches the notification_due index, and for one host the notification_host_due index, so
        // the database reads only the first rows. A notification waits while an earlier one of the same
        // transaction is pending (a CANCEL behind the SUCCESS it reverses); the notification_reference index
        // answers that for each row read.
        String columns = "id, merchant_id, product, reference, url, host, body, attempts, created_at";
        StringBuilder sql = new StringBuilder("SELECT " + (embedded ? "id" : columns) + " FROM notification n");
        sql.append(" ").append("""
                WHERE status = 'PENDING' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                  AND NOT EXISTS (SELECT 1 FROM notification e WHERE e.reference = n.reference
                                  AND e.product = n.product AND e.status = 'PENDING' AND e.id < n.id)""");
        if (host != null) {
            sql.append(" AND host = :host");
        }
        if (!hostsFull.isEmpty()) {
            sql.append(" AND host NOT IN (<hostsFull>)");
        }
        if (!merchantsFull.isEmpty()) {
            sql.append(" AND merchant_id NOT IN (<merchantsFull>)");
        }
        if (!sending.isEmpty()) {
            sql.append(" AND id NOT IN (<sending>)");
        }
        sql.append(host == null ? " ORDER BY status, next_attempt_at, id" : " ORDER BY status, host, next_attempt_at, id");
        sql.append(" LIMIT :limit");
        // H2 reads and sorts every matching row for a FOR UPDATE query, where it stops at the LIMIT without one:
        // on H2 (one node, so nobody to skip) the first rows are chosen without a lock, then locked by id and
        // checked again. PostgreSQL locks as it scans and stops at the LIMIT, skipping other nodes' rows.
        String statement = embedded
                ? "SELECT " + columns + " FROM notification WHERE id IN (" + sql + ") AND status = 'PENDING'"
                        + " AND (lease_until IS NULL OR lease_until < :now) ORDER BY next_attempt_at, id FOR UPDATE"
                : sql + " FOR UPDATE SKIP LOCKED";
        Query query = h.createQuery(statement)
                .bind("now", now)
                .bind("limit", limit);
        if (host != null) {
            query.bind("host", host);
        }
        if (!hostsFull.isEmpty()) {
            query.bindList("hostsFull", hostsFull);
        }
        if (!merchantsFull.isEmpty()) {
            query.bindList("merchantsFull", merchantsFull);
        }
        if (!sending.isEmpty()) {
            query.bindList("sending", sending);
        }
        List<Claimed> due = query
                .map((rs, ctx) -> new Claimed(rs.getLong("id"), rs.getLong("merchant_id"), rs.getString("product"),
                        rs.getString("reference"), rs.getString("url"), rs.getString("host"), rs.getString("body"),
                        rs.getInt("attempts") + 1,
                        Columns.instant(rs, "created_at")))
                .list();
        List<Long> leased = new ArrayList<>();
        boolean leftSome = false;
        for (Claimed c : due) {
            Semaphore merchant = merchantSlotsOf(c.merchantId());
            if (!merchant.tryAcquire()) {
                leftSome = true;
                continue;
            }
            Semaphore slots = slotsOf(c.host());
            if (!slots.tryAcquire()) {
                merchant.release();
                leftSome = true;
                continue;
            }
            holdingSlots.add(c);
            leased.add(c.id());
        }
        if (!leased.isEmpty()) {
            h.createUpdate("UPDATE notification SET lease_owner = :node, lease_until = :until WHERE id IN (<ids>)")
                    .bind("node", node)
                    .bind("until", now.plus(policy.lease()))
                    .bindList("ids", leased)
                    .execute();
        }
        if (due.size() == limit || leftSome) {
            // More may be due: the next round, at once, leaves out whoever just ran out of slots.
            if (host == null) {
                everyHost.set(true);
            } else if (slotsOf(host).availablePermits() > 0) {
                hostsToClaim.add(host);
            }
        }
        return List.copyOf(holdingSlots);
    }

    /** The keys whose slots are all taken. */
    private static <K> List<K> full(Map<K, Semaphore> slots) {
        List<K> full = new ArrayList<>();
        slots.forEach((key, semaphore) -> {
            if (semaphore.availablePermits() == 0) {
                full.add(key);
            }
        });
        return full;
    }

    private Semaphore slotsOf(String host) {
        return hostSlots.computeIfAbsent(host, h -> new Semaphore(policy.perHostConcurrency()));
    }

    private Semaphore merchantSlotsOf(long merchantId) {
        return merchantSlots.computeIfAbsent(merchantId, m -> new Semaphore(policy.perMerchantConcurrency()));
    }

    /**
     * Gives back the host slot and the merchant slot a claimed notification held, and asks for a round for that
     * host; and for every host if the merchant had none left, as its other hosts may have its notifications.
     */
    private void releaseSlot(Claimed c) {
        slotsOf(c.host()).release();
        Semaphore merchant = merchantSlotsOf(c.merchantId());
        boolean merchantWasFull = merchant.availablePermits() == 0;
        merchant.release();
        if (merchantWasFull) {
            everyHost.set(true);
        }
        wakeFor(c.host());
    }

    /** Sends one attempt and queues its result for recording; true if queued (the recorder then ends it). */
    private boolean send(Claimed c) {
        Instant started = clock.instant();
        Delivery.Result result = delivery.attempt(c.url(), c.body(), c.id(), c.attemptNo());
        if (abandoning || Thread.currentThread().isInterrupted()) {
            // close() gave up waiting for the answer, and stopping may have cut the exchange short: nothing to
            // record, the lease brings the notification back.
            return false;
        }
        // One line per attempt in key=value form, for log search; notifications carry no card data.
        log.info("notification_attempt id={} transaction={} merchant_id={} attempt={} host={} outcome={} http_status={}"
                        + " duration_ms={} node={}", c.id(), c.transaction(), c.merchantId(), c.attemptNo(), c.host(),
                NotificationMetrics.outcomeClass(result.outcome()),
                result.httpStatus() == null ? "-" : result.httpStatus(), result.durationMs(), node);
        metrics.attempted(result.outcome(), c.attemptNo(), c.createdAt(), started);
        return recorder.record(new AttemptRecorder.Finished(c.id(), c.attemptNo(), started, result));
    }

    static String hostOf(String url) {
        try {
            URI uri = URI.create(url);
            return (uri.getHost() == null ? "?" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }
}
