package io.llgate.client;

import java.util.Optional;

/**
 * The gateway's answer to an exchange payment apply (spec 23 §4): the order, its price (what the payer will be
 * charged in yuan, at the rate frozen now) and the {@code token} to verify the payer's SMS code with (valid 30
 * minutes; the code 10); or, for a merchant without SMS verification, the payment's outcome at once.
 *
 * @param resultPay {@code SUCCESS} or {@code PROCESSING} when the payment was charged at once
 * @param noAgree   the card's binding, when the payment succeeded at once
 */
public record ExchangeApplied(String noOrder, String dtOrder, String oidPaybill, ExchangeAmounts amounts,
                              Optional<String> token, Optional<ResultPay> resultPay, Optional<String> settleDate,
                              Optional<String> noAgree, VerifiedMessage reply) {
}
