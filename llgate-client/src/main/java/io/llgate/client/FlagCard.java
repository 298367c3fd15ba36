package io.llgate.client;

/** {@code flag_card}: whether a payout goes to a personal card or to a business settlement account. */
public enum FlagCard {
    /** A personal debit card: {@code 1}. */
    PERSONAL("1"),
    /** A business (corporate) settlement account, which needs a {@code bank_code}: {@code 2}. */
    BUSINESS("2");

    private final String wireValue;

    FlagCard(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value sent in {@code flag_card}. */
    public String wireValue() {
        return wireValue;
    }
}
