package io.llgate.server.notify;

import io.llgate.server.security.MerchantUrlGuard;
import io.llgate.server.store.Columns;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * It claims per host and ahead: each host has a {@link HostLine} of notifications being sent and a bounded few
 * claimed ahead, so a freed slot takes the next one at once and the database is asked again only when a line runs
 * low, for as many as it has room for, oldest first over all the merchants that use the host. A full round over
 * every host runs at each poll and at each wake-up from another node. A full line, or a merchant holding all it
 * may, is left out of the claims until it drains, so a slow or dead endpoint's backlog never fills the claims that
 * other merchants' notifications need, and no round reads past a busy host's backlog.
 */
public final class NotificationDispatcher implements AutoCloseable {
    /** How long close() lets attempts in flight finish and be recorded; the rest come back when their lease ends. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    /**
     * At most how many notifications a line claims ahead per slot. A host that stops answering drains its waiting
     * notifications one timeout per slot's worth, so a line claims ahead only as far as every waiting notification
     * is still sent within its lease (see {@link #aheadPerSlot}); one that would not be is given back instead (see
     * {@link Claimed#sendableBy}).
     */
    static final int MAX_AHEAD_PER_SLOT = 4;
    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final NotifyPolicy policy;
    private final String node;
    private final NotificationMetrics metrics;
    private final ExecutorService deliveries = Executors.newVirtualThreadPerTaskExecutor();
    private final Delivery delivery;
    private final AttemptRecorder recorder;
    private final Map<String, HostLine> lines = new ConcurrentHashMap<>();
    /** Attempts in flight per merchant, over all its hosts. */
    private final Map<Long, Semaphore> merchantSlots = new ConcurrentHashMap<>();
    /** Notifications each merchant has on this node's lines, waiting or being sent. */
    private final Map<Long, AtomicInteger> merchantHeld = new ConcurrentHashMap<>();
    private final int merchantCapacity;
    /**
     * Notifications this node has claimed and not yet recorded or given back, with the end of their lease: never
     * claimed again meanwhile, even if their lease ran out.
     */
    private final Map<Long, Instant> inFlight = new ConcurrentHashMap<>();
    /** Hosts to claim for at the next round: their line ran low, or a notification for them committed here. */
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
        this.merchantCapacity = policy.perMerchantConcurrency() * (1 + aheadPerSlot(policy));
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
     * Stops claiming, gives back the notifications claimed ahead, gives the attempts in flight a moment to finish
     * and be recorded, then abandons the rest: they were not answered, so they are not recorded, and their leases
     * bring them back.
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
        giveBackWaiting();
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

    /** Ends the leases of the notifications claimed ahead, so another node sends them now rather than at expiry. */
    private void giveBackWaiting() {
        List<Long> ids = new ArrayList<>();
        for (HostLine line : lines.values()) {
            for (Claimed c : line.drain()) {
                ids.add(c.id());
                release(c);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                    UPDATE notification SET lease_owner = NULL, lease_until = NULL
                    WHERE id IN (<ids>) AND lease_owner = :node AND status = 'PENDING'""")
                    .bindList("ids", ids)
                    .bind("node", node)
                    .execute());
        } catch (RuntimeException e) {
            log.warn("{} notifications claimed ahead were not given back; their leases bring them back", ids.size(), e);
        }
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

    /** A claimed notification, leased to this node until {@code leaseUntil}. */
    record Claimed(long id, long merchantId, String product, String reference, String url, String host,
                   String body, int attemptNo, Instant createdAt, Instant leaseUntil) {
        /** The transaction it reports on, e.g. INSTANT_PAYMENT:2026112200000001. */
        String transaction() {
            return product + ":" + reference;
        }

        /** Whether an attempt that would end, at the latest, at {@code attemptEnd} ends before the lease does. */
        boolean sendableBy(Instant attemptEnd) {
            return attemptEnd.isBefore(leaseUntil);
        }
    }

    /**
     * One claim round: over every host with room if asked, then for each host named since the last round. A round
     * that may have left due rows behind asks for another at once.
     */
    private void claimAndSend() {
        if (everyHost.getAndSet(false)) {
            claimAndSend(null, policy.batchSize());
        }
        List<String> hosts = List.copyOf(hostsToClaim);
        hostsToClaim.removeAll(hosts);
        for (String host : hosts) {
            HostLine line = lineOf(host);
            int room = line.room();
            if (room > 0) {
                claimAndSend(host, Math.min(room, policy.batchSize()));
            } else {
                line.maybeMore(true);
            }
        }
    }

    private void claimAndSend(String host, int limit) {
        List<Claimed> claimed = jdbi.inTransaction(h -> claim(h, host, limit));
        Set<HostLine> fed = new HashSet<>();
        for (Claimed c : claimed) {
            inFlight.put(c.id(), c.leaseUntil());
            heldBy(c.merchantId()).incrementAndGet();
            HostLine line = lineOf(c.host());
            line.add(c);
            fed.add(line);
        }
        fed.forEach(this::pump);
    }

    /**
     * Claims and leases up to {@code limit} due notifications of {@code host}, or of every host with room when it
     * is null, taking no more for a line or a merchant than it has room for. Full lines and merchants are left out
     * in the query.
     */
    private List<Claimed> claim(Handle h, String host, int limit) {
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(policy.lease());
        List<Long> merchantsFull = new ArrayList<>();
        merchantHeld.forEach((merchant, held) -> {
            if (held.get() >= merchantCapacity) {
                merchantsFull.add(merchant);
            }
        });
        Set<String> hostsFull = new HashSet<>();
        if (host == null) {
            lines.forEach((name, line) -> {
                if (line.full()) {
                    hostsFull.add(name);
                    line.maybeMore(true);
                }
            });
        }
        // Claimed here and still unrecorded, though the lease ran out (a stopped clock moved, a slow answer).
        List<Long> sending = new ArrayList<>();
        inFlight.forEach((id, until) -> {
            if (!until.isAfter(now)) {
                sending.add(id);
            }
        });
        if (!embedded) {
            // A claim lost in a database crash only lets a notification be sent twice, which at-least-once allows;
            // not waiting for the flush keeps the round short.
            h.execute("SET LOCAL synchronous_commit TO OFF");
        }
        // The ORDER BY matches the notification_due index, and for one host the notification_host_due index, so
        // the database reads only the first rows. A notification waits while an earlier one of the same
        // transaction is pending (a CANCEL behind the SUCCESS it reverses); the notification_reference_pending index
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
                        rs.getInt("attempts") + 1, Columns.instant(rs, "created_at"), leaseUntil))
                .list();
        // Only this thread adds to the lines and to what merchants hold, so room can only grow meanwhile.
        Map<String, Integer> roomLeft = new HashMap<>();
        Map<Long, Integer> merchantRoomLeft = new HashMap<>();
        List<Claimed> taken = new ArrayList<>();
        boolean leftSome = false;
        for (Claimed c : due) {
            int room = roomLeft.computeIfAbsent(c.host(), name -> lineOf(name).room());
            int merchantRoom = merchantRoomLeft.computeIfAbsent(c.merchantId(),
                    merchant -> merchantCapacity - heldBy(merchant).get());
            if (room <= 0 || merchantRoom <= 0) {
                leftSome = true;
                continue;
            }
            roomLeft.put(c.host(), room - 1);
            merchantRoomLeft.put(c.merchantId(), merchantRoom - 1);
            taken.add(c);
        }
        if (!taken.isEmpty()) {
            h.createUpdate("UPDATE notification SET lease_owner = :node, lease_until = :until WHERE id IN (<ids>)")
                    .bind("node", node)
                    .bind("until", leaseUntil)
                    .bindList("ids", taken.stream().map(Claimed::id).toList())
                    .execute();
        }
        boolean more = due.size() == limit || leftSome;
        if (host == null) {
            if (more) {
                everyHost.set(true);
            }
            // A line not left out found all its due rows in this round unless the round was cut short.
            lines.forEach((name, line) -> {
                if (!hostsFull.contains(name)) {
                    line.maybeMore(more);
                }
            });
        } else {
            lineOf(host).maybeMore(more);
        }
        return taken;
    }

    /** Starts as many of the line's waiting notifications as its host's and their merchants' slots allow. */
    private void pump(HostLine line) {
        List<Claimed> stale = new ArrayList<>();
        while (running) {
            Claimed c = line.next(clock.instant().plus(policy.timeout()), this::takeMerchantSlot, stale);
            if (c == null) {
                break;
            }
            start(line, c);
        }
        // Their lease ends before an attempt could: the next claim after it ends sends them.
        stale.forEach(this::release);
    }

    private boolean takeMerchantSlot(Claimed c) {
        return merchantSlotsOf(c.merchantId()).tryAcquire();
    }

    private void start(HostLine line, Claimed c) {
        try {
            deliveries.execute(() -> {
                boolean recording = false;
                try {
                    recording = send(c);
                } finally {
                    ended(line, c, recording);
                }
            });
        } catch (RejectedExecutionException e) {
            // Closing: the lease brings the notification back.
            line.ended();
            merchantSlotsOf(c.merchantId()).release();
            release(c);
        }
    }

    /**
     * An attempt ended: gives back the host's and the merchant's slots, starts whatever waits for them, and asks the
     * database for more when the line runs low; for every host if the merchant had been left out of the claims.
     */
    private void ended(HostLine line, Claimed c, boolean recording) {
        line.ended();
        Semaphore merchant = merchantSlotsOf(c.merchantId());
        boolean merchantWasFull = merchant.availablePermits() == 0;
        merchant.release();
        boolean merchantWasLeftOut = heldBy(c.merchantId()).getAndDecrement() >= merchantCapacity;
        if (!recording) {
            inFlight.remove(c.id());
        }
        pump(line);
        if (merchantWasFull) {
            lines.values().stream().filter(other -> other != line && other.hasWaiting()).forEach(this::pump);
        }
        if (merchantWasLeftOut) {
            wake();
        } else if (line.wantsMore()) {
            wakeFor(c.host());
        }
    }

    /** Forgets a claimed notification that was not sent; its lease, given back or run out, lets it be claimed. */
    private void release(Claimed c) {
        heldBy(c.merchantId()).decrementAndGet();
        inFlight.remove(c.id());
    }

    private HostLine lineOf(String host) {
        return lines.computeIfAbsent(host, name -> new HostLine(policy.perHostConcurrency(),
                policy.perHostConcurrency() * aheadPerSlot(policy)));
    }

    /**
     * Waiting behind {@code n} notifications per slot and then sending takes at most {@code n + 1} timeouts, which
     * must end before the lease does: four with LianLian's policy (5 s attempts, 40 s leases), none with a lease
     * barely longer than the timeout.
     */
    static int aheadPerSlot(NotifyPolicy policy) {
        long timeouts = policy.lease().toMillis() / policy.timeout().toMillis();
        return (int) Math.max(0, Math.min(MAX_AHEAD_PER_SLOT, timeouts - 2));
    }

    private Semaphore merchantSlotsOf(long merchantId) {
        return merchantSlots.computeIfAbsent(merchantId, m -> new Semaphore(policy.perMerchantConcurrency()));
    }

    private AtomicInteger heldBy(long merchantId) {
        return merchantHeld.computeIfAbsent(merchantId, m -> new AtomicInteger());
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
