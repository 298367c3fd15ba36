package io.llgate.client.notify;

import io.llgate.client.RefundState;
import io.llgate.client.VerifiedMessage;
import io.llgate.protocol.Amounts;
import java.util.Optional;

/**
 * A refund's result, spec 01 §2.7. The exchange fields ({@code money_foreign_refund}, {@code rate_id},
 * {@code rate}, {@code exchange_bankcode}) are in {@link #message()}.
 *
 * @param moneyRefundFen the refunded amount in fen
 * @param settleDate {@code yyyyMMdd}, meaningful on success
 */
public record RefundNotification(String oidPartner, String noRefund, String dtRefund, long moneyRefundFen,
                                 String oidRefundno, RefundState staRefund, Optional<String> settleDate,
                                 VerifiedMessage message) implements Notification {

    /** {@code money_refund} as on the wire, with two decimals. */
    public String moneyRefund() {
        return Amounts.format(moneyRefundFen);
    }

    @Override
    public String transaction() {
        return oidRefundno;
    }

    @Override
    public String result() {
        return staRefund.wireValue();
    }
}
