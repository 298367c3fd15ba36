package io.llgate.client;

/** {@code pay_type} of a card BIN query: the product whose limits for the card the answer adds. */
public enum LimitPayType {
    /** Quick payment: {@code 2}, what the gateway assumes when none is named. */
    QUICK("2"),
    /** Verified payment: {@code D}. */
    VERIFIED("D");

    private final String wireValue;

    LimitPayType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value sent in {@code pay_type}. */
    public String wireValue() {
        return wireValue;
    }
}
