package io.llgate.client;

import java.util.Optional;

/**
 * A verified MPAY payment (spec 21 §7), or one charged at apply: {@code SUCCESS} with the card's binding
 * ({@code no_agree}) for later payments, or {@code PROCESSING} while the bank has not answered (the notification or
 * the result query tells the end). A declined card is a {@link LlGateReturnCodeException} with the bank's code.
 */
public record MpayResult(String noOrder, String dtOrder, String oidPaybill, long moneyOrderFen, ResultPay resultPay,
                         Optional<String> settleDate, Optional<String> noAgree, VerifiedMessage reply) {
}
