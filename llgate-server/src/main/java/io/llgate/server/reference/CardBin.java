package io.llgate.server.reference;

/**
 * One BIN: the leading digits of a card number, and the bank and kind of card they stand for.
 *
 * @param prefix the leading digits, five or more
 */
public record CardBin(String prefix, Issuer issuer, CardType cardType) {

    /** Whether a card number starts with this BIN. */
    public boolean matches(String cardNo) {
        return cardNo.startsWith(prefix);
    }
}
