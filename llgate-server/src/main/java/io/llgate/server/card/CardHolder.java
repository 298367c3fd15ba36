package io.llgate.server.card;

import io.llgate.server.security.CardVault;

/**
 * A card and the person who holds it, as checked by {@link CardFields}: the four elements a card payment proves
 * (card number, name, identity document, the mobile the bank holds), and for a credit card its expiry. The CVV2 is
 * kept apart ({@link Cvv2}) so that nothing that stores or shows a holder can reach it.
 *
 * @param idType   the identity document's type; null, as {@code idNo}, for a holder who proved none (exchange payment,
 *                 X11)
 * @param valiDate a credit card's expiry as sent ({@code MMYY}); null for a debit card
 */
public record CardHolder(String cardNo, String acctName, IdType idType, String idNo, String bindMob, String valiDate) {

    /** Whether the holder proved an identity document; a binding needs one. */
    public boolean hasIdentity() {
        return idNo != null;
    }

    /** First six and last four digits of the card, stars between. */
    public String maskedCard() {
        return CardVault.mask(cardNo);
    }

    /** The card's last four digits. */
    public String lastFour() {
        return cardNo.substring(cardNo.length() - 4);
    }

    /** The mobile as pages and lists show it: {@code 138****8000}. */
    public String maskedMobile() {
        return maskMobile(bindMob);
    }

    /** The identity number with only its first and last few characters. */
    public String maskedIdNo() {
        return idNo == null ? null : maskIdNo(idNo);
    }

    /** An identity number with only its first and last few characters, as pages and lists show it. */
    public static String maskIdNo(String idNo) {
        int shown = idNo.length() >= 15 ? 4 : 1;
        return idNo.substring(0, shown) + "*".repeat(idNo.length() - 2 * shown) + idNo.substring(idNo.length() - shown);
    }

    public static String maskMobile(String mobile) {
        return mobile.substring(0, 3) + "****" + mobile.substring(mobile.length() - 4);
    }

    /** Never the card or the identity number in clear: a holder that reaches a log shows only masks. */
    @Override
    public String toString() {
        return "CardHolder[" + maskedCard() + ", " + idType + " " + maskedIdNo() + ", " + maskedMobile() + "]";
    }
}
