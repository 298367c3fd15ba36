package io.llgate.server.onlinebanking;

import java.time.Instant;
import java.util.Optional;

/** An online banking order as stored, with its merchant's id and name. */
public record OnlineBankingOrder(
        long id,
        long merchantId,
        String oidPartner,
        String merchantName,
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
        OrderStatus status,
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
    public OrderStatus statusAt(Instant now) {
        return status == OrderStatus.WAITING && !now.isBefore(expiresAt) ? OrderStatus.CLOSED : status;
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
