package io.llgate.client.notify;

import java.util.function.Function;

/**
 * A kind of notification the SDK can read: its name, the shape that tells it apart, and how its fields become a
 * {@link Notification}. Register one in {@link NotificationTypes} to have {@link NotificationVerifier} read it.
 *
 * @param name a short word for the kind, used in messages ({@code payment}, {@code refund})
 * @param shape the fields that recognise it
 * @param decoder reads a verified notification of this shape; refuses missing or malformed fields through
 *                {@link NotificationFields}
 */
public record NotificationType(String name, NotificationShape shape,
                               Function<NotificationFields, ? extends Notification> decoder) {

    public NotificationType {
        if (name == null || name.isBlank() || shape == null || decoder == null) {
            throw new IllegalArgumentException("a notification type needs a name, a shape and a decoder");
        }
    }

    /** Reads a notification that has this type's shape and whose signature verified. */
    public Notification decode(NotificationFields fields) {
        Notification notification = decoder.apply(fields);
        if (notification == null) {
            throw new IllegalStateException("the " + name + " decoder answered nothing");
        }
        return notification;
    }
}
