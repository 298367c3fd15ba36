package io.llgate.client;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.WireTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A card payment on the gateway's pages, spec 20 §4 (WEB) and §5 (H5): the order the payer's browser takes to the
 * gateway, where the payer chooses a bank, types the card details and the SMS code. Checked on construction by the
 * gateway's own rules (only {@code timestamp}'s 30-minute window is the gateway's to judge). With a saved card's
 * {@code no_agree}, the payer only types the SMS code; with a card number, name or ID the merchant already knows
 * (the preset flow), the payer types the rest. Build one with {@link #builder()}; {@link EasypayPages} makes the
 * signed WEB or H5 form of it.
 *
 * @param payType    {@code M} a payment, {@code F} a credit-card pre-authorization
 * @param userreqIp  the payer's IPv4 address written {@code 122_11_37_211}: required by the WEB form, not sent by H5
 * @param backUrl    optional: where the payer goes to choose another card (preset flow)
 * @param appRequest H5 only: {@code 1} Android, {@code 2} iOS, {@code 3} a phone's browser (the default)
 * @param bgColor    H5 only, optional: the pages' colour, six hex digits
 * @param fontColor  H5 only, optional: the header's text colour, six hex digits
 * @param returnsByItself H5 only: the payer goes back to the merchant by itself after paying ({@code syschnotify_flag=1})
 *                   rather than with the return button
 */
public record EasypayPageRequest(String userId, String platform, String timestamp, BusiPartner busiPartner,
                                 String noOrder, String dtOrder, String nameGoods, String infoOrder,
                                 String moneyOrder, String notifyUrl, String urlReturn, String userreqIp,
                                 String urlOrder, Integer validOrder, String payType, RiskItem riskItem,
                                 String backUrl, String noAgree, String cardNo, String acctName, String idType,
                                 String idNo, String appRequest, String bgColor, String fontColor,
                                 boolean returnsByItself) {
    static final String VERSION = "1.0";
    private static final List<String> PAY_TYPES = List.of("M", "F");
    private static final List<String> ID_TYPES = List.of("0", "2", "3", "4", "6", "9", "X");

    /** Checks every field in the order of the spec's tables, as the gateway does. */
    public EasypayPageRequest {
        Check.text("user_id", userId, 32);
        platform = Check.optionalText("platform", platform, 32);
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
        userreqIp = userreqIp == null ? null : userreqIp.trim().replace('.', '_');
        userreqIp = userreqIp != null && userreqIp.matches("\\d{1,3}(_\\d{1,3}){3}") ? userreqIp : null;
        urlOrder = Check.optionalText("url_order", urlOrder, 255);
        if (validOrder != null && (validOrder < 1 || validOrder > 999_999)) {
            throw new InvalidFieldException("valid_order", "must be 1 to 999999 minutes");
        }
        payType = Check.oneOf("pay_type", payType == null ? "M" : payType, PAY_TYPES);
        if (riskItem == null) {
            throw new InvalidFieldException("risk_item", "is required");
        }
        backUrl = backUrl == null || backUrl.isEmpty() ? null : Check.url("back_url", backUrl, 128);
        noAgree = noAgree == null || noAgree.isEmpty() ? null
                : Check.matching("no_agree", noAgree, "[0-9A-Za-z]{1,32}", "up to 32 letters and digits");
        cardNo = cardNo == null || cardNo.isEmpty() ? null
                : Check.matching("card_no", cardNo.replace(" ", ""), "\\d{12,19}", "12 to 19 digits");
        acctName = Check.optionalText("acct_name", acctName, 40);
        idType = idType == null || idType.isEmpty() ? null : Check.oneOf("id_type", idType, ID_TYPES);
        idNo = idNo == null || idNo.isEmpty() ? null
                : Check.matching("id_no", idNo, "[0-9A-Za-z]{15}|[0-9A-Za-z]{18}", "15 or 18 characters");
        appRequest = Check.oneOf("app_request", appRequest == null ? "3" : appRequest, List.of("1", "2", "3"));
        bgColor = bgColor == null || bgColor.isEmpty() ? null
                : Check.matching("bg_color", bgColor, "[0-9a-fA-F]{6}", "six hex digits");
        fontColor = fontColor == null || fontColor.isEmpty() ? null
                : Check.matching("font_color", fontColor, "[0-9a-fA-F]{6}", "six hex digits");
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** The amount in fen. */
    public long moneyOrderFen() {
        return Check.fen(moneyOrder);
    }

    /** The WEB form's fields but the signature, in the spec's order (20 §4). */
    Map<String, String> webFields(String oidPartner, String stampedAt) {
        if (userreqIp == null) {
            throw new InvalidFieldException("userreq_ip", "is required by the WEB form (an IPv4 address)");
        }
        Map<String, String> f = common(oidPartner, stampedAt);
        f.put("userreq_ip", userreqIp);
        f.put("url_order", urlOrder);
        return f;
    }

    /** The H5 {@code req_data} fields but the signature, in the spec's order (20 §5). */
    Map<String, String> h5Fields(String oidPartner, String stampedAt) {
        Map<String, String> f = common(oidPartner, stampedAt);
        f.put("app_request", appRequest);
        f.put("bg_color", bgColor);
        f.put("font_color", fontColor);
        f.put("syschnotify_flag", returnsByItself ? "1" : "0");
        return f;
    }

    private Map<String, String> common(String oidPartner, String stampedAt) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("version", VERSION);
        f.put("oid_partner", oidPartner);
        f.put("platform", platform);
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
        f.put("valid_order", validOrder == null ? null : validOrder.toString());
        f.put("pay_type", payType);
        f.put("risk_item", riskItem.json());
        f.put("back_url", backUrl);
        f.put("no_agree", noAgree);
        f.put("acct_name", acctName);
        f.put("card_no", cardNo);
        f.put("id_type", idType);
        f.put("id_no", idNo);
        return f;
    }

    /**
     * Builds an {@link EasypayPageRequest}. A builder never changes: each method answers a new one, so a partly filled
     * builder can be shared as a template.
     */
    public static final class Builder {
        private final Map<String, Object> values;

        private Builder(Map<String, Object> values) {
            this.values = values;
        }

        /** {@code user_id}: the payer's user id at the merchant, at most 32 characters. */
        public Builder userId(String userId) {
            return with("user_id", userId);
        }

        /** {@code platform}: the namespace of users shared by several merchant numbers. */
        public Builder platform(String platform) {
            return with("platform", platform);
        }

        /** {@code timestamp}: when the form is made, {@code yyyyMMddHHmmss} (Beijing); the client's clock unless set. */
        public Builder timestamp(Instant instant) {
            return with("timestamp", WireTime.dateTime(instant));
        }

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

        /** {@code name_goods}: at most 40 characters. */
        public Builder nameGoods(String nameGoods) {
            return with("name_goods", nameGoods);
        }

        /** {@code info_order}: echoed in notifications; at most 255 characters. */
        public Builder infoOrder(String infoOrder) {
            return with("info_order", infoOrder);
        }

        /** {@code money_order}: yuan with at most two decimals. */
        public Builder moneyOrder(String yuan) {
            return with("money_order", yuan);
        }

        public Builder moneyOrderFen(long fen) {
            return with("money_order", Amounts.format(fen));
        }

        public Builder notifyUrl(String notifyUrl) {
            return with("notify_url", notifyUrl);
        }

        public Builder urlReturn(String urlReturn) {
            return with("url_return", urlReturn);
        }

        /** {@code userreq_ip}: the payer's IPv4 address, with dots or underscores; the WEB form requires it. */
        public Builder userreqIp(String address) {
            return with("userreq_ip", address);
        }

        public Builder urlOrder(String urlOrder) {
            return with("url_order", urlOrder);
        }

        /** {@code valid_order}: minutes until the unpaid order closes, 1 to 999999. */
        public Builder validOrder(int minutes) {
            return with("valid_order", minutes);
        }

        /** {@code pay_type}: {@code M} a payment (the default), {@code F} a credit-card pre-authorization. */
        public Builder payType(String payType) {
            return with("pay_type", payType);
        }

        public Builder riskItem(RiskItem riskItem) {
            return with("risk_item", riskItem);
        }

        /** {@code back_url}: where the payer goes to choose another card. */
        public Builder backUrl(String backUrl) {
            return with("back_url", backUrl);
        }

        /** {@code no_agree}: a saved card; the payer then only types the SMS code. */
        public Builder noAgree(String noAgree) {
            return with("no_agree", noAgree);
        }

        /** The card the merchant already knows: shown (masked) on the gateway's page instead of asked. */
        public Builder presetCard(String cardNo, String acctName, String idType, String idNo) {
            return with("card_no", cardNo).with("acct_name", acctName).with("id_type", idType).with("id_no", idNo);
        }

        /** H5 {@code app_request}: {@code 1} Android, {@code 2} iOS, {@code 3} a phone's browser (the default). */
        public Builder appRequest(String appRequest) {
            return with("app_request", appRequest);
        }

        /** H5 {@code bg_color} and {@code font_color}: six hex digits each, or null for the gateway's own. */
        public Builder colours(String bgColor, String fontColor) {
            return with("bg_color", bgColor).with("font_color", fontColor);
        }

        /** H5 {@code syschnotify_flag}: whether the payer goes back to the merchant by itself after paying. */
        public Builder returnsByItself(boolean returnsByItself) {
            return with("returns", returnsByItself);
        }

        /** The request; throws {@link InvalidFieldException} naming the first field the gateway would refuse. */
        public EasypayPageRequest build() {
            return new EasypayPageRequest(s("user_id"), s("platform"), s("timestamp"),
                    (BusiPartner) values.get("busi_partner"), s("no_order"), s("dt_order"), s("name_goods"),
                    s("info_order"), s("money_order"), s("notify_url"), s("url_return"), s("userreq_ip"),
                    s("url_order"), (Integer) values.get("valid_order"), s("pay_type"),
                    (RiskItem) values.get("risk_item"), s("back_url"), s("no_agree"), s("card_no"), s("acct_name"),
                    s("id_type"), s("id_no"), s("app_request"), s("bg_color"), s("font_color"),
                    Boolean.TRUE.equals(values.get("returns")));
        }

        private String s(String name) {
            return (String) values.get(name);
        }

        private Builder with(String name, Object value) {
            Map<String, Object> copy = new HashMap<>(values);
            copy.put(name, value);
            return new Builder(copy);
        }
    }
}
