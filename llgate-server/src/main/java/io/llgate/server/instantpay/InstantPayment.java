package io.llgate.server.instantpay;

import java.time.Instant;

/** A payout order as stored; card number and payee name stay sealed. */
public record InstantPayment(
        long id,
        long merchantId,
        String noOrder,
        String oidPaybill,
        String dtOrder,
        long moneyOrder,
        String flagCard,
        String cardMask,
        String cardSealed,
        String acctNameSealed,
        String bankCode,
        String infoOrder,
        String memo,
        String notifyUrl,
        PayoutStatus status,
        String checkCode,
        String confirmCode,
        int confirmFailures,
        Instant checkExpiresAt,
        String settleDate,
        String failureReason,
        Instant createdAt) {
}
