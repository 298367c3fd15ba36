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

    /** Recognised by {@code no_refund}, the merchant's refund number, which only a refund's result carries. */
    public static final NotificationType TYPE = new NotificationType("refund", NotificationShape.having("no_refund"),
            RefundNotification::decode);

    /** Reads a refund's result from its verified fields. */
    public static RefundNotification decode(NotificationFields f) {
        return new RefundNotification(f.required("oid_partner"), f.required("no_refund"), f.required("dt_refund"),
                f.fen("money_refund"), f.required("oid_refundno"), f.documented("sta_refund", RefundState::of),
                f.optional("settle_date"), f.message());
    }

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
