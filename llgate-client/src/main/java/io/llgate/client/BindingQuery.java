package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A binding list query, spec 22 §6: a payer's bindings, optionally only those of one product family, one binding or
 * one card. Checked on construction by the gateway's rules.
 *
 * @param platform the shared-user namespace, or null
 * @param payType  only bindings of this product family, or null for all
 * @param noAgree  only this binding, or null
 * @param cardNo   only bindings of this card (its full number), or null
 * @param offset   the index of the first binding answered, from 0
 */
public record BindingQuery(String userId, String platform, BindPayType payType, String noAgree, String cardNo,
                           int offset) {

    public BindingQuery {
        Check.text("user_id", userId, 32);
        platform = Check.optionalText("platform", platform, 32);
        noAgree = Check.optionalText("no_agree", noAgree, 32);
        cardNo = Check.optionalText("card_no", cardNo, 32);
        if (cardNo != null) {
            Check.matching("card_no", cardNo, "[0-9]{12,19}", "12 to 19 digits");
        }
        if (offset < 0 || offset > 99_999_999) {
            throw new InvalidFieldException("offset", "must be 0 to 99999999");
        }
    }

    /** Every binding of the payer. */
    public static BindingQuery of(String userId) {
        return new BindingQuery(userId, null, null, null, null, 0);
    }

    /** The same query, only in this shared-user namespace. */
    public BindingQuery platform(String platform) {
        return new BindingQuery(userId, platform, payType, noAgree, cardNo, offset);
    }

    /** The same query, only bindings of this product family. */
    public BindingQuery payType(BindPayType payType) {
        return new BindingQuery(userId, platform, payType, noAgree, cardNo, offset);
    }

    /** The same query, only this binding. */
    public BindingQuery noAgree(String noAgree) {
        return new BindingQuery(userId, platform, payType, noAgree, cardNo, offset);
    }

    /** The same query, only bindings of this card. */
    public BindingQuery cardNo(String cardNo) {
        return new BindingQuery(userId, platform, payType, noAgree, cardNo, offset);
    }

    /** The same query, from this index on. */
    public BindingQuery offset(int offset) {
        return new BindingQuery(userId, platform, payType, noAgree, cardNo, offset);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("user_id", userId);
        f.put("platform", platform);
        f.put("pay_type", payType == null ? null : payType.wireValue());
        f.put("no_agree", noAgree);
        f.put("card_no", cardNo);
        f.put("offset", Integer.toString(offset));
        return f;
    }
}
