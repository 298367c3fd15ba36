package io.llgate.server.instantpay;

/** The documented {@code result_pay} states of a payout. */
public enum PayoutStatus {
    /** Handed to the bank, no answer yet. */
    PROCESSING,
    SUCCESS,
    FAILURE,
    /** The bank returned a payout it had reported successful. */
    CANCEL,
    /** Suspected duplicate or name/card mismatch: waits for the merchant's confirmation. */
    CHECK,
    /** Not confirmed in time. */
    CLOSED;

    public boolean isFinal() {
        return this == SUCCESS || this == FAILURE || this == CANCEL || this == CLOSED;
    }
}
