package io.llgate.client;

/** {@code pay_type} of an online banking payment: which of the payer's accounts the bank debits. */
public enum PayType {
    /** Personal online banking with a debit card: {@code 1}. */
    DEBIT("1"),
    /** Online banking with a credit card: {@code 8}. */
    CREDIT("8"),
    /** Enterprise online banking: {@code 9}. */
    ENTERPRISE("9");

    private final String wireValue;

    PayType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value sent in {@code pay_type}. */
    public String wireValue() {
        return wireValue;
    }
}
