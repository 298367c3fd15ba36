package io.llgate.server.refund;

/** A refund's state and its {@code sta_refund} code (12 §6). */
public enum RefundStatus {
    CREATED("0"),
    PROCESSING("1"),
    SUCCESS("2"),
    FAILURE("3");

    private final String staRefund;

    RefundStatus(String staRefund) {
        this.staRefund = staRefund;
    }

    public String staRefund() {
        return staRefund;
    }

    public boolean terminal() {
        return this == SUCCESS || this == FAILURE;
    }
}
