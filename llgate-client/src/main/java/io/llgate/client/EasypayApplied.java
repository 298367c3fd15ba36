package io.llgate.client;

import java.util.Optional;

/**
 * The gateway's answer to an easypay apply (spec 20 §6): the order and the {@code token} to verify the payer's SMS
 * code with; or, for a merchant without SMS verification, the payment's outcome at once.
 *
 * @param token      the verify token (valid 30 minutes); absent when the payment was charged at once
 * @param resultPay  {@code SUCCESS} or {@code PROCESSING} when the payment was charged at once
 * @param smsResent  true when this apply repeated a waiting order's and the gateway texted a new code ({@code 8888})
 * @param noAgree    the card's binding, when the payment succeeded at once
 */
public record EasypayApplied(String noOrder, String dtOrder, String oidPaybill, long moneyOrderFen,
                             Optional<String> token, Optional<ResultPay> resultPay, boolean smsResent,
                             Optional<String> settleDate, Optional<String> noAgree, Optional<String> bankCode,
                             VerifiedMessage reply) {
}
