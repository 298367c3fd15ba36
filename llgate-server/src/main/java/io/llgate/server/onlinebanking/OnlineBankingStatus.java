package io.llgate.server.onlinebanking;

import io.llgate.server.kernel.Transitions;
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

    /** Every allowed move, in one place; a status with none is final. */
    private static final Transitions<OnlineBankingStatus> MOVES = Transitions.of(OnlineBankingStatus.class,
                    "an online banking order")
            .allow(WAITING, SUCCESS, FAILURE, CLOSED)
            .build();

    public boolean canMoveTo(OnlineBankingStatus next) {
        return MOVES.allows(this, next);
    }

    /** Throws IllegalStateException unless an online banking order in this state may move to {@code next}. */
    public void requireMoveTo(OnlineBankingStatus next) {
        MOVES.require(this, next);
    }

    /** The states an online banking order in this state may move to; none once it is final. */
    public Set<OnlineBankingStatus> next() {
        return MOVES.from(this);
    }

    /** Whether no move leaves this state. */
    public boolean isFinal() {
        return MOVES.isFinal(this);
    }

    /** The {@code result_pay} a query reports: O8 has no CLOSED value, a closed order reads as FAILURE. */
    public String resultPay() {
        return this == CLOSED ? FAILURE.name() : name();
    }
}
