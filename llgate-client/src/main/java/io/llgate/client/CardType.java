package io.llgate.client;

import java.util.Optional;

/** {@code card_type} in a card BIN answer: what kind of card the number is. */
public enum CardType {
    /** A debit (savings) card: {@code 2}. */
    DEBIT("2"),
    /** A credit card: {@code 3}. */
    CREDIT("3");

    private final String wireValue;

    CardType(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The digit on the wire. */
    public String wireValue() {
        return wireValue;
    }

    /** The card type of a received {@code card_type}, if it is a documented one. */
    public static Optional<CardType> of(String text) {
        for (CardType value : values()) {
            if (value.wireValue.equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
