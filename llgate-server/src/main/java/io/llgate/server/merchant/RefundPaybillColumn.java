package io.llgate.server.merchant;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a refund row of a merchant's detail files holds in column 5, {@code oid_paybill} (13 T4): the original
 * order's {@code no_order}, as LianLian's documentation says, or the refund's own {@code oid_refundno}.
 */
public enum RefundPaybillColumn {
    NO_ORDER("no_order"),
    OID_REFUNDNO("oid_refundno");

    private final String id;

    RefundPaybillColumn(String id) {
        this.id = id;
    }

    /** The setting as the admin API and the command line write it. */
    public String id() {
        return id;
    }

    public static Optional<RefundPaybillColumn> byId(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst();
    }
}
