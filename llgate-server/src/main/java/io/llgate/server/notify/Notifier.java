package io.llgate.server.notify;

import org.jdbi.v3.core.Handle;

/** Queues asynchronous notifications in the caller's transaction (the outbox). */
public interface Notifier {
    /** Writes the notification with the state change that causes it; delivery starts once it commits. */
    long enqueue(Handle h, OutgoingNotification notification);
}
