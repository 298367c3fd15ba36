package io.llgate.server.instantpay;

import io.llgate.server.kernel.Transitions;
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

    /** Every move a payout can make: the one place its state machine is declared. */
    private static final Transitions<PayoutStatus> MOVES = Transitions.of(PayoutStatus.class, "a payout")
            // Confirmed and handed to the bank; or the confirm window passed, or too many wrong codes.
            .allow(CHECK, PROCESSING, CLOSED)
            // The bank's result.
            .allow(PROCESSING, SUCCESS, FAILURE)
            // N4: a rare bank return after a reported success.
            .allow(SUCCESS, CANCEL)
            .build();

    public boolean canMoveTo(PayoutStatus next) {
        return MOVES.allows(this, next);
    }

    /** Throws IllegalStateException unless a payout in this state may move to {@code next}. */
    public void requireMoveTo(PayoutStatus next) {
        MOVES.require(this, next);
    }

    /** The states a payout in this state may move to; none once it is final. */
    public Set<PayoutStatus> next() {
        return MOVES.from(this);
    }

    /** Whether no move leaves this state. */
    public boolean isFinal() {
        return MOVES.isFinal(this);
    }
}
