package io.llgate.server.sandbox;

import io.llgate.protocol.WireTime;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * A notification the demo shop's notify_url received: when, the gateway's id and attempt headers, what it is
 * about ({@code no_refund} and {@code sta_refund} for a refund, {@code no_order} and {@code result_pay}
 * otherwise), whether it verified, and the {@code ret_code} the shop answered.
 */
public record ReceivedNotification(Instant receivedAt, String notificationId, String attempt, boolean refund,
                                   String reference, String result, boolean verified, String answer, String body) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(WireTime.BEIJING);

    /** Beijing time, as the shop's page shows it. */
    public String time() {
        return TIME.format(receivedAt);
    }
}
