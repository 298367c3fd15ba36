package io.llgate.client;

import java.util.Optional;

/**
 * {@code pay_type} of a card binding (spec 22 C8): the product a binding belongs to. Apply accepts every value; list
 * and unbind filter by the value's family, so {@code 2}, {@code 3} and {@code 27} find the same quick payment
 * bindings.
 */
public enum BindPayType {
    /** {@code 2}: quick payment, debit card. */
    QUICK_DEBIT("2"),
    /** {@code 3}: quick payment, credit card. */
    QUICK_CREDIT("3"),
    /** {@code 27}: American Express card payment, a credit-card quick payment (spec 21 M17). */
    AMERICAN_EXPRESS("27"),
    /** {@code D}: verified (authenticated) payment. */
    VERIFIED("D"),
    /** {@code P}: new verified payment. */
    NEW_VERIFIED("P"),
    /** {@code M}: easypay. */
    EASYPAY("M"),
    /** {@code N}: easypay, credit card. */
    EASYPAY_CREDIT("N"),
    /** {@code F}: easypay pre-authorisation, credit card. */
    EASYPAY_PREAUTH("F");

    private final String wireValue;

    BindPayType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value on the wire. */
    public String wireValue() {
        return wireValue;
    }

    /** The pay type of a received value, if it is a documented one. */
    public static Optional<BindPayType> of(String text) {
        for (BindPayType value : values()) {
            if (value.wireValue.equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
