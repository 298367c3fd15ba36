package io.llgate.client;

import io.llgate.protocol.FieldRules;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A card BIN query, spec 14 §3: the full card number, and optionally the product whose limits for the card the
 * answer should add ({@code pay_type} with {@code flag_amt_limit=1}). Checked on construction by the gateway's rules.
 *
 * @param cardNo   the full card number, 12 to 19 digits
 * @param limitsOf the product whose limits are wanted, or null for none
 */
public record CardBinQuery(String cardNo, LimitPayType limitsOf) {

    public CardBinQuery {
        Check.matching("card_no", cardNo, FieldRules.BIN_CARD_NO, "12 to 19 digits");
    }

    /** The bank and kind of a card. */
    public static CardBinQuery of(String cardNo) {
        return new CardBinQuery(cardNo, null);
    }

    /** The bank and kind of a card, with its limits for quick or verified payment when the gateway knows them. */
    public static CardBinQuery withLimits(String cardNo, LimitPayType payType) {
        if (payType == null) {
            throw new InvalidFieldException("pay_type", "is required for limits");
        }
        return new CardBinQuery(cardNo, payType);
    }

    /** The last four digits, which the answer repeats. */
    String lastFour() {
        return cardNo.substring(cardNo.length() - 4);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("api_version", "1.0");
        f.put("card_no", cardNo);
        if (limitsOf != null) {
            f.put("pay_type", limitsOf.wireValue());
            f.put("flag_amt_limit", "1");
        }
        return f;
    }
}
