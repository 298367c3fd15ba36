package io.llgate.client;

import io.llgate.protocol.FieldRules;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A branch number query, spec 14 §3b: a bank, named by its code or by one of its cards, the province or city
 * ({@code city_code}) of the branch, and part of the branch's name. Checked on construction by the gateway's rules.
 *
 * @param bankCode    the bank's 8-digit code, or null when {@code cardNo} names the bank
 * @param cardNo      a card of the bank (12 to 19 digits), or null; {@code bankCode} wins when both are given
 * @param cityCode    the 6-digit province or city code; a code ending in {@code 0000} covers the whole province
 * @param brabankName the branch's name or a part of it
 */
public record BranchNumberQuery(String bankCode, String cardNo, String cityCode, String brabankName) {

    public BranchNumberQuery {
        if (bankCode == null && cardNo == null) {
            throw new InvalidFieldException("bank_code", "or card_no is required");
        }
        if (bankCode != null) {
            Check.matching("bank_code", bankCode, "\\d{8}", "8 digits");
        }
        if (cardNo != null) {
            Check.matching("card_no", cardNo, FieldRules.BIN_CARD_NO, "12 to 19 digits");
        }
        Check.matching("city_code", cityCode, FieldRules.CITY_CODE, "6 digits");
        Check.text("brabank_name", brabankName, FieldRules.BRABANK_NAME_MAX);
    }

    /** The branches of a bank, by its code, in a province or city whose name contains {@code brabankName}. */
    public static BranchNumberQuery ofBank(String bankCode, String cityCode, String brabankName) {
        return new BranchNumberQuery(bankCode, null, cityCode, brabankName);
    }

    /** The same, the bank being the one that issued the card. */
    public static BranchNumberQuery ofCard(String cardNo, String cityCode, String brabankName) {
        return new BranchNumberQuery(null, cardNo, cityCode, brabankName);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        if (bankCode != null) {
            f.put("bank_code", bankCode);
        }
        if (cardNo != null) {
            f.put("card_no", cardNo);
        }
        f.put("city_code", cityCode);
        f.put("brabank_name", brabankName);
        return f;
    }
}
