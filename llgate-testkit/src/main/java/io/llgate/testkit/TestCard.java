package io.llgate.testkit;

import io.llgate.client.EasypayCard;
import java.util.Arrays;
import java.util.List;

/**
 * The sandbox's ready-made test cards for card payments (docs/products/test-cards.md): each card's bank, kind and
 * what its issuer answers. Pick one by outcome with {@link #of(Outcome, boolean)}; {@link #card(String)} makes the
 * card with a holder that passes.
 */
public enum TestCard {
    ICBC_DEBIT("6222020000000000001", "01020000", false, Outcome.PAYS),
    CCB_DEBIT("6217000000000000002", "01050000", false, Outcome.PAYS),
    CMB_DEBIT("6214830000000000003", "03080000", false, Outcome.PAYS),
    BOC_DEBIT("6216610000000000004", "01040000", false, Outcome.PAYS),
    ICBC_CREDIT("6222300000000008", "01020000", true, Outcome.PAYS),
    CCB_CREDIT("6221660000000009", "01050000", true, Outcome.PAYS),
    CMB_CREDIT("6225750000000010", "03080000", true, Outcome.PAYS),
    ICBC_DEBIT_INSUFFICIENT_FUNDS("6222020000000006001", "01020000", false, Outcome.INSUFFICIENT_FUNDS),
    CMB_CREDIT_INSUFFICIENT_FUNDS("6225750000006001", "03080000", true, Outcome.INSUFFICIENT_FUNDS),
    CCB_DEBIT_LOST("6217000000000001101", "01050000", false, Outcome.LOST),
    BOC_DEBIT_FROZEN("6216610000000001110", "01040000", false, Outcome.FROZEN),
    ICBC_DEBIT_NOT_ONLINE("6222020000000001107", "01020000", false, Outcome.NOT_ENABLED_ONLINE),
    ICBC_DEBIT_HOLDER_MISMATCH("6222020000000001108", "01020000", false, Outcome.ID_NAME_OR_MOBILE_WRONG),
    ICBC_DEBIT_CARD_ID_MISMATCH("6222020000000001109", "01020000", false, Outcome.CARD_ID_MISMATCH),
    ICBC_DEBIT_ID_WRONG("6222020000000001112", "01020000", false, Outcome.ID_NO_WRONG),
    ICBC_DEBIT_NAME_WRONG("6222020000000001113", "01020000", false, Outcome.NAME_WRONG),
    ICBC_DEBIT_MOBILE_WRONG("6222020000000001114", "01020000", false, Outcome.MOBILE_WRONG),
    ICBC_DEBIT_NO_MOBILE("6222020000000001115", "01020000", false, Outcome.NO_MOBILE_AT_BANK),
    ICBC_CREDIT_EXPIRED("6222300000001103", "01020000", true, Outcome.EXPIRED),
    CCB_CREDIT_CVV2_123("6221660000001130", "01050000", true, Outcome.CVV2_123_ONLY),
    ICBC_DEBIT_TIMEOUT("6222020000000009000", "01020000", false, Outcome.BANK_TIMEOUT),
    CMB_CREDIT_TIMEOUT("6225750000009000", "03080000", true, Outcome.BANK_TIMEOUT),
    ICBC_CREDIT_PRE_AUTH_DECLINED("6222300000001005", "01020000", true, Outcome.PRE_AUTH_DECLINED);

    /** What the card's issuer answers, and the return code the merchant sees ({@code 0000} when it pays). */
    public enum Outcome {
        PAYS("0000"),
        INSUFFICIENT_FUNDS("6001"),
        LOST("1101"),
        FROZEN("1110"),
        NOT_ENABLED_ONLINE("1107"),
        ID_NAME_OR_MOBILE_WRONG("1108"),
        CARD_ID_MISMATCH("1109"),
        ID_NO_WRONG("1112"),
        NAME_WRONG("1113"),
        MOBILE_WRONG("1114"),
        NO_MOBILE_AT_BANK("1115"),
        EXPIRED("1103"),
        /** Any CVV2 but {@code 123} is {@code 1103}. */
        CVV2_123_ONLY("1103"),
        /** The charge stays {@code PROCESSING} until {@link CardControls#resolveCharge} answers it. */
        BANK_TIMEOUT("0000"),
        /** Ordinary payments pay; a pre-authorization ({@code pay_type=F}) is {@code 1005}. */
        PRE_AUTH_DECLINED("1005");

        private final String retCode;

        Outcome(String retCode) {
            this.retCode = retCode;
        }

        public String retCode() {
            return retCode;
        }
    }

    /** A holder every issuer of the sandbox accepts. */
    public static final String HOLDER_NAME = "王小明";
    public static final String HOLDER_ID_NO = "11010119900307803X";

    private final String cardNo;
    private final String bankCode;
    private final boolean credit;
    private final Outcome outcome;

    TestCard(String cardNo, String bankCode, boolean credit, Outcome outcome) {
        this.cardNo = cardNo;
        this.bankCode = bankCode;
        this.credit = credit;
        this.outcome = outcome;
    }

    public String cardNo() {
        return cardNo;
    }

    public String bankCode() {
        return bankCode;
    }

    public boolean credit() {
        return credit;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The card with a holder that passes, its mobile {@code bindMob}; a credit card expires 12/30, CVV2 {@code 123}. */
    public EasypayCard card(String bindMob) {
        return credit
                ? EasypayCard.credit(cardNo, HOLDER_NAME, HOLDER_ID_NO, bindMob, "1230", "123")
                : EasypayCard.debit(cardNo, HOLDER_NAME, HOLDER_ID_NO, bindMob);
    }

    /** The first test card with the outcome, a credit or a debit card; fails when there is none. */
    public static TestCard of(Outcome outcome, boolean credit) {
        return Arrays.stream(values()).filter(c -> c.outcome == outcome && c.credit == credit).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + (credit ? "credit" : "debit")
                        + " test card " + outcome));
    }

    /** Every test card with the outcome. */
    public static List<TestCard> all(Outcome outcome) {
        return Arrays.stream(values()).filter(c -> c.outcome == outcome).toList();
    }
}
