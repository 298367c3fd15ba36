package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exchange payment apply (spec 23 §4): the order priced in the merchant's currency, and either the payer's card or
 * the binding ({@code no_agree}) of a card the payer paid with before. Built with {@link #builder()}; every field is
 * checked as the gateway checks it.
 */
public final class ExchangeRequest {
    /** The currencies an order may be priced in. */
    public static final List<String> CURRENCIES = List.of("AUD", "CNY", "DKK", "EUR", "GBP", "HKD", "JPY", "NZD",
            "SEK", "SGD", "USD");

    private final Map<String, String> fields;
    private final EasypayCard card;

    private ExchangeRequest(Map<String, String> fields, EasypayCard card) {
        this.fields = fields;
        this.card = card;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String noOrder() {
        return fields.get("no_order");
    }

    public String userId() {
        return fields.get("user_id");
    }

    EasypayCard card() {
        return card;
    }

    Map<String, String> fields() {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (card != null) {
            all.put("vali_date", card.valiDate());
            all.put("cvv2", card.cvv2());
            all.put("id_type", card.idType());
            all.put("id_no", card.idNo());
            all.put("acct_name", card.acctName());
            all.put("card_no", card.cardNo());
            all.put("bind_mob", card.bindMob());
        }
        return all;
    }

    /** Collects an apply's fields; {@link #build()} checks that the required ones are there. */
    public static final class Builder {
        private final Map<String, String> f = new LinkedHashMap<>();
        private EasypayCard card;

        private Builder() {
            f.put("api_version", "1.0");
            f.put("busi_partner", "109001");
            f.put("pay_type", "M");
        }

        public Builder userId(String userId) {
            f.put("user_id", Check.text("user_id", userId, 32));
            return this;
        }

        public Builder platform(String platform) {
            f.put("platform", Check.optionalText("platform", platform, 32));
            return this;
        }

        /** {@code 101001} virtual goods, {@code 109001} physical goods (the default). */
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

        /**
         * The price: a supported currency ({@link #CURRENCIES}) and the amount in it, {@code 0.01} to
         * {@code 100000000.00} with at most two decimals, whole units for JPY. The merchant is settled in the same
         * currency.
         */
        public Builder price(String currency, String amount) {
            Check.oneOf("currency_order", currency, CURRENCIES);
            String checked = Check.amount("money_order", amount);
            if (currency.equals("JPY") && !checked.endsWith(".00")) {
                throw new InvalidFieldException("money_order", "must be whole yen for JPY");
            }
            f.put("currency_order", currency);
            f.put("money_order", checked);
            f.put("currency_settle", currency);
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

        /** {@code M} debit card (the default), {@code N} credit card, {@code D} authenticated payment. */
        public Builder payType(String payType) {
            f.put("pay_type", Check.oneOf("pay_type", payType, List.of("M", "N", "D")));
            return this;
        }

        /** Pays with a new card; a credit card needs its expiry and CVV2. */
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

        public ExchangeRequest build() {
            for (String required : List.of("user_id", "no_order", "dt_order", "name_goods", "currency_order",
                    "notify_url", "risk_item")) {
                if (f.get(required) == null) {
                    throw new InvalidFieldException(required, "is required");
                }
            }
            if (card == null && f.get("no_agree") == null) {
                throw new InvalidFieldException("card_no", "is required when no_agree is not given");
            }
            if (card != null && "N".equals(f.get("pay_type")) && (card.valiDate() == null || card.cvv2() == null)) {
                throw new InvalidFieldException("vali_date", "and cvv2 are required for a credit card (pay_type N)");
            }
            return new ExchangeRequest(new LinkedHashMap<>(f), card);
        }
    }
}
