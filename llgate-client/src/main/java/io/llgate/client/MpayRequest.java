package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MPAY apply (spec 21 §6): the order, and either the payer's card or the binding ({@code no_agree}) of a card bound
 * or paid with before. Built with {@link #builder()}; every field is checked as the gateway checks it. The SDK sends it
 * inside {@code pay_load}, as LianLian's SDKs do.
 */
public final class MpayRequest {
    private final Map<String, String> fields;
    private final EasypayCard card;

    private MpayRequest(Map<String, String> fields, EasypayCard card) {
        this.fields = fields;
        this.card = card;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String noOrder() {
        return fields.get("no_order");
    }

    public String dtOrder() {
        return fields.get("dt_order");
    }

    /** {@code money_order} with two decimals. */
    public String moneyOrder() {
        return fields.get("money_order");
    }

    EasypayCard card() {
        return card;
    }

    Map<String, String> fields() {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (card != null) {
            all.put("card_no", card.cardNo());
            all.put("acct_name", card.acctName());
            all.put("bind_mob", card.bindMob());
            all.put("id_type", card.idType());
            all.put("id_no", card.idNo());
            all.put("vali_date", card.valiDate());
            all.put("cvv2", card.cvv2());
        }
        return all;
    }

    /** Collects an apply's fields; {@link #build()} checks that the required ones are there. */
    public static final class Builder {
        private final Map<String, String> f = new LinkedHashMap<>();
        private EasypayCard card;

        private Builder() {
            f.put("busi_partner", "101001");
            f.put("pay_type", "2");
        }

        public Builder userId(String userId) {
            f.put("user_id", Check.text("user_id", userId, 32));
            return this;
        }

        /** The shared-user namespace; leave it out unless LianLian set one up. */
        public Builder platform(String platform) {
            f.put("platform", Check.optionalText("platform", platform, 32));
            return this;
        }

        /** {@code 101001} virtual goods (the default), {@code 109001} physical goods. */
        public Builder busiPartner(String busiPartner) {
            f.put("busi_partner", Check.oneOf("busi_partner", busiPartner, List.of("101001", "109001")));
            return this;
        }

        public Builder noOrder(String noOrder) {
            f.put("no_order", Check.text("no_order", noOrder, 32));
            return this;
        }

        public Builder dtOrder(String dtOrder) {
            f.put("dt_order", Check.dateTime("dt_order", dtOrder));
            return this;
        }

        public Builder nameGoods(String nameGoods) {
            f.put("name_goods", Check.text("name_goods", nameGoods, 40));
            return this;
        }

        public Builder infoOrder(String infoOrder) {
            f.put("info_order", Check.optionalText("info_order", infoOrder, 255));
            return this;
        }

        /** The amount, {@code 0.01} to {@code 100000000.00}. */
        public Builder moneyOrder(String moneyOrder) {
            f.put("money_order", Check.amount("money_order", moneyOrder));
            return this;
        }

        public Builder notifyUrl(String notifyUrl) {
            f.put("notify_url", Check.url("notify_url", notifyUrl, 128));
            return this;
        }

        /** Minutes until an unverified order closes, 1 to 999999; the gateway's default is 10080 (7 days). */
        public Builder validOrder(int minutes) {
            if (minutes < 1 || minutes > 999_999) {
                throw new InvalidFieldException("valid_order", "must be 1 to 999999 minutes");
            }
            f.put("valid_order", Integer.toString(minutes));
            return this;
        }

        /** The risk parameters. */
        public Builder riskItem(RiskItem riskItem) {
            f.put("risk_item", riskItem.json());
            return this;
        }

        /** The revenue split, {@code account^account_type^amount^description}, up to three joined by {@code |}. */
        public Builder shareingData(String shareingData) {
            f.put("shareing_data", Check.optionalText("shareing_data", shareingData, 1024));
            return this;
        }

        /**
         * {@code 2} quick payment with a debit card (the default), {@code 3} with a credit card, {@code P} new
         * authenticated payment, {@code 27} American Express (a credit card).
         */
        public Builder payType(String payType) {
            f.put("pay_type", Check.oneOf("pay_type", payType, List.of("2", "3", "P", "27")));
            return this;
        }

        public Builder bankCode(String bankCode) {
            f.put("bank_code", bankCode == null ? null
                    : Check.matching("bank_code", bankCode, "\\d{8,18}", "8 to 18 digits"));
            return this;
        }

        /** Pays with a new card. */
        public Builder card(EasypayCard card) {
            this.card = card;
            f.remove("no_agree");
            return this;
        }

        /** Pays with a card bound before: its {@code no_agree} stands in for the card. */
        public Builder noAgree(String noAgree) {
            f.put("no_agree", Check.matching("no_agree", noAgree, "[0-9A-Za-z]{1,32}", "at most 32 letters or digits"));
            this.card = null;
            return this;
        }

        public MpayRequest build() {
            for (String required : List.of("user_id", "no_order", "dt_order", "name_goods", "money_order",
                    "notify_url", "risk_item")) {
                if (f.get(required) == null) {
                    throw new InvalidFieldException(required, "is required");
                }
            }
            if (card == null && f.get("no_agree") == null) {
                throw new InvalidFieldException("card_no", "is required when no_agree is not given");
            }
            return new MpayRequest(new LinkedHashMap<>(f), card);
        }
    }
}
