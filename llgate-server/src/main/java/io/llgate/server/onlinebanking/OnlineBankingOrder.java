package io.llgate.server.onlinebanking;

import java.time.Instant;
import java.util.Optional;

/** An online banking order as stored; its merchant is the row {@code merchantId}, read by the service when needed. */
public record OnlineBankingOrder(
        long id,
        long merchantId,
        String noOrder,
        String oidPaybill,
        String dtOrder,
        long moneyOrder,
        String userId,
        String nameGoods,
        String infoOrder,
        String notifyUrl,
        String urlReturn,
        String charsetName,
        PayType requestedPayType,
        PayType payType,
        String bankCode,
        OnlineBankingStatus status,
        String memo,
        String settleDate,
        String payToken,
        String returnToken,
        Instant expiresAt,
        Instant createdAt) {

    /**
     * The status as of {@code now}: an order still waiting past its {@code valid_order} is closed, even
     * before the sweeper has written so.
     */
    public OnlineBankingStatus statusAt(Instant now) {
        return status == OnlineBankingStatus.WAITING && !now.isBefore(expiresAt) ? OnlineBankingStatus.CLOSED : status;
    }

    /** The kind of online banking the merchant asked for; the cashier offers only its banks. */
    public Optional<PayType> requestedPayTypeIfAny() {
        return Optional.ofNullable(requestedPayType);
    }

    public Optional<PayType> payTypeIfKnown() {
        return Optional.ofNullable(payType);
    }

    public Optional<String> bankCodeIfChosen() {
        return Optional.ofNullable(bankCode);
    }
}
