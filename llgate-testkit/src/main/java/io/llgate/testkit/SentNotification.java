package io.llgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A notification as the gateway recorded sending it, to whatever {@code notify_url} the order named: its exact
 * body, its state and every attempt with the merchant's answer.
 *
 * @param reference the gateway's transaction number ({@code oid_paybill})
 * @param result what it reports ({@code SUCCESS}, {@code FAILURE}, {@code CANCEL})
 */
public record SentNotification(long id, String noOrder, String reference, String result, String url, Status status,
                               String body, List<Attempt> attempts) {

    /** Where the notification stands. */
    public enum Status {
        /** Not acknowledged yet; more attempts will come. */
        PENDING,
        /** Acknowledged with {@code 0000}. */
        DELIVERED,
        /** Every attempt failed; only a resend sends it again. */
        EXHAUSTED,
        /** An operator cancelled it while it was pending; never attempted again. */
        CANCELLED
    }

    /** How one attempt went. */
    public enum Outcome { ACKNOWLEDGED, WRONG_BODY, HTTP_ERROR, TIMEOUT, CONNECTION_ERROR }

    /**
     * One attempt: when, how long, the HTTP status and the first bytes of the merchant's answer.
     *
     * @param error what went wrong on the gateway's side (timeout, connection), if anything
     */
    public record Attempt(int attemptNo, Instant startedAt, long durationMs, OptionalInt httpStatus,
                          Optional<String> answerHead, Outcome outcome, Optional<String> error) {
    }

    /** A notification as {@code GET /admin/notifications/{id}} shows it. */
    static SentNotification of(JsonNode detail) {
        JsonNode n = detail.get("notification");
        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode a : detail.get("attempts")) {
            attempts.add(new Attempt(a.get("attempt_no").asInt(), Instant.parse(a.get("started_at").asText()),
                    a.get("duration_ms").asLong(),
                    a.hasNonNull("http_status") ? OptionalInt.of(a.get("http_status").asInt()) : OptionalInt.empty(),
                    text(a, "response_head"), Outcome.valueOf(a.get("outcome").asText()), text(a, "error")));
        }
        return new SentNotification(n.get("id").asLong(), n.get("no_order").asText(), n.get("reference").asText(),
                n.get("result").asText(), n.get("url").asText(), Status.valueOf(n.get("status").asText()),
                detail.get("body").asText(), List.copyOf(attempts));
    }

    private static Optional<String> text(JsonNode node, String name) {
        return node.hasNonNull(name) ? Optional.of(node.get(name).asText()) : Optional.empty();
    }
}
