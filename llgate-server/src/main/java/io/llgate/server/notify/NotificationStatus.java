package io.llgate.server.notify;

/** Where a notification is in its life. */
public enum NotificationStatus {
    /** Waiting for its next attempt. */
    PENDING,
    /** Acknowledged by the merchant with {@code ret_code} 0000. */
    DELIVERED,
    /** Every allowed attempt failed; only an operator's resend sends it again. */
    EXHAUSTED,
    /** An operator cancelled it while it was pending: never attempted again, its attempts kept. */
    CANCELLED
}
