package io.llgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The gateway's notification log for the sandbox's merchant, read and resent through {@code /admin/notifications}. */
final class NotificationLog {
    private final GatewayApi api;
    private final String oidPartner;

    NotificationLog(GatewayApi api, String oidPartner) {
        this.api = api;
        this.oidPartner = oidPartner;
    }

    /** What the gateway sent about the order (a refund's {@code no_refund}), oldest first, with every attempt. */
    List<SentNotification> about(String noOrder) {
        JsonNode list = api.get("/admin/notifications?limit=1000&merchant=" + GatewayApi.segment(oidPartner)
                + "&no_order=" + GatewayApi.segment(noOrder));
        List<SentNotification> sent = new ArrayList<>();
        for (JsonNode summary : list.get("notifications")) {
            sent.add(SentNotification.of(api.get("/admin/notifications/" + summary.get("id").asLong())));
        }
        sent.sort(Comparator.comparingLong(SentNotification::id));
        return sent;
    }

    SentNotification await(String noOrder, Predicate<SentNotification> until, Duration wait) {
        return Waiting.until(wait, () -> about(noOrder).stream().filter(until).findFirst(),
                () -> "no notification about " + noOrder + " got there" + whatWasSent(noOrder));
    }

    /** Sends the order's latest notification again, byte for byte. */
    void resendLatest(String noOrder) {
        List<SentNotification> sent = about(noOrder);
        if (sent.isEmpty()) {
            throw new IllegalStateException("the gateway sent nothing about " + noOrder + " yet");
        }
        api.post("/admin/notifications/" + sent.get(sent.size() - 1).id() + "/resend", Map.of());
    }

    /** What a failed wait adds: what the gateway sent about the order, and how each attempt went. */
    String whatWasSent(String noOrder) {
        List<SentNotification> sent = about(noOrder);
        if (sent.isEmpty()) {
            return "; the gateway has sent nothing about it";
        }
        return "; the gateway sent:\n" + sent.stream().map(n -> "  #" + n.id() + " " + n.result() + " to " + n.url()
                + ", " + n.status() + ", attempts: " + n.attempts().stream()
                .map(a -> a.outcome() + (a.httpStatus().isPresent() ? " " + a.httpStatus().getAsInt() : ""))
                .collect(Collectors.joining(", "))).collect(Collectors.joining("\n"));
    }
}
