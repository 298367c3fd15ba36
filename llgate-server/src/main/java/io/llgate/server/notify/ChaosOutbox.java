package io.llgate.server.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;

/**
 * The sandbox's outbox: queues each notification as the real one does, then does to it what the merchant's
 * notify_chaos asks. A duplicate is a second row with the same body, so each copy is attempted, recorded and
 * acknowledged on its own; the dispatcher sends it after the first, since it keeps one transaction's
 * notifications in order. Holding a notification back only moves its first attempt.
 */
public final class ChaosOutbox implements Notifier {
    /** A merchant's chaos setting, read in the caller's transaction. */
    @FunctionalInterface
    public interface Settings {
        NotifyChaos of(Handle h, long merchantId);
    }

    private final Notifier outbox;
    private final Settings settings;
    private final Clock clock;

    public ChaosOutbox(Notifier outbox, Settings settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public long enqueue(Handle h, OutgoingNotification n) {
        long id = outbox.enqueue(h, n);
        NotifyChaos chaos = settings.of(h, n.merchantId());
        switch (chaos.mode()) {
            case NONE -> {
            }
            case DUPLICATE -> {
                long copy = outbox.enqueue(h, n);
                note(h, id, "duplicate: copy sent as notification " + copy);
                note(h, copy, "duplicate: copy of notification " + id);
            }
            case SHUFFLE -> holdBack(h, id, "shuffle",
                    Duration.ofMillis(ThreadLocalRandom.current().nextLong(chaos.delay().toMillis() + 1)));
            case LATE -> holdBack(h, id, "late", chaos.delay());
        }
        return id;
    }

    private void holdBack(Handle h, long id, String mode, Duration delay) {
        h.createUpdate("UPDATE notification SET next_attempt_at = :at WHERE id = :id")
                .bind("at", clock.instant().plus(delay))
                .bind("id", id)
                .execute();
        note(h, id, mode + ": first attempt held back " + delay.toMillis() + " ms");
    }

    private static void note(Handle h, long id, String chaos) {
        h.createUpdate("UPDATE notification SET chaos = :chaos WHERE id = :id")
                .bind("chaos", chaos)
                .bind("id", id)
                .execute();
    }
}
