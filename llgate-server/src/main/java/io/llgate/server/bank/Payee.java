package io.llgate.server.bank;

import io.llgate.protocol.PayeeKind;

/**
 * Who a payout pays: a personal card, or a corporate account with its bank and, when the merchant gave it, its
 * branch, by large-value number ({@code prcptcd}) or by city and name. Absent parts are null.
 */
public record Payee(PayeeKind kind, String bankCode, String prcptcd, String cityCode, String brabankName) {

    /** A personal card: the bank routes it by the card number alone. */
    public static Payee personal() {
        return new Payee(PayeeKind.PERSONAL, null, null, null, null);
    }
}
