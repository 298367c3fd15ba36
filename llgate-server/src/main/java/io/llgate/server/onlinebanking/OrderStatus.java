package io.llgate.server.onlinebanking;

/** Where an online banking order stands. */
public enum OrderStatus {
    /** Created; the payer is at the cashier or the bank. */
    WAITING,
    /** The bank reported the payment. */
    SUCCESS,
    /** The payer or the bank declined it. */
    FAILURE,
    /** Not paid within {@code valid_order}. */
    CLOSED;

    /** The {@code result_pay} a query reports: O8 has no CLOSED value, a closed order reads as FAILURE. */
    public String resultPay() {
        return this == CLOSED ? FAILURE.name() : name();
    }
}
