package io.llgate.server.refund;

import java.time.Instant;

/**
 * A refund as stored, with a copy of the payment it returns money of. It names its merchant by row id only: the
 * {@code oid_partner} its messages carry is read once, where they are built.
 */
public record Refund(
        long id,
        long merchantId,
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
        String dtOrder,
        String busiPartner,
        String payType,
        String infoOrder,
        Instant createdAt,
        Instant completedAt) {
}
