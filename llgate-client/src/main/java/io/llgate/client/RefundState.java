package io.llgate.client;

import java.util.Optional;

/** The documented values of {@code sta_refund}. */
public enum RefundState {
    /** {@code 0}: created. */
    CREATED("0"),
    /** {@code 1}: being processed. */
    PROCESSING("1"),
    /** {@code 2}: refunded. */
    SUCCESS("2"),
    /** {@code 3}: failed. */
    FAILED("3");

    private final String wireValue;

    RefundState(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The digit on the wire. */
    public String wireValue() {
        return wireValue;
    }

    /** Whether nothing will change the state any more. */
    public boolean isFinal() {
        return this == SUCCESS || this == FAILED;
    }

    /** The state of a received {@code sta_refund}, if it is a documented one. */
    public static Optional<RefundState> of(String text) {
        for (RefundState value : values()) {
            if (value.wireValue.equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
