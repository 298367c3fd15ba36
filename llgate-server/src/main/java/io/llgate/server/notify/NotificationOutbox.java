package io.llgate.server.notify;

import java.time.Clock;
import org.jdbi.v3.core.Handle;

/** The transactional outbox: a notification row commits with its cause and wakes the dispatcher after commit. */
public final class NotificationOutbox implements Notifier {
    private final Clock clock;
    private final NotifyPolicy policy;
    private final Runnable wake;

    public NotificationOutbox(Clock clock, NotifyPolicy policy, Runnable wake) {
        this.clock = clock;
        this.policy = policy;
        this.wake = wake;
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
        h.afterCommit(wake);
        return id;
    }
}
