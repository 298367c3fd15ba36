package io.llgate.server.refund;

import java.util.EnumSet;
import java.util.Map;
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

    /** Every allowed move, declared once; a state missing here is final. */
    private static final Map<RefundStatus, Set<RefundStatus>> MOVES = Map.of(
            CREATED, EnumSet.of(PROCESSING),
            PROCESSING, EnumSet.of(SUCCESS, FAILURE));

    /** The state a refund is stored in by its apply. */
    public static final RefundStatus INITIAL = PROCESSING;

    private final String staRefund;

    RefundStatus(String staRefund) {
        this.staRefund = staRefund;
    }

    public String staRefund() {
        return staRefund;
    }

    /** Whether no move leaves this state. */
    public boolean terminal() {
        return !MOVES.containsKey(this);
    }

    /** Whether a refund in this state may move to {@code next}. */
    public boolean canMoveTo(RefundStatus next) {
        return MOVES.getOrDefault(this, Set.of()).contains(next);
    }

    /** Throws IllegalStateException unless a refund in this state may move to {@code next}. */
    public RefundStatus requireMoveTo(RefundStatus next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("a refund cannot move from " + this + " to " + next);
        }
        return next;
    }
}
