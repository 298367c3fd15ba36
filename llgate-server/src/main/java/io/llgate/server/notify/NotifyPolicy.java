package io.llgate.server.notify;

import java.time.Duration;

/**
 * The delivery policy: LianLian's is 30 attempts in all, 2 minutes apart, 5 seconds each.
 * The lease is how long a node may hold a claimed notification before another node may take it:
 * it must outlast one attempt and its recording, and it is how long a notification waits after
 * the node sending it died. At most {@code perHostConcurrency} attempts are in flight to one merchant host,
 * and at most {@code perMerchantConcurrency} for one merchant over all its hosts.
 */
public record NotifyPolicy(
        Duration interval,
        int maxAttempts,
        Duration timeout,
        int perHostConcurrency,
        Duration pollInterval,
        int batchSize,
        Duration lease,
        int perMerchantConcurrency) {

    /** Attempts in flight per merchant unless set: twice the per-host cap, whatever number of hosts it names. */
    public static final int DEFAULT_PER_MERCHANT_CONCURRENCY = 16;

    public NotifyPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
        if (interval.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("interval and timeout must be positive");
        }
        if (lease.compareTo(timeout) <= 0) {
            // A shorter lease would let another node send the notification while this one still waits for the answer.
            throw new IllegalArgumentException("the lease must be longer than the timeout");
        }
        if (perHostConcurrency < 1 || perMerchantConcurrency < 1) {
            throw new IllegalArgumentException("at least one attempt at a time per host and per merchant is needed");
        }
    }

    /** A policy with the default cap per merchant. */
    public NotifyPolicy(Duration interval, int maxAttempts, Duration timeout, int perHostConcurrency,
                        Duration pollInterval, int batchSize, Duration lease) {
        this(interval, maxAttempts, timeout, perHostConcurrency, pollInterval, batchSize, lease,
                DEFAULT_PER_MERCHANT_CONCURRENCY);
    }

    /** A policy whose lease is the default for its timeout. */
    public NotifyPolicy(Duration interval, int maxAttempts, Duration timeout, int perHostConcurrency,
                        Duration pollInterval, int batchSize) {
        this(interval, maxAttempts, timeout, perHostConcurrency, pollInterval, batchSize, defaultLease(timeout));
    }

    public static NotifyPolicy lianLian() {
        return new NotifyPolicy(Duration.ofMinutes(2), 30, Duration.ofSeconds(5), 8, Duration.ofSeconds(1), 64);
    }

    /** The same policy with a new schedule and the default lease for the new timeout. */
    public NotifyPolicy withSchedule(Duration newInterval, int newMaxAttempts, Duration newTimeout) {
        return new NotifyPolicy(newInterval, newMaxAttempts, newTimeout, perHostConcurrency, pollInterval, batchSize,
                defaultLease(newTimeout), perMerchantConcurrency);
    }

    public NotifyPolicy withLease(Duration newLease) {
        return new NotifyPolicy(interval, maxAttempts, timeout, perHostConcurrency, pollInterval, batchSize, newLease,
                perMerchantConcurrency);
    }

    /** The same policy with other caps on attempts in flight per merchant host and per merchant. */
    public NotifyPolicy withConcurrency(int newPerHost, int newPerMerchant) {
        return new NotifyPolicy(interval, maxAttempts, timeout, newPerHost, pollInterval, batchSize, lease,
                newPerMerchant);
    }

    /** Twice the timeout plus half a minute: a live node never loses a lease it still works on. */
    static Duration defaultLease(Duration timeout) {
        return timeout.multipliedBy(2).plusSeconds(30);
    }
}
