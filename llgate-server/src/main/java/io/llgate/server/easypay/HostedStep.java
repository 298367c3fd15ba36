package io.llgate.server.easypay;

import io.llgate.server.kernel.Transitions;
import java.util.Set;

/**
 * Which page a payer of a hosted card payment is at, and the only moves between them: bank, card details, SMS code,
 * then paid or failed; a payer may go back to choose another bank or card until the code is right, and a payment
 * not made within {@code valid_order} closes.
 */
public enum HostedStep {
    /** Choosing the bank and the kind of card. */
    BANK,
    /** Typing the card details. */
    CARD,
    /** The order was applied for and the SMS sent; typing the code. */
    CODE,
    /** The code was right and the card was charged (or authorized). */
    PAID,
    /** The card was not charged; the order cannot be paid again. */
    FAILED,
    /** Not paid within {@code valid_order}. */
    CLOSED;

    /** Every allowed move, in one place; a step with none is final. */
    private static final Transitions<HostedStep> MOVES = Transitions.of(HostedStep.class, "a hosted card payment")
            .allow(BANK, CARD, CLOSED)
            .allow(CARD, BANK, CODE, FAILED, CLOSED)
            .allow(CODE, PAID, FAILED, CLOSED)
            .build();

    public boolean canMoveTo(HostedStep next) {
        return MOVES.allows(this, next);
    }

    /** Throws IllegalStateException unless a hosted payment at this step may move to {@code next}. */
    public void requireMoveTo(HostedStep next) {
        MOVES.require(this, next);
    }

    /** The steps a hosted payment at this step may move to; none once it is final. */
    public Set<HostedStep> next() {
        return MOVES.from(this);
    }

    /** Whether no move leaves this step. */
    public boolean isFinal() {
        return MOVES.isFinal(this);
    }

    /** Whether the payer is still being asked for something (a refusal then shows the page again). */
    public boolean asking() {
        return this == BANK || this == CARD || this == CODE;
    }
}
