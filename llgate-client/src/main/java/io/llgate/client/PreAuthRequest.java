package io.llgate.client;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.SignSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A capture or a cancel of a credit card's pre-authorization, spec 20 §8 and §9: the authorization is named by its
 * {@code no_order} and {@code dt_order} (and {@code oid_paybill}, optional); {@code money_order} is the amount to
 * capture (at most the authorized amount), or for a cancel the authorized amount. Checked on construction by the
 * gateway's rules. Build one with {@link #builder()}.
 */
public record PreAuthRequest(String userId, String noOrder, String dtOrder, String oidPaybill, String moneyOrder) {

    /** Checks every field as the gateway does and normalizes the amount to two decimals. */
    public PreAuthRequest {
        Check.text("user_id", userId, 32);
        Check.text("no_order", noOrder, 32);
        Check.dateTime("dt_order", dtOrder);
        oidPaybill = Check.optionalText("oid_paybill", oidPaybill, 32);
        moneyOrder = Check.amount("money_order", moneyOrder);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** The amount in fen. */
    public long moneyOrderFen() {
        return Check.fen(moneyOrder);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("api_version", "1.0");
        f.put("user_id", userId);
        f.put("pay_type", PreAuthorizations.PAY_TYPE);
        f.put("money_order", moneyOrder);
        f.put("no_order", noOrder);
        f.put("dt_order", dtOrder);
        f.put("oid_paybill", oidPaybill);
        return f;
    }

    /** Builds a {@link PreAuthRequest}; each method answers a new builder, so a partly filled one is a template. */
    public static final class Builder {
        private final Map<String, String> values;

        private Builder(Map<String, String> values) {
            this.values = values;
        }

        /** {@code user_id}: the payer's id in the merchant's system, as sent with the authorization. */
        public Builder userId(String userId) {
            return with("user_id", userId);
        }

        /** {@code no_order}: the authorization's merchant order number. */
        public Builder noOrder(String noOrder) {
            return with("no_order", noOrder);
        }

        /** {@code dt_order}: the authorization's order time, {@code yyyyMMddHHmmss}. */
        public Builder dtOrder(String dtOrder) {
            return with("dt_order", dtOrder);
        }

        /** {@code oid_paybill}: the gateway's number of the authorization, optional. */
        public Builder oidPaybill(String oidPaybill) {
            return with("oid_paybill", oidPaybill);
        }

        /** {@code money_order}: yuan with at most two decimals. */
        public Builder moneyOrder(String yuan) {
            return with("money_order", yuan);
        }

        /** {@code money_order} from fen. */
        public Builder moneyOrderFen(long fen) {
            return with("money_order", Amounts.format(fen));
        }

        /** The request; throws {@link InvalidFieldException} naming the first field the gateway would refuse. */
        public PreAuthRequest build() {
            return new PreAuthRequest(values.get("user_id"), values.get("no_order"), values.get("dt_order"),
                    values.get("oid_paybill"), values.get("money_order"));
        }

        private Builder with(String name, String value) {
            Map<String, String> copy = new HashMap<>(values);
            copy.put(name, SignSource.isAbsent(value) ? null : value);
            return new Builder(copy);
        }
    }
}
