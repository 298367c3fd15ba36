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
        return CardOrderBuilder.withCard(fields, card);
    }

    /** Collects an apply's fields; {@link #build()} checks that the required ones are there. */
    public static final class Builder extends CardOrderBuilder<Builder> {
        private Builder() {
            fields.put("busi_partner", "101001");
            fields.put("pay_type", "2");
        }

        @Override
        Builder self() {
            return this;
        }

        /** The amount, {@code 0.01} to {@code 100000000.00}. */
        public Builder moneyOrder(String moneyOrder) {
            fields.put("money_order", Check.amount("money_order", moneyOrder));
            return this;
        }

        /** The revenue split, {@code account^account_type^amount^description}, up to three joined by {@code |}. */
        public Builder shareingData(String shareingData) {
            fields.put("shareing_data", Check.optionalText("shareing_data", shareingData, 1024));
            return this;
        }

        /**
         * {@code 2} quick payment with a debit card (the default), {@code 3} with a credit card, {@code P} new
         * authenticated payment, {@code 27} American Express (a credit card).
         */
        public Builder payType(String payType) {
            fields.put("pay_type", Check.oneOf("pay_type", payType, List.of("2", "3", "P", "27")));
            return this;
        }

        public Builder bankCode(String bankCode) {
            fields.put("bank_code", bankCode == null ? null
                    : Check.matching("bank_code", bankCode, "\\d{8,18}", "8 to 18 digits"));
            return this;
        }

        public MpayRequest build() {
            requireOrder(List.of("user_id", "no_order", "dt_order", "name_goods", "money_order",
                    "notify_url", "risk_item"));
            return new MpayRequest(new LinkedHashMap<>(fields), card);
        }
    }
}
