package io.llgate.server.report;

/**
 * The {@code pay_product} column of the report files. LianLian leaves its values undocumented (13 T9), so
 * these are LLGate's own codes, listed in docs/REPORTS.md.
 */
public enum PayProduct {
    ONLINE_BANKING("1"),
    EASYPAY("2"),
    MPAY("3"),
    AGGREGATE("4"),
    EXCHANGE("5"),
    INSTANT_PAYMENT("6");

    private final String code;

    PayProduct(String code) {
        this.code = code;
    }

    /** The value written in the file. */
    public String code() {
        return code;
    }
}
