package io.llgate.client.notify;

import java.util.Optional;

/**
 * What to answer the gateway, exactly: the HTTP status, the content type and the body. Only
 * {@link Outcome#PROCESSED} and {@link Outcome#DUPLICATE} are acknowledged with {@code 0000}; every other
 * answer makes the gateway try again later.
 *
 * @param notification the notification, once it verified
 * @param failure why it was not acknowledged: the verification, store or callback failure
 */
public record NotificationResponse(Outcome outcome, int status, String body, Optional<Notification> notification,
                                   Optional<Exception> failure) {
    /** The content type of every answer. */
    public static final String CONTENT_TYPE = "application/json;charset=utf-8";

    /** How the handler dealt with the request. */
    public enum Outcome {
        /** Verified, new, and the callback succeeded: acknowledged. */
        PROCESSED,
        /** Verified and processed before: acknowledged without running the callback again. */
        DUPLICATE,
        /** Not a notification to believe (bad signature, another merchant's, unreadable): not acknowledged. */
        REJECTED,
        /** Another copy is being processed right now: not acknowledged, the gateway will try again. */
        IN_PROGRESS,
        /** The callback or the store failed: not acknowledged, the gateway will try again. */
        FAILED
    }

    /** Whether the body is the {@code 0000} acknowledgement. */
    public boolean acknowledged() {
        return outcome == Outcome.PROCESSED || outcome == Outcome.DUPLICATE;
    }

    /** {@value #CONTENT_TYPE}. */
    public String contentType() {
        return CONTENT_TYPE;
    }
}
