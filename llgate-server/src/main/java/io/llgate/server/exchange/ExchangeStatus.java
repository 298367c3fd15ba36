package io.llgate.server.exchange;

import io.llgate.server.kernel.Transitions;
import java.util.Set;

/**
 * Where an exchange order stands (23 §2), and the only moves it can make. An order is created, waits for the payer's
 * SMS code, is charged (processing while the issuer has not answered), and ends paid, refunded or failed; a waiting
 * order past {@code valid_order} fails.
 */
public enum ExchangeStatus {
    /** Being created; a created order waits for its code, or, for a merchant without SMS verification, is charged. */
    CREATED,
    /** The SMS code was sent and the merchant has not verified it. */
    WAITING,
    /** The card is being charged and its issuer has not answered (a bank timeout). */
    PROCESSING,
    /** The card was charged. */
    SUCCESS,
    /** The payment was refunded. */
    REFUND,
    /** Never paid: the issuer declined, or {@code valid_order} ran out. */
    FAILURE;

    /** Every allowed move, in one place; a status with none is final. */
    private static final Transitions<ExchangeStatus> MOVES = Transitions.of(ExchangeStatus.class, "an exchange order")
            .allow(CREATED, WAITING, PROCESSING)
            .allow(WAITING, PROCESSING, FAILURE)
            .allow(PROCESSING, SUCCESS, FAILURE)
            .allow(SUCCESS, REFUND)
            .build();

    public boolean canMoveTo(ExchangeStatus next) {
        return MOVES.allows(this, next);
    }

    /** Throws IllegalStateException unless an exchange order in this state may move to {@code next}. */
    public void requireMoveTo(ExchangeStatus next) {
        MOVES.require(this, next);
    }

    /** The states an exchange order in this state may move to; none once it is final. */
    public Set<ExchangeStatus> next() {
        return MOVES.from(this);
    }

    public boolean isFinal() {
        return MOVES.isFinal(this);
    }

    /** Whether the payer's card was charged (a refunded order was too). */
    public boolean paid() {
        return this == SUCCESS || this == REFUND;
    }
}
