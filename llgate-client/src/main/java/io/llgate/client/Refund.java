package io.llgate.client;

import io.llgate.protocol.Amounts;
import java.util.Optional;

/**
 * A refund as the gateway reports it after an apply or a query, spec 12 §4.
 *
 * @param oidRefundno the gateway's refund number
 * @param settleDate {@code yyyyMMdd}, once the refund succeeded
 */
public record Refund(String noRefund, String dtRefund, String oidRefundno, long moneyRefundFen, RefundState state,
                     Optional<String> settleDate, VerifiedMessage reply) {

    /** {@code money_refund} as on the wire, with two decimals. */
    public String moneyRefund() {
        return Amounts.format(moneyRefundFen);
    }
}
