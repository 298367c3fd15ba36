package io.llgate.server.exchange;

import io.llgate.protocol.RetCode;
import io.llgate.server.card.CardCharging;
import io.llgate.server.card.SealedHolder;
import io.llgate.server.kernel.Money;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An exchange order as stored: its price frozen at apply, its card holder sealed. */
record ExchangeOrder(
        long id,
        long merchantId,
        String noOrder,
        String oidPaybill,
        String dtOrder,
        String userId,
        String platform,
        String busiPartner,
        String nameGoods,
        String infoOrder,
        String notifyUrl,
        ExchangePayType payType,
        String applyHash,
        ExchangePrice price,
        SealedHolder holder,
        String bankCode,
        String bankName,
        String cardType,
        String noAgree,
        String smsToken,
        Instant tokenExpiresAt,
        ExchangeStatus status,
        String failCode,
        String memo,
        String settleDate,
        Instant expiresAt,
        Instant paidAt,
        Instant createdAt) implements CardCharging.Order {

    /** The order's amount, in its currency. */
    Money moneyOrder() {
        return price.order();
    }

    /** The status at {@code now}: a waiting order past {@code valid_order} has failed, swept or not. */
    ExchangeStatus statusAt(Instant now) {
        return expiredAt(now) ? ExchangeStatus.FAILURE : status;
    }

    /** Whether it is an order still waiting for its code whose {@code valid_order} has passed. */
    boolean expiredAt(Instant now) {
        return (status == ExchangeStatus.WAITING || status == ExchangeStatus.CREATED) && !now.isBefore(expiresAt);
    }

    boolean credit() {
        return "3".equals(cardType);
    }

    @Override
    public boolean charging() {
        return status == ExchangeStatus.PROCESSING;
    }

    @Override
    public Optional<String> declineCode() {
        // Only an expired order fails with no code, and it never was charging.
        return status == ExchangeStatus.FAILURE
                ? Optional.of(Objects.requireNonNullElse(failCode, RetCode.PAYMENT_FAILED.code()))
                : Optional.empty();
    }
}
