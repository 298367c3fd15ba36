package io.llgate.client.notify;

import io.llgate.client.LlGateException;

/**
 * A notification or browser return that must not be believed: unreadable, unsigned, signed with another key,
 * for another merchant, or without the fields its kind requires.
 */
public final class InvalidNotificationException extends LlGateException {
    InvalidNotificationException(String message) {
        super(message, null, false);
    }
}
