package io.llgate.server.refund;

import java.util.Optional;

/**
 * A refund apply as checked at the door: the merchant's refund number and time, the payment, the amount in hundredths
 * of the payment's currency (fen for CNY).
 */
public record RefundRequest(
        String noRefund,
        String dtRefund,
        long moneyRefund,
        Optional<String> noOrder,
        Optional<String> dtOrder,
        Optional<String> oidPaybill,
        String notifyUrl) {
}
