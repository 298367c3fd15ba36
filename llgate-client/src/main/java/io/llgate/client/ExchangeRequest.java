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
        return CardOrderBuilder.withCard(fields, card);
    }

    /** Collects an apply's fields; {@link #build()} checks that the required ones are there. */
    public static final class Builder extends CardOrderBuilder<Builder> {
        private Builder() {
            fields.put("api_version", "1.0");
            fields.put("busi_partner", "109001");
            fields.put("pay_type", "M");
        }

        @Override
        Builder self() {
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
            fields.put("currency_order", currency);
            fields.put("money_order", checked);
            fields.put("currency_settle", currency);
            return this;
        }

        /** {@code M} debit card (the default), {@code N} credit card, {@code D} authenticated payment. */
        public Builder payType(String payType) {
            fields.put("pay_type", Check.oneOf("pay_type", payType, List.of("M", "N", "D")));
            return this;
        }

        public ExchangeRequest build() {
            requireOrder(List.of("user_id", "no_order", "dt_order", "name_goods", "currency_order",
                    "notify_url", "risk_item"));
            if (card != null && "N".equals(fields.get("pay_type")) && (card.valiDate() == null || card.cvv2() == null)) {
                throw new InvalidFieldException("vali_date", "and cvv2 are required for a credit card (pay_type N)");
            }
            return new ExchangeRequest(new LinkedHashMap<>(fields), card);
        }
    }
}
