package io.llgate.server.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that runs with real time but can be moved forward, so sandbox users can reach timeouts on purpose. */
public final class SandboxClock extends Clock {
    /** The longest single move: ten years. */
    public static final Duration MAX_STEP = Duration.ofDays(3653);
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public SandboxClock(Clock base) {
        this.base = base;
    }

    /** Moves the clock forward; time never runs backwards. */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock only moves forward");
        }
        if (by.compareTo(MAX_STEP) > 0) {
            // Beyond this the clock would soon pass the last instant Java can hold, and every request would fail.
            throw new IllegalArgumentException("the sandbox clock moves at most " + MAX_STEP.toDays() + " days at a time");
        }
        offset.accumulateAndGet(by, Duration::plus);
        return instant();
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sandbox clock has one zone");
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }
}
