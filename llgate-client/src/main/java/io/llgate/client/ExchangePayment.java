package io.llgate.client;

import java.util.Optional;

/**
 * An exchange payment as verify answers it (spec 23 §5) or the result query reads it (§7): its state
 * ({@code SUCCESS}, {@code PROCESSING}, {@code WAITING}, {@code REFUND} or {@code FAILURE}) and its frozen price. A
 * declined card is a {@link LlGateReturnCodeException} with the bank's code.
 *
 * @param memo the query's remark, such as the reason an order failed
 */
public record ExchangePayment(String noOrder, String dtOrder, String oidPaybill, ResultPay resultPay,
                              ExchangeAmounts amounts, Optional<String> settleDate, Optional<String> payType,
                              Optional<String> noAgree, Optional<String> memo, VerifiedMessage reply) {
}
