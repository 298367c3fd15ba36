package io.llgate.testkit;

import io.llgate.client.notify.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request the merchant-side receiver got, exactly as it arrived, and what it answered.
 *
 * @param notification the notification, when it verified with the gateway's key and is for the sandbox's merchant
 * @param rejection why it did not verify, otherwise
 * @param answerStatus the HTTP status answered (it may reach the gateway after its timeout, when delayed)
 */
public record ReceivedNotification(Instant receivedAt, String path, Map<String, List<String>> headers, byte[] body,
                                   Optional<Notification> notification, Optional<String> rejection, int answerStatus,
                                   String answerBody) {

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A header's first value, the name matched ignoring case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst();
    }

    /** The gateway's id of the notification ({@code X-LLGate-Notification-Id}); every attempt of one has the same. */
    public Optional<Long> notificationId() {
        return header("X-LLGate-Notification-Id").map(Long::parseLong);
    }

    /** Which attempt this was ({@code X-LLGate-Attempt}), from 1. */
    public int attempt() {
        return header("X-LLGate-Attempt").map(Integer::parseInt).orElse(0);
    }

    /** The {@code no_order} the body names (a refund's {@code no_refund}), verified or not. */
    public Optional<String> noOrder() {
        return notification.flatMap(n -> n.message().field("no_order").or(() -> n.message().field("no_refund")))
                .or(() -> Optional.ofNullable(MerchantReceiver.noOrderIn(body)));
    }
}
