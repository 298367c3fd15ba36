package io.llgate.server.security;

import java.time.Duration;

/**
 * How many failures a key (a source address, a merchant) may have: a bucket of {@code failures} that
 * refills that many per {@code period}, evenly; {@code failures} 0 is no limit at all.
 */
public record FailureLimit(int failures, Duration period) {
    public static final FailureLimit NONE = new FailureLimit(0, Duration.ofMinutes(1));

    public FailureLimit {
        if (failures < 0) {
            throw new IllegalArgumentException("the number of failures cannot be negative");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the period must be longer than 0");
        }
    }

    public boolean isOn() {
        return failures > 0;
    }
}
