package io.llgate.client.notify;

import io.llgate.protocol.FlatJson;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a merchant's {@code notify_url} has to do, for any web server: verify the notification, skip
 * copies already processed, run the merchant's callback once, and say exactly what to answer. Wire it to a
 * route that passes the raw request body and writes back {@link NotificationResponse#status()} and
 * {@link NotificationResponse#body()}. Thread-safe.
 *
 * <p>Once means once per {@link NotificationStore}: use a {@link JdbcNotificationStore} when several processes
 * serve the route or a restart must not forget. If the process dies after the callback's effect but before the
 * store records it, the next copy runs the callback again once the claim's lease ends, so an effect that can be
 * written together with the merchant's own idempotency check is safest.
 */
public final class NotificationHandler {
    /** The acknowledgement LianLian documents; the gateway accepts any JSON with {@code ret_code} {@code 0000}. */
    public static final String ACKNOWLEDGEMENT = "{\"ret_code\":\"0000\",\"ret_msg\":\"ok\"}";

    private static final System.Logger log = System.getLogger(NotificationHandler.class.getName());

    private final NotificationVerifier verifier;
    private final NotificationCallback callback;
    private final NotificationStore store;
    private final Clock clock;
    private final Duration lease;

    private NotificationHandler(Builder b) {
        this.verifier = b.verifier;
        this.callback = b.callback;
        this.store = b.store;
        this.clock = b.clock;
        this.lease = b.lease;
    }

    /** A handler with an in-memory store, the system clock and a 5-minute lease unless changed. */
    public static Builder builder(NotificationVerifier verifier, NotificationCallback callback) {
        return new Builder(verifier, callback);
    }

    /** Handles one request to the {@code notify_url}, given its raw body. Never throws for what the request holds. */
    public NotificationResponse handle(byte[] body) {
        Notification notification;
        try {
            notification = verifier.verify(body);
        } catch (InvalidNotificationException e) {
            log.log(Level.WARNING, "refused a notification: {0}", e.getMessage());
            return refusal(NotificationResponse.Outcome.REJECTED, 400, "1001", e.getMessage(), null, e);
        }
        String key = notification.dedupeKey();
        NotificationStore.Claim claim;
        try {
            claim = store.claim(key, clock.instant(), lease);
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "the notification store failed for " + key, e);
            return refusal(NotificationResponse.Outcome.FAILED, 500, "9999", "not processed, try again", notification, e);
        }
        switch (claim) {
            case DONE -> {
                return acknowledged(NotificationResponse.Outcome.DUPLICATE, notification);
            }
            case BUSY -> {
                return refusal(NotificationResponse.Outcome.IN_PROGRESS, 503, "9999", "being processed, try again",
                        notification, null);
            }
            case CLAIMED -> {
                return process(notification, key);
            }
            default -> throw new IllegalStateException("unknown claim " + claim);
        }
    }

    private NotificationResponse process(Notification notification, String key) {
        try {
            callback.onNotification(notification);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.log(Level.ERROR, "the callback failed for " + key + "; the gateway will send it again", e);
            try {
                store.release(key);
            } catch (RuntimeException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            return refusal(NotificationResponse.Outcome.FAILED, 500, "9999", "not processed, try again", notification, e);
        }
        try {
            store.complete(key, clock.instant());
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "processed " + key + " but the store could not record it", e);
            return refusal(NotificationResponse.Outcome.FAILED, 500, "9999", "not recorded, try again", notification, e);
        }
        return acknowledged(NotificationResponse.Outcome.PROCESSED, notification);
    }

    private static NotificationResponse acknowledged(NotificationResponse.Outcome outcome, Notification notification) {
        return new NotificationResponse(outcome, 200, ACKNOWLEDGEMENT, Optional.of(notification), Optional.empty());
    }

    private static NotificationResponse refusal(NotificationResponse.Outcome outcome, int status, String code,
                                                String message, Notification notification, Exception failure) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("ret_code", code);
        body.put("ret_msg", message);
        return new NotificationResponse(outcome, status, FlatJson.write(body), Optional.ofNullable(notification),
                Optional.ofNullable(failure));
    }

    /** Configures a {@link NotificationHandler}. */
    public static final class Builder {
        private final NotificationVerifier verifier;
        private final NotificationCallback callback;
        private NotificationStore store = new InMemoryNotificationStore();
        private Clock clock = Clock.systemUTC();
        private Duration lease = Duration.ofMinutes(5);

        private Builder(NotificationVerifier verifier, NotificationCallback callback) {
            if (verifier == null || callback == null) {
                throw new IllegalArgumentException("a verifier and a callback are required");
            }
            this.verifier = verifier;
            this.callback = callback;
        }

        /** Where processed notifications are remembered; in memory unless set. */
        public Builder store(NotificationStore notificationStore) {
            this.store = notificationStore;
            return this;
        }

        public Builder clock(Clock handlerClock) {
            this.clock = handlerClock;
            return this;
        }

        /**
         * How long a copy being processed keeps other copies waiting; after it, its claim is presumed dead and
         * taken over. Longer than the slowest callback; 5 minutes unless set.
         */
        public Builder lease(Duration claimLease) {
            if (claimLease == null || claimLease.isNegative() || claimLease.isZero()) {
                throw new IllegalArgumentException("the lease must be positive");
            }
            this.lease = claimLease;
            return this;
        }

        public NotificationHandler build() {
            return new NotificationHandler(this);
        }
    }
}
