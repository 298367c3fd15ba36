package io.llgate.server.kernel;

import java.time.Instant;

/**
 * A payment as a refund sees it: what identifies it, whether and when it succeeded, its amount and fee,
 * and the fields its refunds copy for their report rows and notifications.
 */
public record RefundablePayment(
        String product,
        long orderId,
        String noOrder,
        String oidPaybill,
        String dtOrder,
        long moneyOrder,
        long fee,
        boolean succeeded,
        Instant paidAt,
        String busiPartner,
        String payType,
        String infoOrder) {
}
