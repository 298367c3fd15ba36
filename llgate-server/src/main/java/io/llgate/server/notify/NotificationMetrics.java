package io.llgate.server.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * What operators watch: how many notifications wait in each state, how long the oldest due one has
 * waited, how attempts end, and how long merchants wait for the first attempt and for delivery.
 * Queue figures come from the database, so every node reports the whole cluster's queue.
 */
public final class NotificationMetrics {
    /** Queue figures are read at most this often, however often Prometheus scrapes. */
    private static final Duration QUEUE_REFRESH = Duration.ofSeconds(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<AttemptOutcome, Counter> attempts = new EnumMap<>(AttemptOutcome.class);
    private final Timer firstAttemptLatency;
    private final Timer deliveryLatency;
    private final AtomicReference<QueueSnapshot> queue = new AtomicReference<>(new QueueSnapshot(Instant.EPOCH, Map.of(), 0));

    private record QueueSnapshot(Instant takenAt, Map<NotificationStatus, Long> counts, double oldestDueSeconds) {
    }

    public NotificationMetrics(MeterRegistry registry, Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            attempts.put(outcome, Counter.builder("llgate.notification.attempts")
                    .description("Notification delivery attempts by how they ended")
                    .tag("outcome", outcomeClass(outcome))
                    .register(registry));
        }
        firstAttemptLatency = Timer.builder("llgate.notification.first.attempt.latency")
                .description("From the notification's commit to the start of its first attempt")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        deliveryLatency = Timer.builder("llgate.notification.delivery.latency")
                .description("From the notification's commit to the merchant's acknowledgement")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        for (NotificationStatus status : NotificationStatus.values()) {
            if (status != NotificationStatus.DELIVERED) {
                Gauge.builder("llgate.notifications.queued", this, m -> m.snapshot().counts().getOrDefault(status, 0L))
                        .description("Notifications not delivered, by status")
                        .tag("status", status.name())
                        .register(registry);
            }
        }
        Gauge.builder("llgate.notifications.oldest.due.age", this, m -> m.snapshot().oldestDueSeconds())
                .description("How long the oldest notification that is due has been waiting for its attempt")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Records one finished attempt. */
    void attempted(AttemptOutcome outcome, int attemptNo, Instant createdAt, Instant startedAt) {
        attempts.get(outcome).increment();
        if (attemptNo == 1) {
            firstAttemptLatency.record(nonNegative(Duration.between(createdAt, startedAt)));
        }
        if (outcome == AttemptOutcome.ACKNOWLEDGED) {
            deliveryLatency.record(nonNegative(Duration.between(createdAt, clock.instant())));
        }
    }

    /** The outcome classes operators alert on: ack, wrong_body, http_error, timeout, connection_error. */
    static String outcomeClass(AttemptOutcome outcome) {
        return outcome == AttemptOutcome.ACKNOWLEDGED ? "ack" : outcome.name().toLowerCase(Locale.ROOT);
    }

    private QueueSnapshot snapshot() {
        QueueSnapshot current = queue.get();
        Instant now = clock.instant();
        if (Duration.between(current.takenAt(), now).compareTo(QUEUE_REFRESH) < 0) {
            return current;
        }
        QueueSnapshot fresh = jdbi.withHandle(h -> {
            Map<NotificationStatus, Long> counts = new EnumMap<>(NotificationStatus.class);
            // DELIVERED is left out: it only grows, and the ack counter already tells it.
            h.createQuery("SELECT status, COUNT(*) AS n FROM notification WHERE status <> 'DELIVERED' GROUP BY status")
                    .map((rs, ctx) -> Map.entry(NotificationStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            OffsetDateTime oldest = h.createQuery(
                            "SELECT MIN(next_attempt_at) FROM notification WHERE status = 'PENDING' AND next_attempt_at <= :now")
                    .bind("now", now)
                    .mapTo(OffsetDateTime.class)
                    .one();
            double age = oldest == null ? 0 : Duration.between(oldest.toInstant(), now).toMillis() / 1000.0;
            return new QueueSnapshot(now, counts, age);
        });
        queue.set(fresh);
        return fresh;
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
