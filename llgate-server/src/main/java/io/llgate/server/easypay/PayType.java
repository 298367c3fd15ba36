package io.llgate.server.easypay;

import java.util.Arrays;
import java.util.Optional;

/** An easypay {@code pay_type} (E13): {@code M} ordinary, {@code N} ordinary (read as M), {@code F} pre-authorization. */
enum PayType {
    ORDINARY("M"),
    ORDINARY_CREDIT("N"),
    PRE_AUTHORIZATION("F");

    private final String code;

    PayType(String code) {
        this.code = code;
    }

    /** The code as requested: every output echoes it (E13). */
    String code() {
        return code;
    }

    boolean preAuth() {
        return this == PRE_AUTHORIZATION;
    }

    static Optional<PayType> byCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
