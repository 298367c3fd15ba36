package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An easypay apply (spec 20 §6): the order, and either the payer's card or the binding ({@code no_agree}) of a card
 * the payer paid with before. Built with {@link #builder()}; every field is checked as the gateway checks it.
 */
public final class EasypayRequest {
    private final Map<String, String> fields;
    private final EasypayCard card;

    private EasypayRequest(Map<String, String> fields, EasypayCard card) {
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
            fields.put("api_version", "1.0");
            fields.put("busi_partner", "109001");
            fields.put("pay_type", "M");
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

        /** {@code M} an ordinary payment (the default), {@code F} a pre-authorization of a credit card. */
        public Builder payType(String payType) {
            fields.put("pay_type", Check.oneOf("pay_type", payType, List.of("M", "N", "F")));
            return this;
        }

        public Builder bankCode(String bankCode) {
            fields.put("bank_code", bankCode == null ? null : Check.matching("bank_code", bankCode, "\\d{8,18}", "8 to 18 digits"));
            return this;
        }

        /** {@code 10} APP, {@code 13} PC, {@code 16} WAP, {@code 18} IVR. */
        public Builder clientChnl(String clientChnl) {
            fields.put("client_chnl", Check.oneOf("client_chnl", clientChnl, List.of("10", "13", "16", "18")));
            return this;
        }

        public EasypayRequest build() {
            requireOrder(List.of("user_id", "no_order", "dt_order", "name_goods", "money_order",
                    "notify_url", "risk_item"));
            if (card != null && "F".equals(fields.get("pay_type")) && card.valiDate() == null) {
                throw new InvalidFieldException("vali_date", "is required for a pre-authorization, which takes a credit card");
            }
            return new EasypayRequest(new LinkedHashMap<>(fields), card);
        }
    }
}
