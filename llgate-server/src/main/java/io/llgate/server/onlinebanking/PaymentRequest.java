package io.llgate.server.onlinebanking;

import java.util.Optional;

/** A checked payment request from the merchant's page; optional fields are empty when not sent. */
public record PaymentRequest(
        String noOrder,
        String dtOrder,
        long moneyOrder,
        String userId,
        String busiPartner,
        String nameGoods,
        Optional<String> infoOrder,
        String notifyUrl,
        Optional<String> urlReturn,
        Optional<String> urlOrder,
        Optional<String> userreqIp,
        int validOrderMinutes,
        Optional<String> bankCode,
        Optional<PayType> payType,
        String charsetName) {
}
