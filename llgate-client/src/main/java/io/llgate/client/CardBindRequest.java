package io.llgate.client;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A card bind apply, spec 22 §3: the payer's card and identity, checked on construction by the gateway's rules. A
 * credit card also needs its expiry and CVV2. Build one with {@link #builder()}.
 *
 * @param userId   the payer's id at the merchant, at most 32 characters
 * @param platform the shared-user namespace, or null (only when LianLian set one up)
 * @param valiDate the card's expiry, 4 digits, credit cards only
 * @param cvv2     the card's CVV2, 3 digits, credit cards only
 */
public record CardBindRequest(String userId, String platform, BindPayType payType, IdType idType, String idNo,
                              String acctName, String cardNo, String bindMob, String valiDate, String cvv2,
                              RiskItem riskItem) {

    /** Checks every field as the gateway does. */
    public CardBindRequest {
        Check.text("user_id", userId, 32);
        platform = Check.optionalText("platform", platform, 32);
        Check.required("pay_type", payType);
        Check.required("id_type", idType);
        CardHolderChecks.idNo(idType, idNo);
        CardHolderChecks.name(acctName);
        CardHolderChecks.cardNo(cardNo);
        CardHolderChecks.mobile("bind_mob", bindMob);
        valiDate = CardHolderChecks.optionalValiDate(valiDate);
        cvv2 = CardHolderChecks.optionalCvv2(cvv2);
        Check.required("risk_item", riskItem);
    }

    /** An empty builder, for a resident identity card unless told otherwise. */
    public static Builder builder() {
        return new Builder(Map.of()).idType(IdType.ID_CARD);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("user_id", userId);
        f.put("platform", platform);
        f.put("api_version", "2.1");
        f.put("pay_type", payType.wireValue());
        f.put("card_no", cardNo);
        f.put("vali_date", valiDate);
        f.put("cvv2", cvv2);
        f.put("acct_name", acctName);
        f.put("id_type", idType.wireValue());
        f.put("id_no", idNo);
        f.put("bind_mob", bindMob);
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

        /** {@code id_type}: the holder's identity document; a resident identity card by default. */
        public Builder idType(IdType idType) {
            return with("id_type", idType);
        }

        /** {@code id_no}: the document's number; an identity card number's check digit is checked. */
        public Builder idNo(String idNo) {
            return with("id_no", idNo);
        }

        /** {@code acct_name}: the holder's name, as the bank knows it. */
        public Builder acctName(String acctName) {
            return with("acct_name", acctName);
        }

        /** {@code card_no}: the full card number. */
        public Builder cardNo(String cardNo) {
            return with("card_no", cardNo);
        }

        /** {@code bind_mob}: the mobile the holder reserved at the bank, where the code is texted. */
        public Builder bindMob(String bindMob) {
            return with("bind_mob", bindMob);
        }

        /** {@code vali_date}: a credit card's expiry, 4 digits as printed on the card. */
        public Builder valiDate(String valiDate) {
            return with("vali_date", valiDate);
        }

        /** {@code cvv2}: a credit card's 3-digit security code. */
        public Builder cvv2(String cvv2) {
            return with("cvv2", cvv2);
        }

        /** {@code risk_item}: the payer's risk parameters. */
        public Builder riskItem(RiskItem riskItem) {
            return with("risk_item", riskItem);
        }

        /** The request; throws {@link InvalidFieldException} naming the first field the gateway would refuse. */
        public CardBindRequest build() {
            return new CardBindRequest((String) values.get("user_id"), (String) values.get("platform"),
                    (BindPayType) values.get("pay_type"), (IdType) values.get("id_type"), (String) values.get("id_no"),
                    (String) values.get("acct_name"), (String) values.get("card_no"), (String) values.get("bind_mob"),
                    (String) values.get("vali_date"), (String) values.get("cvv2"), (RiskItem) values.get("risk_item"));
        }

        private Builder with(String name, Object value) {
            Map<String, Object> copy = new HashMap<>(values);
            copy.put(name, value);
            return new Builder(copy);
        }
    }
}
