package io.llgate.server.notify;

import java.time.Clock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * The transactional outbox: a notification row commits with its cause, then wakes this node's dispatcher
 * and, in a cluster, every other node's through a {@link ClusterAnnouncer}.
 */
public final class NotificationOutbox implements Notifier {
    private final Clock clock;
    private final NotifyPolicy policy;
    private final Consumer<String> wake;
    private final Consumer<String> announce;

    /** A single node's outbox: only the local dispatcher is woken. */
    public NotificationOutbox(Clock clock, NotifyPolicy policy, Runnable wake) {
        this(clock, policy, host -> wake.run(), host -> { });
    }

    /**
     * An outbox that, after each commit, wakes the local dispatcher for the notification's host ({@code host:port},
     * see {@link NotificationDispatcher#hostOf}) and asks {@code announce} to wake the other nodes for it.
     */
    public NotificationOutbox(Clock clock, NotifyPolicy policy, Consumer<String> wake, Consumer<String> announce) {
        this.clock = clock;
        this.policy = policy;
        this.wake = wake;
        this.announce = announce;
    }

    @Override
    public long enqueue(Handle h, OutgoingNotification n) {
        String host = NotificationDispatcher.hostOf(n.url());
        long id = h.createUpdate("""
                INSERT INTO notification (merchant_id, product, reference, no_order, result, url, host, body, status,
                                          attempts, max_attempts, next_attempt_at, created_at, updated_at)
                VALUES (:merchant, :product, :reference, :noOrder, :result, :url, :host, :body, 'PENDING',
                        0, :maxAttempts, :now, :now, :now)""")
                .bind("merchant", n.merchantId())
                .bind("product", n.product())
                .bind("reference", n.reference())
                .bind("noOrder", n.noOrder())
                .bind("result", n.result())
                .bind("url", n.url())
                .bind("host", host)
                .bind("body", n.body())
                .bind("maxAttempts", policy.maxAttempts())
                .bind("now", clock.instant())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        h.afterCommit(() -> {
            wake.accept(host);
            announce.accept(host);
        });
        return id;
    }
}
