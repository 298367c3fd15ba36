package io.llgate.client;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A card bind apply, spec 22 §3: the payer's user id, the product the binding is for, and the card with its holder
 * (an {@link EasypayCard}, checked as the gateway checks it; a credit card with its expiry and CVV2). Build one with
 * {@link #builder()}.
 *
 * @param userId   the payer's id at the merchant, at most 32 characters
 * @param platform the shared-user namespace, or null (only when LianLian set one up)
 */
public record CardBindRequest(String userId, String platform, BindPayType payType, EasypayCard card,
                              RiskItem riskItem) {

    /** Checks every field as the gateway does. */
    public CardBindRequest {
        Check.text("user_id", userId, 32);
        platform = Check.optionalText("platform", platform, 32);
        Check.required("pay_type", payType);
        Check.required("card_no", card);
        Check.required("risk_item", riskItem);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("user_id", userId);
        f.put("platform", platform);
        f.put("api_version", "2.1");
        f.put("pay_type", payType.wireValue());
        f.put("card_no", card.cardNo());
        f.put("vali_date", card.valiDate());
        f.put("cvv2", card.cvv2());
        f.put("acct_name", card.acctName());
        f.put("id_type", card.idType());
        f.put("id_no", card.idNo());
        f.put("bind_mob", card.bindMob());
        f.put("risk_item", riskItem.json());
        return f;
    }

    /** Builds a {@link CardBindRequest}; each method answers a new builder, so a partly filled one is a template. */
    public static final class Builder {
        private final Map<String, Object> values;

        private Builder(Map<String, Object> values) {
            this.values = values;
        }

        /** {@code user_id}: the payer's id at the merchant; its bindings are listed by it. */
        public Builder userId(String userId) {
            return with("user_id", userId);
        }

        /** {@code platform}: shares users across several merchants; leave it out unless LianLian set it up. */
        public Builder platform(String platform) {
            return with("platform", platform);
        }

        /** {@code pay_type}: the product the binding is for. */
        public Builder payType(BindPayType payType) {
            return with("pay_type", payType);
        }

        /** The card and its holder: {@code card_no}, {@code acct_name}, {@code id_type}, {@code id_no}, {@code bind_mob}. */
        public Builder card(EasypayCard card) {
            return with("card", card);
        }

        /** {@code risk_item}: the payer's risk parameters. */
        public Builder riskItem(RiskItem riskItem) {
            return with("risk_item", riskItem);
        }

        /** The request; throws {@link InvalidFieldException} naming the first field the gateway would refuse. */
        public CardBindRequest build() {
            return new CardBindRequest((String) values.get("user_id"), (String) values.get("platform"),
                    (BindPayType) values.get("pay_type"), (EasypayCard) values.get("card"),
                    (RiskItem) values.get("risk_item"));
        }

        private Builder with(String name, Object value) {
            Map<String, Object> copy = new HashMap<>(values);
            copy.put(name, value);
            return new Builder(copy);
        }
    }
}
