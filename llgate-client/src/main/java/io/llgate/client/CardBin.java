package io.llgate.client;

import java.util.Optional;

/**
 * A card BIN answer, spec 14 §3: the bank that issued the card and what kind of card it is.
 *
 * @param cardNoLastFour the card number's last four digits, as the answer repeats them
 * @param bankCode       the issuer's 8-digit {@code bank_code}
 * @param bankName       the issuer's Chinese name
 * @param limits         the limits of the product asked for, when asked and the gateway knows them
 */
public record CardBin(String cardNoLastFour, String bankCode, String bankName, CardType cardType,
                      Optional<CardLimits> limits, VerifiedMessage reply) {
}
