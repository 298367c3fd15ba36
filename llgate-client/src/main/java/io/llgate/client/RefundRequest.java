package io.llgate.client;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.WireTime;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refund apply, spec 12 §3: checked on construction by the gateway's own rules. The payment is named by
 * {@code no_order}, {@code oid_paybill} or both. Build one with {@link #builder()}.
 *
 * @param dtOrder the payment's order time, optional; when given the gateway checks it
 */
public record RefundRequest(String noRefund, String dtRefund, String moneyRefund, String noOrder, String dtOrder,
                            String oidPaybill, String notifyUrl) {

    /** Checks every field as the gateway does and normalizes the amount to two decimals. */
    public RefundRequest {
        Check.text("no_refund", noRefund, 32);
        Check.dateTime("dt_refund", dtRefund);
        moneyRefund = Check.amount("money_refund", moneyRefund);
        noOrder = Check.optionalText("no_order", noOrder, 32);
        oidPaybill = Check.optionalText("oid_paybill", oidPaybill, 32);
        if (noOrder == null && oidPaybill == null) {
            throw new InvalidFieldException("no_order", "is required when oid_paybill is not given");
        }
        if (!SignSource.isAbsent(dtOrder)) {
            Check.dateTime("dt_order", dtOrder);
        } else {
            dtOrder = null;
        }
        Check.url("notify_url", notifyUrl, 128);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** The amount in fen. */
    public long moneyRefundFen() {
        return Check.fen(moneyRefund);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("no_refund", noRefund);
        f.put("dt_refund", dtRefund);
        f.put("money_refund", moneyRefund);
        f.put("no_order", noOrder);
        f.put("dt_order", dtOrder);
        f.put("oid_paybill", oidPaybill);
        f.put("notify_url", notifyUrl);
        return f;
    }

    /** Builds a {@link RefundRequest}; each method answers a new builder, so a partly filled one is a template. */
    public static final class Builder {
        private final Map<String, String> values;

        private Builder(Map<String, String> values) {
            this.values = values;
        }

        /** {@code no_refund}: the merchant's refund number, its idempotency key; at most 32 characters. */
        public Builder noRefund(String noRefund) {
            return with("no_refund", noRefund);
        }

        /** {@code dt_refund}: the refund time, {@code yyyyMMddHHmmss} in Beijing time. */
        public Builder dtRefund(String dtRefund) {
            return with("dt_refund", dtRefund);
        }

        /** {@code dt_refund} from a Beijing local date and time. */
        public Builder dtRefund(LocalDateTime beijingTime) {
            return with("dt_refund", WireTime.dateTime(beijingTime));
        }

        /** {@code money_refund}: yuan with at most two decimals, at most what is left of the payment. */
        public Builder moneyRefund(String yuan) {
            return with("money_refund", yuan);
        }

        /** {@code money_refund} from fen. */
        public Builder moneyRefundFen(long fen) {
            return with("money_refund", Amounts.format(fen));
        }

        /** {@code no_order}: the payment's merchant order number. */
        public Builder noOrder(String noOrder) {
            return with("no_order", noOrder);
        }

        /** {@code dt_order}: the payment's order time, optional. */
        public Builder dtOrder(String dtOrder) {
            return with("dt_order", dtOrder);
        }

        /** {@code oid_paybill}: the gateway's number of the payment. */
        public Builder oidPaybill(String oidPaybill) {
            return with("oid_paybill", oidPaybill);
        }

        /** {@code notify_url}: where the gateway posts the refund's result, at most 128 characters. */
        public Builder notifyUrl(String notifyUrl) {
            return with("notify_url", notifyUrl);
        }

        /** The request; throws {@link InvalidFieldException} naming the first field the gateway would refuse. */
        public RefundRequest build() {
            return new RefundRequest(values.get("no_refund"), values.get("dt_refund"), values.get("money_refund"),
                    values.get("no_order"), values.get("dt_order"), values.get("oid_paybill"), values.get("notify_url"));
        }

        private Builder with(String name, String value) {
            Map<String, String> copy = new HashMap<>(values);
            copy.put(name, value);
            return new Builder(copy);
        }
    }
}
