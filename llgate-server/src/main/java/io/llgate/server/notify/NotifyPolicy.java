package io.llgate.server.notify;

import java.time.Duration;

/**
 * The delivery policy: LianLian's is 30 attempts in all, 2 minutes apart, 5 seconds each.
 * The lease is how long a node may hold a claimed notification before another node may take it.
 */
public record NotifyPolicy(
        Duration interval,
        int maxAttempts,
        Duration timeout,
        int perHostConcurrency,
        Duration pollInterval,
        int batchSize) {

    public NotifyPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
        if (interval.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("interval and timeout must be positive");
        }
    }

    public static NotifyPolicy lianLian() {
        return new NotifyPolicy(Duration.ofMinutes(2), 30, Duration.ofSeconds(5), 8, Duration.ofSeconds(1), 64);
    }

    public NotifyPolicy withSchedule(Duration newInterval, int newMaxAttempts, Duration newTimeout) {
        return new NotifyPolicy(newInterval, newMaxAttempts, newTimeout, perHostConcurrency, pollInterval, batchSize);
    }

    /** Longer than any attempt can take, so a live node never loses a lease it still works on. */
    public Duration lease() {
        return timeout.multipliedBy(2).plusSeconds(30);
    }
}
