package io.llgate.server.refund;

import java.time.Instant;

/** A refund as stored, with a copy of the payment it returns money of. */
public record Refund(
        long id,
        long merchantId,
        String oidPartner,
        String noRefund,
        String dtRefund,
        String oidRefundno,
        long moneyRefund,
        long feeRefund,
        RefundDebit debit,
        String notifyUrl,
        RefundStatus status,
        String settleDate,
        String product,
        long orderId,
        String noOrder,
        String oidPaybill,
        Instant createdAt,
        Instant completedAt) {
}
