package io.llgate.testkit;

import io.llgate.server.notify.Notifications;
import java.time.Instant;
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

    static SentNotification of(Notifications.Detail detail) {
        Notifications.Summary n = detail.notification();
        List<Attempt> attempts = detail.attempts().stream().map(a -> new Attempt(a.attemptNo(), a.startedAt(),
                a.durationMs(), a.httpStatus() == null ? OptionalInt.empty() : OptionalInt.of(a.httpStatus()),
                Optional.ofNullable(a.responseHead()), Outcome.valueOf(a.outcome().name()),
                Optional.ofNullable(a.error()))).toList();
        return new SentNotification(n.id(), n.noOrder(), n.reference(), n.result(), n.url(),
                Status.valueOf(n.status().name()), detail.body(), attempts);
    }
}
