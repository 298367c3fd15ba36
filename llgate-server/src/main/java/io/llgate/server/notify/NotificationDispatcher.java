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
 * many sockets), and records every attempt with its outcome. A merchant waiting for a slot at a busy host,
 * or with all its own slots taken, is left out of the claims until a slot frees, so a slow or dead
 * endpoint's backlog never fills the claims that other merchants' notifications need.
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
    private final Map<String, Semaphore> hostSlots = new ConcurrentHashMap<>();
    private final Map<Long, Semaphore> merchantSlots = new ConcurrentHashMap<>();
    /** Notifications this node is sending now: never claimed again meanwhile, even if their lease ran out. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** Merchants with a notification for a host that had no free slot, and that host. */
    private final Map<Long, String> waitingForHost = new ConcurrentHashMap<>();
    /** Merchants with as many attempts in flight as the policy allows one merchant. */
    private final Set<Long> waitingForMerchantSlot = ConcurrentHashMap.newKeySet();
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    /** Set when close() stops waiting: an attempt ending after it ended because the node stopped, not the merchant. */
    private volatile boolean abandoning;
    private Thread loop;

    public NotificationDispatcher(Jdbi jdbi, Clock clock, NotifyPolicy policy, String node, NotificationMetrics metrics,
                                  MerchantUrlGuard urlGuard) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.policy = policy;
        this.node = node;
        this.metrics = metrics;
        this.delivery = new Delivery(deliveries, policy.timeout(), urlGuard);
    }

    public synchronized void start() {
        running = true;
        loop = Thread.ofPlatform().name("llgate-notify").daemon().start(this::run);
    }

    /** Asks for a claim round now instead of at the next poll. */
    public void wake() {
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
                int examined = claimAndSend();
                if (examined < policy.batchSize()
                        && signal.tryAcquire(policy.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("notification claim round failed", e);
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

    /** What one claim round saw and what it took. */
    private record Round(int examined, List<Claimed> claimed) {
    }

    /**
     * One claim round. Every row it examines is either claimed, with a host slot taken for it, or puts
     * its merchant in the waiting set; so a full round always makes progress and the loop may go on at once.
     */
    private int claimAndSend() {
        List<Claimed> holdingSlots = new ArrayList<>();
        Round round;
        try {
            round = jdbi.inTransaction(h -> claim(h, holdingSlots));
        } catch (RuntimeException e) {
            holdingSlots.forEach(this::releaseSlot);
            throw e;
        }
        for (Claimed c : round.claimed()) {
            inFlight.add(c.id());
            try {
                deliveries.execute(() -> {
                    try {
                        send(c);
                    } finally {
                        inFlight.remove(c.id());
                        releaseSlot(c);
                    }
                });
            } catch (RejectedExecutionException e) {
                // Closing: the lease brings the notification back.
                inFlight.remove(c.id());
                releaseSlot(c);
            }
        }
        return round.examined();
    }

    private Round claim(Handle h, List<Claimed> holdingSlots) {
        Instant now = clock.instant();
        Set<Long> waitingMerchants = new HashSet<>(waitingForHost.keySet());
        waitingMerchants.addAll(waitingForMerchantSlot);
        List<Long> waiting = List.copyOf(waitingMerchants);
        List<Long> sending = List.copyOf(inFlight);
        // The ORDER BY matches the notification_due index, so the database reads only the first rows.
        StringBuilder sql = new StringBuilder("""
                SELECT id, merchant_id, product, reference, url, body, attempts, created_at FROM notification
                WHERE status = 'PENDING' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)""");
        if (!waiting.isEmpty()) {
            sql.append(" AND merchant_id NOT IN (<waiting>)");
        }
        if (!sending.isEmpty()) {
            sql.append(" AND id NOT IN (<sending>)");
        }
        sql.append(" ORDER BY status, next_attempt_at, id LIMIT :batch FOR UPDATE SKIP LOCKED");
        Query query = h.createQuery(sql.toString())
                .bind("now", now)
                .bind("batch", policy.batchSize());
        if (!waiting.isEmpty()) {
            query.bindList("waiting", waiting);
        }
        if (!sending.isEmpty()) {
            query.bindList("sending", sending);
        }
        List<Claimed> due = query
                .map((rs, ctx) -> new Claimed(rs.getLong("id"), rs.getLong("merchant_id"), rs.getString("product"),
                        rs.getString("reference"), rs.getString("url"), hostOf(rs.getString("url")), rs.getString("body"),
                        rs.getInt("attempts") + 1,
                        Columns.instant(rs, "created_at")))
                .list();
        Set<Long> notFirst = queuedBehindEarlier(h, due);
        List<Long> leased = new ArrayList<>();
        for (Claimed c : due) {
            if (notFirst.contains(c.id())) {
                continue;
            }
            Semaphore merchant = merchantSlotsOf(c.merchantId());
            if (!merchant.tryAcquire()) {
                waitingForMerchantSlot.add(c.merchantId());
                if (merchant.availablePermits() > 0) {
                    // A slot freed meanwhile and found nobody waiting yet: do not wait for the next one.
                    waitingForMerchantSlot.remove(c.merchantId());
                }
                continue;
            }
            Semaphore slots = slotsOf(c.host());
            if (!slots.tryAcquire()) {
                merchant.release();
                waitingForHost.put(c.merchantId(), c.host());
                if (slots.availablePermits() > 0) {
                    waitingForHost.remove(c.merchantId(), c.host());
                }
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
        return new Round(due.size(), List.copyOf(holdingSlots));
    }

    /**
     * The candidates that must wait because an earlier notification of the same transaction is still
     * pending (a CANCEL behind the SUCCESS it reverses). Asked only for the few candidates of a round.
     */
    private static Set<Long> queuedBehindEarlier(Handle h, List<Claimed> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Map<String, Long> first = new HashMap<>();
        h.createQuery("""
                SELECT product, reference, MIN(id) AS first FROM notification
                WHERE status = 'PENDING' AND reference IN (<references>) GROUP BY product, reference""")
                .bindList("references", candidates.stream().map(Claimed::reference).distinct().toList())
                .map((rs, ctx) -> Map.entry(rs.getString("product") + ":" + rs.getString("reference"), rs.getLong("first")))
                .forEach(e -> first.put(e.getKey(), e.getValue()));
        Set<Long> waiting = new HashSet<>();
        for (Claimed c : candidates) {
            Long firstId = first.get(c.transaction());
            if (firstId != null && firstId != c.id()) {
                waiting.add(c.id());
            }
        }
        return waiting;
    }

    private Semaphore slotsOf(String host) {
        return hostSlots.computeIfAbsent(host, h -> new Semaphore(policy.perHostConcurrency()));
    }

    private Semaphore merchantSlotsOf(long merchantId) {
        return merchantSlots.computeIfAbsent(merchantId, m -> new Semaphore(policy.perMerchantConcurrency()));
    }

    /** Gives back the host slot and the merchant slot a claimed notification held. */
    private void releaseSlot(Claimed c) {
        slotsOf(c.host()).release();
        merchantSlotsOf(c.merchantId()).release();
        boolean hostFreed = waitingForHost.values().removeIf(c.host()::equals);
        boolean merchantFreed = waitingForMerchantSlot.remove(c.merchantId());
        if (hostFreed || merchantFreed) {
            wake();
        }
    }

    private void send(Claimed c) {
        Instant started = clock.instant();
        Delivery.Result result = delivery.attempt(c.url(), c.body(), c.id(), c.attemptNo());
        if (abandoning || Thread.currentThread().isInterrupted()) {
            // close() gave up waiting for the answer, and stopping may have cut the exchange short: nothing to
            // record, the lease brings the notification back.
            return;
        }
        // One line per attempt in key=value form, for log search; notifications carry no card data.
        log.info("notification_attempt id={} transaction={} merchant_id={} attempt={} host={} outcome={} http_status={}"
                        + " duration_ms={} node={}", c.id(), c.transaction(), c.merchantId(), c.attemptNo(), c.host(),
                NotificationMetrics.outcomeClass(result.outcome()),
                result.httpStatus() == null ? "-" : result.httpStatus(), result.durationMs(), node);
        metrics.attempted(result.outcome(), c.attemptNo(), c.createdAt(), started);
        try {
            jdbi.useTransaction(h -> record(h, c, started, result));
        } catch (RuntimeException e) {
            log.error("attempt {} of notification {} could not be recorded; the lease will expire and it is sent again",
                    c.attemptNo(), c.id(), e);
        }
    }

    private void record(Handle h, Claimed c, Instant started, Delivery.Result result) {
        h.createUpdate("""
                INSERT INTO notification_attempt (notification_id, attempt_no, node, started_at, duration_ms,
                                                  http_status, response_head, outcome, error)
                VALUES (:id, :attemptNo, :node, :started, :duration, :status, :head, :outcome, :error)""")
                .bind("id", c.id())
                .bind("attemptNo", c.attemptNo())
                .bind("node", node)
                .bind("started", started)
                .bind("duration", result.durationMs())
                .bind("status", result.httpStatus())
                .bind("head", Columns.shownText(result.answerHead()))
                .bind("outcome", result.outcome().name())
                .bind("error", Columns.shownText(result.error()))
                .execute();
        Instant now = clock.instant();
        boolean acknowledged = result.outcome() == AttemptOutcome.ACKNOWLEDGED;
        h.createUpdate("""
                UPDATE notification SET
                    attempts = :attemptNo,
                    status = CASE WHEN :acknowledged THEN 'DELIVERED'
                                  WHEN :attemptNo >= max_attempts THEN 'EXHAUSTED'
                                  ELSE 'PENDING' END,
                    next_attempt_at = :next,
                    delivered_at = CASE WHEN :acknowledged THEN :now ELSE delivered_at END,
                    lease_owner = NULL, lease_until = NULL, updated_at = :now
                WHERE id = :id AND lease_owner = :node AND status = 'PENDING'""")
                .bind("attemptNo", c.attemptNo())
                .bind("acknowledged", acknowledged)
                .bind("next", now.plus(policy.interval()))
                .bind("now", now)
                .bind("id", c.id())
                .bind("node", node)
                .execute();
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
