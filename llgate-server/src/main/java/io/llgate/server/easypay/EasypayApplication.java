package io.llgate.server.easypay;

import io.llgate.server.card.CardInput;
import java.util.Optional;

/**
 * An apply (20 §6) whose fields have their forms: either the card's elements or a binding ({@code no_agree}) that
 * stands in for them (E6).
 */
record EasypayApplication(
        String userId,
        Optional<String> platform,
        String busiPartner,
        String noOrder,
        String dtOrder,
        String nameGoods,
        Optional<String> infoOrder,
        String notifyUrl,
        int validOrderMinutes,
        String riskItem,
        PayType payType,
        long moneyOrder,
        Optional<String> clientChnl,
        Optional<String> bankCode,
        Optional<String> noAgree,
        Optional<CardInput> card) {
}
