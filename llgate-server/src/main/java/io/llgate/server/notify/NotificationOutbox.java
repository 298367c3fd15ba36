package io.llgate.server.notify;

import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * The transactional outbox: a notification row commits with its cause, then wakes this node's dispatcher
 * and, in a cluster, every other node's through {@link ClusterWakeUps}.
 */
public final class NotificationOutbox implements Notifier {
    private final Clock clock;
    private final NotifyPolicy policy;
    private final Runnable wake;
    private final boolean announceToCluster;

    /** A single node's outbox: only the local dispatcher is woken. */
    public NotificationOutbox(Clock clock, NotifyPolicy policy, Runnable wake) {
        this(clock, policy, wake, false);
    }

    public NotificationOutbox(Clock clock, NotifyPolicy policy, Runnable wake, boolean announceToCluster) {
        this.clock = clock;
        this.policy = policy;
        this.wake = wake;
        this.announceToCluster = announceToCluster;
    }

    @Override
    public long enqueue(Handle h, OutgoingNotification n) {
        long id = h.createUpdate("""
                INSERT INTO notification (merchant_id, product, reference, no_order, result, url, body, status,
                                          attempts, max_attempts, next_attempt_at, created_at, updated_at)
                VALUES (:merchant, :product, :reference, :noOrder, :result, :url, :body, 'PENDING',
                        0, :maxAttempts, :now, :now, :now)""")
                .bind("merchant", n.merchantId())
                .bind("product", n.product())
                .bind("reference", n.reference())
                .bind("noOrder", n.noOrder())
                .bind("result", n.result())
                .bind("url", n.url())
                .bind("body", n.body())
                .bind("maxAttempts", policy.maxAttempts())
                .bind("now", clock.instant())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        if (announceToCluster) {
            ClusterWakeUps.announce(h);
        }
        h.afterCommit(wake);
        return id;
    }
}
