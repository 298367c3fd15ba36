package io.llgate.server.mpay;

import io.llgate.server.kernel.Transitions;
import java.util.Set;

/**
 * Where an MPAY order stands, and the only moves it can make: it waits for the payer's SMS code, is charged
 * (processing while the issuer has not answered) and ends paid, failed, or closed unpaid after {@code valid_order}.
 */
public enum MpayStatus {
    /** Applied for; the SMS code was sent and the merchant has not verified it. */
    WAITING,
    /** The card is being charged and its issuer has not answered (a bank timeout). */
    PROCESSING,
    /** The card was charged. */
    SUCCESS,
    /** The issuer declined the charge. */
    FAILURE,
    /** Not verified within {@code valid_order}. */
    CLOSED;

    /** Every allowed move, in one place; a status with none is final. */
    private static final Transitions<MpayStatus> MOVES = Transitions.of(MpayStatus.class, "an MPAY order")
            .allow(WAITING, PROCESSING, CLOSED)
            .allow(PROCESSING, SUCCESS, FAILURE)
            .build();

    public boolean canMoveTo(MpayStatus next) {
        return MOVES.allows(this, next);
    }

    /** Throws IllegalStateException unless an MPAY order in this state may move to {@code next}. */
    public void requireMoveTo(MpayStatus next) {
        MOVES.require(this, next);
    }

    /** The states an MPAY order in this state may move to; none once it is final. */
    public Set<MpayStatus> next() {
        return MOVES.from(this);
    }

    public boolean isFinal() {
        return MOVES.isFinal(this);
    }

    /** The {@code result_pay} messages carry (21 §9): a closed order failed. */
    public String resultPay() {
        return this == CLOSED ? FAILURE.name() : name();
    }
}
