package io.llgate.server.refund;

import io.llgate.server.kernel.Money;
import java.time.Instant;
import java.util.Currency;

/**
 * A refund as stored, with a copy of the payment it returns money of. It names its merchant by row id only: the
 * {@code oid_partner} its messages carry is read once, where they are built. Its amount and fee are in the payment's
 * currency; {@code moneyPay} is the yuan the payer gets back, at the payment's rate ({@code rateId},
 * {@code exchangeRate}: null for a CNY payment, whose refund returns {@code moneyRefund} itself).
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
        Instant completedAt,
        Currency currency,
        long moneyPay,
        Long rateId,
        String exchangeRate) {

    /** Whether the refunded payment was priced in a currency other than CNY. */
    public boolean foreign() {
        return !currency.equals(Money.CNY);
    }
}
