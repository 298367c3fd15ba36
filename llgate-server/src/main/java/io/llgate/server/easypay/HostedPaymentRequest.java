package io.llgate.server.easypay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A checked order from the merchant's page for the gateway's card payment pages (20 §4, §5): the order, what the
 * merchant already knows of the payer's card (the preset flow, 20 §1b), and how the pages look and return.
 *
 * @param style        the WEB page (PC, form fields) or the H5 page (phone, {@code req_data})
 * @param payType      {@code pay_type} as requested ({@code M}, {@code F} or {@code N}), echoed in every output (E13)
 * @param preset       the card the merchant names, if any
 * @param backUrl      where the payer goes to choose another card (preset flow only)
 * @param look         the H5 page's colours and return; WEB pages use the defaults
 */
public record HostedPaymentRequest(
        Style style,
        String noOrder,
        String dtOrder,
        long moneyOrder,
        String userId,
        Optional<String> platform,
        String busiPartner,
        String nameGoods,
        Optional<String> infoOrder,
        String notifyUrl,
        Optional<String> urlReturn,
        Optional<String> urlOrder,
        Optional<String> userreqIp,
        int validOrderMinutes,
        String payType,
        String riskItem,
        Preset preset,
        Optional<String> backUrl,
        Look look) {

    /** Which of the two hosted pages the order came to. */
    public enum Style {
        /** {@code /payment/traveleasypay.htm}: the PC page; returns by a signed form post. */
        WEB,
        /** {@code /travlepay.htm}: the phone page; returns with {@code url_return?res_data=...}. */
        H5
    }

    /** The request as flat fields, the wire's names where it has them, for keeping it until the order is applied for. */
    public LinkedHashMap<String, String> fields() {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("style", style.name());
        f.put("no_order", noOrder);
        f.put("dt_order", dtOrder);
        f.put("money_order", Long.toString(moneyOrder));
        f.put("user_id", userId);
        f.put("platform", platform.orElse(null));
        f.put("busi_partner", busiPartner);
        f.put("name_goods", nameGoods);
        f.put("info_order", infoOrder.orElse(null));
        f.put("notify_url", notifyUrl);
        f.put("url_return", urlReturn.orElse(null));
        f.put("url_order", urlOrder.orElse(null));
        f.put("userreq_ip", userreqIp.orElse(null));
        f.put("valid_order", Integer.toString(validOrderMinutes));
        f.put("pay_type", payType);
        f.put("risk_item", riskItem);
        f.put("no_agree", preset.noAgree().orElse(null));
        f.put("card_no", preset.cardNo().orElse(null));
        f.put("acct_name", preset.acctName().orElse(null));
        f.put("id_type", preset.idType().orElse(null));
        f.put("id_no", preset.idNo().orElse(null));
        f.put("back_url", backUrl.orElse(null));
        f.put("bg_color", look.background().orElse(null));
        f.put("font_color", look.font().orElse(null));
        f.put("syschnotify_flag", look.returnsByItself() ? "1" : "0");
        f.put("app_request", look.appRequest());
        return f;
    }

    /** The request {@link #fields()} wrote. */
    public static HostedPaymentRequest ofFields(Map<String, String> f) {
        return new HostedPaymentRequest(Style.valueOf(f.get("style")), f.get("no_order"), f.get("dt_order"),
                Long.parseLong(f.get("money_order")), f.get("user_id"), opt(f, "platform"), f.get("busi_partner"),
                f.get("name_goods"), opt(f, "info_order"), f.get("notify_url"), opt(f, "url_return"),
                opt(f, "url_order"), opt(f, "userreq_ip"), Integer.parseInt(f.get("valid_order")), f.get("pay_type"),
                f.get("risk_item"), new Preset(opt(f, "no_agree"), opt(f, "card_no"), opt(f, "acct_name"),
                opt(f, "id_type"), opt(f, "id_no")), opt(f, "back_url"),
                new Look(opt(f, "bg_color"), opt(f, "font_color"), "1".equals(f.get("syschnotify_flag")),
                        f.get("app_request")));
    }

    private static Optional<String> opt(Map<String, String> f, String name) {
        return Optional.ofNullable(f.get(name));
    }

    /** Whether the payment is a credit-card pre-authorization ({@code pay_type=F}). */
    public boolean preAuthorization() {
        return payType.equals("F");
    }

    /**
     * The card the merchant already knows (20 §1b): a saved card's {@code no_agree}, which makes every other preset
     * ignored, or any of card number, name and ID, which the payer then cannot change.
     */
    public record Preset(Optional<String> noAgree, Optional<String> cardNo, Optional<String> acctName,
                         Optional<String> idType, Optional<String> idNo) {
        public static final Preset NONE = new Preset(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        public boolean savedCard() {
            return noAgree.isPresent();
        }
    }

    /**
     * How the H5 page looks and goes back: colours as six hex digits, and whether the payer goes back to the
     * merchant by itself after paying ({@code syschnotify_flag=1}) or with the return button only.
     */
    public record Look(Optional<String> background, Optional<String> font, boolean returnsByItself, String appRequest) {
        public static final Look WEB = new Look(Optional.empty(), Optional.empty(), true, null);
    }
}
