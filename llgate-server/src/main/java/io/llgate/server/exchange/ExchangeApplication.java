package io.llgate.server.exchange;

import io.llgate.server.card.CardInput;
import io.llgate.server.kernel.Money;
import java.util.Optional;

/**
 * An apply (23 §4) whose fields have their forms: either the card's elements or a binding ({@code no_agree}) that
 * stands in for them (X8); {@code fields} is every field the merchant signed but the signature and the time stamp, in
 * name order, which a repeat of the apply must send again unchanged (X9).
 */
record ExchangeApplication(
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
        ExchangePayType payType,
        Money moneyOrder,
        Optional<String> noAgree,
        Optional<CardInput> card,
        String fields) {
}
