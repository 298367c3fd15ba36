package io.llgate.server.easypay;

import io.llgate.server.card.CardCharging;
import io.llgate.server.card.SealedHolder;
import java.time.Instant;
import java.util.Optional;

/** An easypay order as stored; its card holder stays sealed. */
record EasypayOrder(
        long id,
        long merchantId,
        String noOrder,
        String oidPaybill,
        String dtOrder,
        long moneyOrder,
        String userId,
        String platform,
        String busiPartner,
        String nameGoods,
        String infoOrder,
        String notifyUrl,
        PayType payType,
        SealedHolder holder,
        String bankCode,
        String bankName,
        String cardType,
        String noAgree,
        String smsToken,
        EasypayStatus status,
        String failCode,
        String settleDate,
        long fee,
        Instant expiresAt,
        Instant paidAt,
        Instant createdAt) implements CardCharging.Order {

    /** The status as it stands at {@code now}: a waiting order past {@code valid_order} is closed, swept or not. */
    EasypayStatus statusAt(Instant now) {
        return status == EasypayStatus.WAITING && !now.isBefore(expiresAt) ? EasypayStatus.CLOSED : status;
    }

    boolean credit() {
        return "3".equals(cardType);
    }

    @Override
    public boolean charging() {
        return status == EasypayStatus.PROCESSING;
    }

    @Override
    public Optional<String> declineCode() {
        return status == EasypayStatus.FAILURE ? Optional.of(failCode) : Optional.empty();
    }
}
