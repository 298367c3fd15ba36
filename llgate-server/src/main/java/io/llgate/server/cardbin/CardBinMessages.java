package io.llgate.server.cardbin;

import java.util.LinkedHashMap;

/** The card BIN query's reply (spec 14 §3), the product's one wire message; the web layer signs it. */
final class CardBinMessages {
    private CardBinMessages() {
    }

    /**
     * The reply's fields after {@code start} (the return code and merchant): {@code card_no} as its last four
     * digits (D10: always, though LianLian's SDK reads no such field), the issuer and the card type, then the limits
     * when they were asked for and are known.
     */
    static LinkedHashMap<String, String> reply(LinkedHashMap<String, String> start, CardBinAnswer answer) {
        start.put("card_no", answer.cardNoLastFour());
        start.put("bank_code", answer.bin().issuer().bankCode());
        start.put("bank_name", answer.bin().issuer().bankName());
        start.put("card_type", answer.bin().cardType().code());
        answer.limits().ifPresent(limits -> {
            start.put("single_amt", Long.toString(limits.singleAmt()));
            start.put("day_amt", Long.toString(limits.dayAmt()));
            start.put("month_amt", Long.toString(limits.monthAmt()));
        });
        return start;
    }
}
