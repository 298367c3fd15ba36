package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A support bank query, spec 14 §3a: a collection product on a channel, the kind of card, and optionally one bank.
 * Checked on construction by the gateway's rules.
 *
 * @param productType the collection product
 * @param payChannel  the channel it runs on
 * @param cardType    the kind of card; debit unless another is named
 * @param bankCode    one bank's 8-digit code, or null for every bank
 */
public record SupportBankQuery(CollectionProductType productType, PayChannel payChannel, CardType cardType,
                               String bankCode) {

    public SupportBankQuery {
        if (productType == null) {
            throw new InvalidFieldException("product_type", "is required");
        }
        if (payChannel == null) {
            throw new InvalidFieldException("pay_chnl", "is required");
        }
        if (cardType == null) {
            cardType = CardType.DEBIT;
        }
        if (bankCode != null) {
            Check.matching("bank_code", bankCode, "\\d{8}", "8 digits");
        }
    }

    /** The banks a product accepts on a channel for debit cards. */
    public static SupportBankQuery of(CollectionProductType productType, PayChannel payChannel) {
        return new SupportBankQuery(productType, payChannel, CardType.DEBIT, null);
    }

    /** The same query for another kind of card. */
    public SupportBankQuery cards(CardType type) {
        return new SupportBankQuery(productType, payChannel, type, bankCode);
    }

    /** The same query for one bank only. */
    public SupportBankQuery bank(String code) {
        return new SupportBankQuery(productType, payChannel, cardType, code);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("api_version", "1.0");
        f.put("product_type", productType.wireValue());
        f.put("pay_chnl", payChannel.wireValue());
        f.put("card_type", cardType.wireValue());
        if (bankCode != null) {
            f.put("bank_code", bankCode);
        }
        return f;
    }
}
