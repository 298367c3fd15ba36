package io.llgate.client;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldRules;
import io.llgate.protocol.WireTime;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An online banking payment, spec 11 §1: the order the payer's browser takes to the gateway's cashier. Checked on
 * construction by the gateway's own rules, so a request that exists is one the gateway accepts field by field (only
 * {@code timestamp}'s 30-minute window is the gateway's to judge, against its clock when the payer posts the form).
 * Build one with {@link #builder()}; {@link OnlineBanking#form} turns it into the signed form.
 *
 * @param charsetName the merchant page's charset: {@code UTF-8}, {@code GBK}, {@code GB2312} or {@code GB18030}
 * @param timestamp {@code yyyyMMddHHmmss} in Beijing time; null to stamp the form with the client's clock when it is made
 * @param infoOrder optional, echoed in the notifications
 * @param urlReturn optional: where the payer's browser brings the signed result back
 * @param userreqIp the payer's IPv4 address written {@code 122_11_37_211}; null when not given or not IPv4
 * @param urlOrder optional: the goods' page
 * @param validOrder optional: minutes until the unpaid order closes (the gateway's default is 10080, seven days)
 * @param bankCode optional: skips the cashier's bank list and sends the payer straight to that bank
 * @param payType optional: limits the cashier to one kind of online banking
 */
public record OnlineBankingRequest(String charsetName, String userId, String timestamp, BusiPartner busiPartner,
                                   String noOrder, String dtOrder, String nameGoods, String infoOrder,
                                   String moneyOrder, String notifyUrl, String urlReturn, String userreqIp,
                                   String urlOrder, Integer validOrder, String bankCode, RiskItem riskItem,
                                   PayType payType) {
    /** The only {@code version} of the form. */
    static final String VERSION = "1.0";
    private static final List<String> CHARSETS = List.of("UTF-8", "GBK", "GB2312", "GB18030");
    private static final Charset GBK = Charset.forName("GBK");
    private static final Charset GB18030 = Charset.forName("GB18030");

    /** Checks every field in the order of the spec's table, as the gateway does, and normalizes charset and amount. */
    public OnlineBankingRequest {
        charsetName = charsetName == null ? "UTF-8" : charsetName.trim().toUpperCase(Locale.ROOT);
        Check.oneOf("charset_name", charsetName, CHARSETS);
        Check.text("user_id", userId, 32);
        if (timestamp != null) {
            Check.dateTime("timestamp", timestamp);
        }
        if (busiPartner == null) {
            throw new InvalidFieldException("busi_partner", "is required");
        }
        Check.text("no_order", noOrder, 32);
        Check.dateTime("dt_order", dtOrder);
        Check.text("name_goods", nameGoods, 40);
        infoOrder = Check.optionalText("info_order", infoOrder, 255);
        moneyOrder = Check.amount("money_order", moneyOrder);
        Check.url("notify_url", notifyUrl, 128);
        urlReturn = urlReturn == null || urlReturn.isEmpty() ? null : Check.url("url_return", urlReturn, 128);
        // The gateway ignores a payer address written otherwise (spec 11, O1), so it is left out here too.
        userreqIp = userreqIp == null ? null : userreqIp.trim().replace('.', '_');
        userreqIp = userreqIp != null && userreqIp.matches("\\d{1,3}(_\\d{1,3}){3}") ? userreqIp : null;
        urlOrder = Check.optionalText("url_order", urlOrder, 255);
        if (validOrder != null && (validOrder < 1 || validOrder > 999_999)) {
            throw new InvalidFieldException("valid_order", "must be 1 to 999999 minutes");
        }
        bankCode = bankCode == null || bankCode.isEmpty() ? null
                : Check.matching("bank_code", bankCode, FieldRules.BANK_CODE, "an 8-digit bank code");
        if (riskItem == null) {
            throw new InvalidFieldException("risk_item", "is required");
        }
        writable(charsetName, "user_id", userId);
        writable(charsetName, "no_order", noOrder);
        writable(charsetName, "name_goods", nameGoods);
        writable(charsetName, "info_order", infoOrder);
        writable(charsetName, "notify_url", notifyUrl);
        writable(charsetName, "url_return", urlReturn);
        writable(charsetName, "url_order", urlOrder);
        writable(charsetName, "risk_item", riskItem.json());
    }

    /** An empty builder; {@code charset_name} starts as UTF-8. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** The amount in fen. */
    public long moneyOrderFen() {
        return Check.fen(moneyOrder);
    }

    /** The form's fields but the signature, in the spec's order; {@code stampedAt} is the timestamp unless one was set. */
    Map<String, String> fields(String oidPartner, String stampedAt) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("version", VERSION);
        f.put("charset_name", charsetName);
        f.put("oid_partner", oidPartner);
        f.put("user_id", userId);
        f.put("timestamp", timestamp != null ? timestamp : stampedAt);
        f.put("busi_partner", busiPartner.wireValue());
        f.put("no_order", noOrder);
        f.put("dt_order", dtOrder);
        f.put("name_goods", nameGoods);
        f.put("info_order", infoOrder);
        f.put("money_order", moneyOrder);
        f.put("notify_url", notifyUrl);
        f.put("url_return", urlReturn);
        f.put("userreq_ip", userreqIp);
        f.put("url_order", urlOrder);
        f.put("valid_order", validOrder == null ? null : validOrder.toString());
        f.put("bank_code", bankCode);
        f.put("risk_item", riskItem.json());
        f.put("pay_type", payType == null ? null : payType.wireValue());
        return f;
    }

    /** The charset a browser encodes the page's form in: GBK for a GB2312 page, as browsers do (WHATWG Encoding). */
    static Charset pageEncoding(String charsetName) {
        return switch (charsetName) {
            case "GBK", "GB2312" -> GBK;
            case "GB18030" -> GB18030;
            default -> StandardCharsets.UTF_8;
        };
    }

    /**
     * A character the page's charset cannot hold reaches the gateway as an HTML character reference, which would
     * break the signature: such a value is refused here, naming its field.
     */
    private static void writable(String charsetName, String field, String value) {
        CharsetEncoder encoder = pageEncoding(charsetName).newEncoder();
        if (value != null && !encoder.canEncode(value)) {
            throw new InvalidFieldException(field, "has characters a " + charsetName + " page cannot send");
        }
    }

    /**
     * Builds an {@link OnlineBankingRequest}. A builder never changes: each method answers a new one, so a partly
     * filled builder (the same {@code notify_url}, {@code url_return} and {@code busi_partner} for every order) can
     * be shared as a template.
     */
    public static final class Builder {
        private final Map<String, Object> values;

        private Builder(Map<String, Object> values) {
            this.values = values;
        }

        /** {@code charset_name}: the charset of the page that serves the form; UTF-8 unless set. */
        public Builder charsetName(String charsetName) {
            return with("charset_name", charsetName);
        }

        /** {@code user_id}: the payer's user id at the merchant, at most 32 characters. */
        public Builder userId(String userId) {
            return with("user_id", userId);
        }

        /** {@code timestamp}: when the form is made, {@code yyyyMMddHHmmss} (Beijing); the client's clock unless set. */
        public Builder timestamp(String timestamp) {
            return with("timestamp", timestamp);
        }

        /** {@code timestamp} from an instant. */
        public Builder timestamp(Instant instant) {
            return with("timestamp", WireTime.dateTime(instant));
        }

        /** {@code busi_partner}: virtual or physical goods. */
        public Builder busiPartner(BusiPartner busiPartner) {
            return with("busi_partner", busiPartner);
        }

        /** {@code no_order}: the merchant's unique order number, at most 32 characters. */
        public Builder noOrder(String noOrder) {
            return with("no_order", noOrder);
        }

        /** {@code dt_order}: the order time, {@code yyyyMMddHHmmss} in Beijing time. */
        public Builder dtOrder(String dtOrder) {
            return with("dt_order", dtOrder);
        }

        /** {@code dt_order} from a Beijing local date and time. */
        public Builder dtOrder(LocalDateTime beijingTime) {
            return with("dt_order", WireTime.dateTime(beijingTime));
        }

        /** {@code name_goods}: the goods' name, at most 40 characters. */
        public Builder nameGoods(String nameGoods) {
            return with("name_goods", nameGoods);
        }

        /** {@code info_order}: the merchant's note, echoed in notifications; at most 255 characters. */
        public Builder infoOrder(String infoOrder) {
            return with("info_order", infoOrder);
        }

        /** {@code money_order}: yuan with at most two decimals, 0.01 to 100,000,000.00. */
        public Builder moneyOrder(String yuan) {
            return with("money_order", yuan);
        }

        /** {@code money_order} from fen. */
        public Builder moneyOrderFen(long fen) {
            return with("money_order", Amounts.format(fen));
        }

        /** {@code notify_url}: where the gateway posts the result, at most 128 characters. */
        public Builder notifyUrl(String notifyUrl) {
            return with("notify_url", notifyUrl);
        }

        /** {@code url_return}: where the payer's browser brings the signed result back, at most 128 characters. */
        public Builder urlReturn(String urlReturn) {
            return with("url_return", urlReturn);
        }

        /**
         * {@code userreq_ip}: the payer's IPv4 address, as {@code 122.11.37.211} or {@code 122_11_37_211}; anything
         * else (an IPv6 address) is left out, as the gateway would ignore it.
         */
        public Builder userreqIp(String address) {
            return with("userreq_ip", address);
        }

        /** {@code url_order}: the goods' page, at most 255 characters. */
        public Builder urlOrder(String urlOrder) {
            return with("url_order", urlOrder);
        }

        /** {@code valid_order}: minutes until the unpaid order closes, 1 to 999999. */
        public Builder validOrder(int minutes) {
            return with("valid_order", minutes);
        }

        /** {@code bank_code}: the payer's bank, 8 digits; the payer then goes straight to it. */
        public Builder bankCode(String bankCode) {
            return with("bank_code", bankCode);
        }

        /** {@code risk_item}: the payer's risk parameters. */
        public Builder riskItem(RiskItem riskItem) {
            return with("risk_item", riskItem);
        }

        /** {@code pay_type}: debit, credit or enterprise online banking only. */
        public Builder payType(PayType payType) {
            return with("pay_type", payType);
        }

        /** The request; throws {@link InvalidFieldException} naming the first field the gateway would refuse. */
        public OnlineBankingRequest build() {
            return new OnlineBankingRequest((String) values.get("charset_name"), (String) values.get("user_id"),
                    (String) values.get("timestamp"), (BusiPartner) values.get("busi_partner"),
                    (String) values.get("no_order"), (String) values.get("dt_order"), (String) values.get("name_goods"),
                    (String) values.get("info_order"), (String) values.get("money_order"),
                    (String) values.get("notify_url"), (String) values.get("url_return"),
                    (String) values.get("userreq_ip"), (String) values.get("url_order"),
                    (Integer) values.get("valid_order"), (String) values.get("bank_code"),
                    (RiskItem) values.get("risk_item"), (PayType) values.get("pay_type"));
        }

        private Builder with(String name, Object value) {
            Map<String, Object> copy = new HashMap<>(values);
            copy.put(name, value);
            return new Builder(copy);
        }
    }
}
