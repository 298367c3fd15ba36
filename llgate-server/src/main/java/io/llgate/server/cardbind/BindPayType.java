package io.llgate.server.cardbind;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code pay_type} of a card binding (22 C8): the union of the values apply, list, unbind and the MPAY bind take, each
 * with the product family list and unbind filter by, and the kind of card it needs.
 */
enum BindPayType {
    QUICK_DEBIT("2", Family.QUICK, CardKind.DEBIT),
    QUICK_CREDIT("3", Family.QUICK, CardKind.CREDIT),
    /** 21 M17: American Express card payment, a credit-card quick payment. */
    AMERICAN_EXPRESS("27", Family.QUICK, CardKind.CREDIT),
    VERIFIED("D", Family.VERIFIED, CardKind.ANY),
    NEW_VERIFIED("P", Family.NEW_VERIFIED, CardKind.ANY),
    /** 20 E13: easypay takes any card, though 22 §3 calls {@code M} a debit card's. */
    EASYPAY("M", Family.EASYPAY, CardKind.ANY),
    EASYPAY_CREDIT("N", Family.EASYPAY, CardKind.CREDIT),
    /** Pre-authorisation holds a credit card's limit (20 §1d). */
    EASYPAY_PREAUTH("F", Family.EASYPAY_PREAUTH, CardKind.CREDIT);

    /** The product a binding belongs to: values of one family name the same bindings. */
    enum Family { QUICK, VERIFIED, NEW_VERIFIED, EASYPAY, EASYPAY_PREAUTH }

    /** The cards a pay type binds. */
    enum CardKind { DEBIT, CREDIT, ANY }

    private final String code;
    private final Family family;
    private final CardKind cardKind;

    BindPayType(String code, Family family, CardKind cardKind) {
        this.code = code;
        this.family = family;
        this.cardKind = cardKind;
    }

    String code() {
        return code;
    }

    Family family() {
        return family;
    }

    /** Whether a card of this kind ({@code credit} or debit) may be bound with this pay type. */
    boolean takes(boolean credit) {
        return switch (cardKind) {
            case DEBIT -> !credit;
            case CREDIT -> credit;
            case ANY -> true;
        };
    }

    static Optional<BindPayType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }

    /** Whether a binding stored with {@code storedCode} belongs to this pay type's family. */
    boolean sameFamilyAs(String storedCode) {
        return of(storedCode).map(stored -> stored.family == family).orElse(false);
    }
}
