package io.llgate.server.exchange;

import java.util.Arrays;
import java.util.Optional;

/**
 * An exchange {@code pay_type} (X14): {@code M} easy payment with a debit card, {@code N} with a credit card, {@code D}
 * authenticated payment. All three charge the card the same way; every message echoes the code requested.
 */
enum ExchangePayType {
    DEBIT("M"),
    CREDIT("N"),
    AUTHENTICATED("D");

    private final String code;

    ExchangePayType(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static Optional<ExchangePayType> byCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
