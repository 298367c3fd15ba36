package io.llgate.server.sandbox;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo shop's notify_url: acknowledges every notification whose signature verifies (payments and refunds
 * alike), refuses any other, and keeps the latest few in memory for the shop's pages, so a restart forgets them.
 */
final class ShopNotifications {
    static final int KEPT = 20;
    /** Enough for any notification the gateway sends; more of a stranger's post is not kept. */
    private static final int BODY_KEPT = 4_000;

    private final PublicKey gatewayKey;
    private final Clock clock;
    private final Deque<ReceivedNotification> latest = new ArrayDeque<>();

    ShopNotifications(PublicKey gatewayKey, Clock clock) {
        this.gatewayKey = gatewayKey;
        this.clock = clock;
    }

    /** Reads one notification, remembers it, and answers the acknowledgement: 0000 when it verifies. */
    Map<String, String> receive(byte[] body, String notificationId, String attempt) {
        Map<String, String> fields;
        try {
            fields = FlatJson.parse(body);
        } catch (MalformedMessageException e) {
            fields = Map.of();
        }
        boolean verified = !fields.isEmpty() && MessageSignature.verify(gatewayKey, SignType.RSA, fields).valid();
        boolean refund = fields.containsKey("no_refund");
        String text = new String(body, StandardCharsets.UTF_8);
        remember(new ReceivedNotification(clock.instant(), notificationId, attempt, refund,
                fields.get(refund ? "no_refund" : "no_order"), fields.get(refund ? "sta_refund" : "result_pay"),
                verified, verified ? "0000" : "1001", text.length() > BODY_KEPT ? text.substring(0, BODY_KEPT) : text));
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("ret_code", verified ? "0000" : "1001");
        answer.put("ret_msg", verified ? "ok" : "signature does not verify with the gateway's public key");
        return answer;
    }

    /** The latest notifications received, newest first. */
    synchronized List<ReceivedNotification> latest() {
        return List.copyOf(latest);
    }

    /** The latest notifications about one order or refund number, newest first. */
    List<ReceivedNotification> about(String reference) {
        return latest().stream().filter(n -> reference.equals(n.reference())).toList();
    }

    private synchronized void remember(ReceivedNotification notification) {
        latest.addFirst(notification);
        while (latest.size() > KEPT) {
            latest.removeLast();
        }
    }
}
