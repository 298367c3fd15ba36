package io.llgate.server.refund;

import io.llgate.server.kernel.Transitions;
import java.util.Set;

/**
 * A refund's state, its {@code sta_refund} code (12 §6), and the moves between states. A refund is recorded already
 * handed to the bank ({@link #PROCESSING}); the bank's answer makes it {@link #SUCCESS} or {@link #FAILURE}, which
 * are final.
 */
public enum RefundStatus {
    /** Recorded, not yet with the bank: §6's {@code 0}. Never stored, since apply hands the refund over at once. */
    CREATED("0"),
    PROCESSING("1"),
    SUCCESS("2"),
    FAILURE("3");

    /** Every allowed move, declared once; a state with none is final. */
    private static final Transitions<RefundStatus> MOVES = Transitions.of(RefundStatus.class, "a refund")
            .allow(CREATED, PROCESSING)
            .allow(PROCESSING, SUCCESS, FAILURE)
            .build();

    /** The state a refund is stored in by its apply. */
    public static final RefundStatus INITIAL = PROCESSING;

    private final String staRefund;

    RefundStatus(String staRefund) {
        this.staRefund = staRefund;
    }

    public String staRefund() {
        return staRefund;
    }

    public boolean canMoveTo(RefundStatus next) {
        return MOVES.allows(this, next);
    }

    /** Throws IllegalStateException unless a refund in this state may move to {@code next}. */
    public void requireMoveTo(RefundStatus next) {
        MOVES.require(this, next);
    }

    /** The states a refund in this state may move to; none once it is final. */
    public Set<RefundStatus> next() {
        return MOVES.from(this);
    }

    /** Whether no move leaves this state. */
    public boolean isFinal() {
        return MOVES.isFinal(this);
    }
}
