package io.llgate.client;

import java.util.Optional;

/** The documented values of {@code result_pay}, in queries and notifications. */
public enum ResultPay {
    /** Paid. */
    SUCCESS,
    /** Waiting for the bank's (or the payer's) answer. */
    WAITING,
    /** Being processed by the bank. */
    PROCESSING,
    /** A payout the bank reversed after reporting it paid; the money is back with the merchant. */
    CANCEL,
    /** Failed. */
    FAILURE,
    /** A payout held for the merchant's confirmation (4002, 4003, 4004). */
    CHECK,
    /** A held payout that was not confirmed in time. */
    CLOSED,
    /** An online-banking payment that was refunded or reversed. */
    REFUND,
    /** LianLian's SDK knows this value ("付款申请"); the gateway should never show it. */
    APPLY;

    /** Whether the state is an end: nothing will change it any more (a SUCCESS payout may still be reversed). */
    public boolean isFinal() {
        return this == SUCCESS || this == CANCEL || this == FAILURE || this == CLOSED || this == REFUND;
    }

    /** The value of a received {@code result_pay}, if it is a documented one. */
    public static Optional<ResultPay> of(String text) {
        for (ResultPay value : values()) {
            if (value.name().equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
