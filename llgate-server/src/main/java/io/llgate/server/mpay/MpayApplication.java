package io.llgate.server.mpay;

import io.llgate.server.card.CardInput;
import java.util.Optional;

/**
 * An MPAY apply (21 §6) whose fields have their forms: either the card's elements or a binding ({@code no_agree}) that
 * stands in for them.
 */
record MpayApplication(
        String userId,
        Optional<String> platform,
        String busiPartner,
        String noOrder,
        String dtOrder,
        String nameGoods,
        Optional<String> infoOrder,
        long moneyOrder,
        String notifyUrl,
        int validOrderMinutes,
        String riskItem,
        Optional<String> shareingData,
        MpayPayType payType,
        Optional<String> bankCode,
        Optional<String> noAgree,
        Optional<CardInput> card) {
}
