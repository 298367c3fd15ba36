package io.llgate.server.reference;

import java.util.Arrays;
import java.util.Optional;

/** The kind of card a BIN belongs to, as the card BIN query answers it in {@code card_type} (spec 14 §3, §5). */
public enum CardType {
    DEBIT("2"),
    CREDIT("3");

    private final String code;

    CardType(String code) {
        this.code = code;
    }

    /** The {@code card_type} value. */
    public String code() {
        return code;
    }

    public static Optional<CardType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
