package io.llgate.server.card;

import io.llgate.server.kernel.TransactionRow;
import io.llgate.server.kernel.TransactionSource.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The timeline operators see of a card payment's order (easypay, MPAY, exchange payment): its apply, which texted the
 * payer a code or charged the card at once; its charge, or while it waits for the code the end of its validity; and
 * the last change of an order that was not charged, with its failure.
 */
public final class CardOrderTimeline {

    private CardOrderTimeline() {
    }

    /**
     * @param applied      what the apply did, before how it went on ({@code applied}, or with the price it was made at)
     * @param texted       whether the apply texted the payer a verification code
     * @param paidAt       when the card was charged; null while it was not
     * @param paid         what the charge did, such as {@code charged to the card}
     * @param waitingUntil when an order still waiting for its code closes; null for an order not waiting
     * @param failure      why an order failed; null when it did not
     */
    public static List<Event> of(TransactionRow row, String applied, boolean texted, Instant paidAt, String paid,
                                 Instant waitingUntil, String failure) {
        List<Event> timeline = new ArrayList<>();
        timeline.add(new Event(row.createdAt(), applied + (texted ? "; a verification code texted to the payer"
                : "; charged at once (no SMS verification)")));
        if (paidAt != null) {
            timeline.add(new Event(paidAt, paid));
        } else if (waitingUntil != null) {
            timeline.add(new Event(waitingUntil, "valid_order ends"));
        }
        if (!row.updatedAt().equals(row.createdAt()) && paidAt == null) {
            timeline.add(new Event(row.updatedAt(), "last change: " + row.status()
                    + (failure == null ? "" : " (" + failure + ")")));
        }
        return timeline;
    }
}
