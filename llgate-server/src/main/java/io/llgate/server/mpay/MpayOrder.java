package io.llgate.server.mpay;

import io.llgate.server.card.CardCharging;
import io.llgate.server.card.SealedHolder;
import java.time.Instant;
import java.util.Optional;

/** An MPAY order as stored; its card holder stays sealed. */
record MpayOrder(
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
        String shareingData,
        MpayPayType payType,
        SealedHolder holder,
        String bankCode,
        String bankName,
        String cardType,
        String noAgree,
        String smsToken,
        MpayStatus status,
        String failCode,
        String settleDate,
        long fee,
        Instant expiresAt,
        Instant paidAt,
        Instant createdAt) implements CardCharging.Order {

    /** The status as it stands at {@code now}: a waiting order past {@code valid_order} is closed, swept or not. */
    MpayStatus statusAt(Instant now) {
        return status == MpayStatus.WAITING && !now.isBefore(expiresAt) ? MpayStatus.CLOSED : status;
    }

    boolean credit() {
        return "3".equals(cardType);
    }

    @Override
    public boolean charging() {
        return status == MpayStatus.PROCESSING;
    }

    @Override
    public Optional<String> declineCode() {
        return status == MpayStatus.FAILURE ? Optional.of(failCode) : Optional.empty();
    }
}
