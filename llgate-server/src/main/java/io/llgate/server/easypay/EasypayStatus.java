package io.llgate.server.easypay;

import io.llgate.server.kernel.Transitions;
import java.util.Set;

/**
 * Where an easypay order stands, and the only moves it can make. An order waits for the payer's SMS code, is charged
 * (processing while the issuer has not answered), and ends paid, authorized (a pre-authorization, {@code pay_type=F},
 * which the pre-authorization endpoints capture or cancel), failed or closed unpaid.
 */
public enum EasypayStatus {
    /** Applied for; the SMS code was sent and the merchant has not verified it. */
    WAITING,
    /** The card is being charged and its issuer has not answered (a bank timeout). */
    PROCESSING,
    /** The card was charged. */
    SUCCESS,
    /** A pre-authorization: the amount is authorized on the credit card, not yet captured. */
    AUTHORIZED,
    /** The issuer declined the charge. */
    FAILURE,
    /** Not verified within {@code valid_order}. */
    CLOSED;

    /** Every allowed move, in one place; a status with none is final. */
    private static final Transitions<EasypayStatus> MOVES = Transitions.of(EasypayStatus.class, "an easypay order")
            .allow(WAITING, PROCESSING, CLOSED)
            .allow(PROCESSING, SUCCESS, AUTHORIZED, FAILURE)
            .build();

    public boolean canMoveTo(EasypayStatus next) {
        return MOVES.allows(this, next);
    }

    /** Throws IllegalStateException unless an easypay order in this state may move to {@code next}. */
    public void requireMoveTo(EasypayStatus next) {
        MOVES.require(this, next);
    }

    /** The states an easypay order in this state may move to; none once it is final. */
    public Set<EasypayStatus> next() {
        return MOVES.from(this);
    }

    /** Whether no move leaves this state. */
    public boolean isFinal() {
        return MOVES.isFinal(this);
    }

    /** Whether the payer's card was charged or the amount authorized. */
    public boolean paid() {
        return this == SUCCESS || this == AUTHORIZED;
    }

    /** The {@code result_pay} messages carry (20 §12): an authorization succeeded, a closed order failed. */
    public String resultPay() {
        return switch (this) {
            case AUTHORIZED -> SUCCESS.name();
            case CLOSED -> FAILURE.name();
            default -> name();
        };
    }
}
