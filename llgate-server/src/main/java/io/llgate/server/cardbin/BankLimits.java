package io.llgate.server.cardbin;

/** The limits one bank's cards of one kind have with one product, as the BIN data lists them. */
public record BankLimits(String bankCode, CardType cardType, LimitPayType payType, Limits limits) {
}
