package io.llgate.server.cardbin;

import java.util.Arrays;
import java.util.Optional;

/**
 * The product whose limits a card BIN query with {@code flag_amt_limit=1} asks for, named by {@code pay_type}
 * (spec 14 §3, D10): quick payment unless the merchant names verified payment.
 */
public enum LimitPayType {
    QUICK("2"),
    VERIFIED("D");

    private final String code;

    LimitPayType(String code) {
        this.code = code;
    }

    /** The {@code pay_type} value. */
    public String code() {
        return code;
    }

    public static Optional<LimitPayType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
