package io.llgate.server.onlinebanking;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of online banking ({@code pay_type}): which of the payer's accounts the bank debits. */
public enum PayType {
    DEBIT("1", "个人网银（借记卡）"),
    CREDIT("8", "信用卡网银"),
    ENTERPRISE("9", "企业网银");

    private final String code;
    private final String label;

    PayType(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The wire value of {@code pay_type}. */
    public String code() {
        return code;
    }

    /** How the cashier names the kind to payers. */
    public String label() {
        return label;
    }

    public static Optional<PayType> byCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
