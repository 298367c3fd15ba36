package io.llgate.client;

import java.util.Optional;

/**
 * The gateway's answer to an MPAY apply (spec 21 §6, M6): {@code 8888} with the {@code token} to verify the payer's
 * SMS code with (valid 30 minutes); or, for a merchant without SMS verification, {@code 0000} with the outcome.
 *
 * @param token     the verify token; absent when the payment was charged at once
 * @param resultPay {@code SUCCESS} or {@code PROCESSING} when the payment was charged at once
 * @param noAgree   the card's binding, when the payment succeeded at once
 */
public record MpayApplied(String noOrder, String dtOrder, String oidPaybill, long moneyOrderFen,
                          Optional<String> token, Optional<ResultPay> resultPay, Optional<String> settleDate,
                          Optional<String> noAgree, VerifiedMessage reply) {
}
