package io.llgate.server.bank;

/**
 * What a card's issuer says about it.
 *
 * @param bankCode the issuing bank's short code ({@code bank_code})
 * @param bankName the bank's Chinese name
 * @param credit   true for a credit card, false for a debit card
 */
public record IssuedCard(String bankCode, String bankName, boolean credit) {

    /** The wire's {@code card_type}: {@code 2} debit, {@code 3} credit. */
    public String cardType() {
        return credit ? "3" : "2";
    }
}
