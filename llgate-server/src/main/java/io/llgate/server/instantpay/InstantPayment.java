package io.llgate.server.instantpay;

import io.llgate.server.bank.Payee;
import java.time.Instant;

/**
 * A payout order as stored; card number and payee name stay sealed. {@code flagCard} is the value as sent and
 * {@code payee} what it meant when the order was made, which a later change of meaning does not touch.
 */
public record InstantPayment(
        long id,
        long merchantId,
        String noOrder,
        String oidPaybill,
        String dtOrder,
        long moneyOrder,
        String flagCard,
        Payee payee,
        String cardMask,
        String cardSealed,
        String acctNameSealed,
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
