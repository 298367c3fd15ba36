package io.llgate.server.notify;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A sandbox merchant's wish to have its notifications misbehave the ways LianLian warns real ones can,
 * so that it can prove its own side copes: delivered twice, out of order, or late. The delay is how long
 * LATE holds the first attempt back, and the longest SHUFFLE holds one back.
 */
public record NotifyChaos(Mode mode, Duration delay) {
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(10);
    public static final Duration MAX_DELAY = Duration.ofDays(1);
    public static final NotifyChaos NONE = new NotifyChaos(Mode.NONE, DEFAULT_DELAY);

    /** What happens to each of the merchant's notifications. */
    public enum Mode {
        /** Nothing: notifications go out as in production. */
        NONE,
        /** Delivered twice: two byte-identical copies, each attempted and acknowledged on its own. */
        DUPLICATE,
        /** Held back a random time up to the delay, so those of different orders arrive out of order. */
        SHUFFLE,
        /** The first attempt waits for the delay. */
        LATE;

        /** The name used in the admin API and the CLI. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Mode> byId(String id) {
            return Arrays.stream(values()).filter(m -> m.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
        }
    }

    public NotifyChaos {
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("the notify_chaos delay must be between 0 and one day");
        }
    }
}
