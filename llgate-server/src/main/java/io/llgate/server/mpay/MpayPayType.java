package io.llgate.server.mpay;

import java.util.Arrays;
import java.util.Optional;

/**
 * An MPAY {@code pay_type} (21 §6, M17): {@code 2} quick payment with a debit card, {@code 3} with a credit card,
 * {@code P} new authenticated payment with either, {@code 27} American Express card payment (a credit card). Stored and
 * echoed as sent.
 */
enum MpayPayType {
    QUICK_DEBIT("2", Kind.DEBIT),
    QUICK_CREDIT("3", Kind.CREDIT),
    AUTHENTICATED("P", Kind.ANY),
    AMERICAN_EXPRESS("27", Kind.CREDIT);

    private enum Kind { DEBIT, CREDIT, ANY }

    private final String code;
    private final Kind kind;

    MpayPayType(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    String code() {
        return code;
    }

    /** Whether a card of this kind ({@code credit} or debit) may pay with this pay type; else {@code 5601}. */
    boolean takes(boolean credit) {
        return switch (kind) {
            case DEBIT -> !credit;
            case CREDIT -> credit;
            case ANY -> true;
        };
    }

    static Optional<MpayPayType> byCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
