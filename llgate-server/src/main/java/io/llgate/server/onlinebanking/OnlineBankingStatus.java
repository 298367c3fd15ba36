package io.llgate.server.onlinebanking;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an online banking order stands, and the only moves it can make: a waiting order is paid, declined or
 * closed, and each of those is final.
 */
public enum OnlineBankingStatus {
    /** Created; the payer is at the cashier or the bank. */
    WAITING,
    /** The bank reported the payment. */
    SUCCESS,
    /** The payer or the bank declined it. */
    FAILURE,
    /** Not paid within {@code valid_order}. */
    CLOSED;

    /** Every allowed move, in one place; a status missing here is final. */
    private static final Map<OnlineBankingStatus, Set<OnlineBankingStatus>> MOVES = Map.of(
            WAITING, EnumSet.of(SUCCESS, FAILURE, CLOSED));

    public boolean canMoveTo(OnlineBankingStatus next) {
        return MOVES.getOrDefault(this, Set.of()).contains(next);
    }

    /** Throws IllegalStateException unless the order may move from this status to {@code next}. */
    public void requireMoveTo(OnlineBankingStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("an online banking order cannot move from " + this + " to " + next);
        }
    }

    /** Whether the order can no longer change. */
    public boolean isFinal() {
        return !MOVES.containsKey(this);
    }

    /** The {@code result_pay} a query reports: O8 has no CLOSED value, a closed order reads as FAILURE. */
    public String resultPay() {
        return this == CLOSED ? FAILURE.name() : name();
    }
}
