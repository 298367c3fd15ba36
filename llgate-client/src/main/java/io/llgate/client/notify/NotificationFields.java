package io.llgate.client.notify;

import io.llgate.client.VerifiedMessage;
import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields of a notification whose signature verified, as a {@link NotificationType}'s decoder reads them: a
 * field that is missing, malformed or outside its documented values refuses the notification with an
 * {@link InvalidNotificationException} that names it.
 */
public final class NotificationFields {
    private final VerifiedMessage message;

    NotificationFields(VerifiedMessage message) {
        this.message = message;
    }

    /** Every field as received and the exact body. */
    public VerifiedMessage message() {
        return message;
    }

    /** A field the notification must carry. */
    public String required(String name) {
        return message.field(name).orElseThrow(() -> refused("the notification has no " + name));
    }

    /** A field the notification may carry; absent when missing or empty. */
    public Optional<String> optional(String name) {
        return message.field(name);
    }

    /** A required amount with two decimals, in fen. */
    public long fen(String name) {
        try {
            return Amounts.parseFen(required(name));
        } catch (FieldFormatException e) {
            throw refused("the notification's " + name + " is malformed: " + e.getMessage());
        }
    }

    /** A required field read as one of its documented values, e.g. {@code ResultPay::of}. */
    public <T> T documented(String name, Function<String, Optional<T>> values) {
        String text = required(name);
        return values.apply(text).orElseThrow(() -> refused("the notification has an undocumented " + name + " " + text));
    }

    /** The exception that refuses the notification, for a decoder's own checks. */
    public InvalidNotificationException refused(String why) {
        return new InvalidNotificationException(why);
    }
}
