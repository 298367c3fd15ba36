package io.llgate.server.instantpay;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of a payout, as {@code result_pay} reports it, and the moves between states. A payout starts in
 * {@code PROCESSING} (handed to the bank at once) or {@code CHECK} (held for the merchant's confirmation).
 */
public enum PayoutStatus {
    /** Handed to the bank, no answer yet. */
    PROCESSING,
    /** Paid; the bank may still return it ({@code CANCEL}). */
    SUCCESS,
    FAILURE,
    /** The bank returned a payout it had reported successful. */
    CANCEL,
    /** Suspected duplicate or name/card mismatch: waits for the merchant's confirmation. */
    CHECK,
    /** Not confirmed in time, or too many wrong confirm codes. */
    CLOSED;

    /** The states a payout may be created in. */
    public static final Set<PayoutStatus> INITIAL = EnumSet.of(PROCESSING, CHECK);

    /** Every move a payout can make: the one place the state machine is declared. */
    public Set<PayoutStatus> next() {
        return switch (this) {
            // Confirmed and handed to the bank; or the confirm window passed, or too many wrong codes.
            case CHECK -> EnumSet.of(PROCESSING, CLOSED);
            // The bank's result.
            case PROCESSING -> EnumSet.of(SUCCESS, FAILURE);
            // N4: a rare bank return after a reported success.
            case SUCCESS -> EnumSet.of(CANCEL);
            case FAILURE, CANCEL, CLOSED -> EnumSet.noneOf(PayoutStatus.class);
        };
    }

    public boolean canMoveTo(PayoutStatus to) {
        return next().contains(to);
    }

    /** Throws IllegalStateException unless a payout in this state may move to {@code to}. */
    public void requireMoveTo(PayoutStatus to) {
        if (!canMoveTo(to)) {
            throw new IllegalStateException("a payout cannot move from " + this + " to " + to);
        }
    }

    /** No move leaves this state. */
    public boolean isTerminal() {
        return next().isEmpty();
    }
}
