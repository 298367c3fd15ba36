package io.llgate.client.notify;

import io.llgate.client.VerifiedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The kinds of notification a {@link NotificationVerifier} reads, each recognised by its {@link NotificationShape}.
 * {@link #standard()} holds the kinds the gateway sends; a product's own kind is added with {@link #with}, and the
 * verifier needs no change for it. Immutable.
 */
public final class NotificationTypes {
    private static final NotificationTypes STANDARD = new NotificationTypes(List.of())
            .with(PaymentNotification.TYPE)
            .with(PaymentNotification.CARD_PAGE_RETURN)
            .with(ExchangeNotification.TYPE)
            .with(RefundNotification.TYPE);

    private final List<NotificationType> types;

    private NotificationTypes(List<NotificationType> types) {
        this.types = List.copyOf(types);
    }

    /**
     * The kinds the gateway sends: a payment's result (payouts and pay-ins, the card payment page's return), an
     * exchange payment's and a refund's.
     */
    public static NotificationTypes standard() {
        return STANDARD;
    }

    /** Only these kinds. */
    public static NotificationTypes of(NotificationType... kinds) {
        NotificationTypes registry = new NotificationTypes(List.of());
        for (NotificationType kind : kinds) {
            registry = registry.with(kind);
        }
        return registry;
    }

    /**
     * These kinds and one more. A kind whose shape is narrower than one already here (it carries the same fields
     * and more) is preferred to it for a notification that has both shapes.
     *
     * @throws IllegalArgumentException when a kind of that name or that exact shape is registered already
     */
    public NotificationTypes with(NotificationType kind) {
        for (NotificationType known : types) {
            if (known.name().equals(kind.name())) {
                throw new IllegalArgumentException("a notification type named " + kind.name() + " is registered already");
            }
            if (known.shape().equals(kind.shape())) {
                throw new IllegalArgumentException("the " + known.name() + " notification has the shape of "
                        + kind.name() + " already: " + kind.shape());
            }
        }
        List<NotificationType> more = new ArrayList<>(types);
        more.add(kind);
        return new NotificationTypes(more);
    }

    /** The registered kinds, in registration order. */
    public List<NotificationType> types() {
        return types;
    }

    /**
     * The kind of a verified message: the one whose shape it has, or, among several, the one narrower than all
     * the others.
     *
     * @throws InvalidNotificationException when no kind fits, or several fit and none is narrower than the rest
     */
    public NotificationType recognise(VerifiedMessage message) {
        List<NotificationType> fits = types.stream().filter(t -> t.shape().matches(message)).toList();
        if (fits.isEmpty()) {
            throw new InvalidNotificationException("the notification is of no known kind; known are "
                    + describe(types) + "; it has " + String.join(", ", message.fields().keySet()));
        }
        for (NotificationType candidate : fits) {
            if (fits.stream().allMatch(other -> other == candidate || candidate.shape().narrows(other.shape()))) {
                return candidate;
            }
        }
        throw new InvalidNotificationException("the notification fits several kinds: " + describe(fits));
    }

    /** Reads a verified message as the notification of its kind. */
    Notification decode(VerifiedMessage message) {
        return recognise(message).decode(new NotificationFields(message));
    }

    private static String describe(List<NotificationType> kinds) {
        return kinds.stream().map(t -> t.name() + " (" + t.shape() + ")").collect(Collectors.joining(", "));
    }
}
