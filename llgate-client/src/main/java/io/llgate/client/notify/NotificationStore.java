package io.llgate.client.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * Remembers which notifications were processed, so that copies of one run the merchant's callback once.
 * A key is first claimed (one claimant at a time), then completed after the callback succeeded, or released
 * when it failed. A claim older than its lease may be taken over: its holder is presumed dead.
 */
public interface NotificationStore {

    /** The answer to a claim. */
    enum Claim {
        /** The caller holds the key now and must complete or release it. */
        CLAIMED,
        /** The notification was processed before. */
        DONE,
        /** Another caller holds a live claim. */
        BUSY
    }

    /** Claims the key unless it is done or held by a claim younger than {@code lease}. */
    Claim claim(String key, Instant now, Duration lease);

    /** Marks a claimed key processed, for good. */
    void complete(String key, Instant now);

    /** Gives a claimed key up, so the next copy of the notification is processed. */
    void release(String key);
}
