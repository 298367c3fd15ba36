package io.llgate.testkit;

import java.util.Locale;

/** How the sandbox misbehaves when it delivers the merchant's notifications, the ways LianLian warns they can. */
public enum NotificationChaos {
    /** Delivered as they come. */
    NONE,
    /** Each one delivered twice. */
    DUPLICATE,
    /** Held back up to the delay, so they arrive out of order. */
    SHUFFLE,
    /** First attempted only after the delay. */
    LATE;

    /** The value of the admin API's {@code notify_chaos}. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
