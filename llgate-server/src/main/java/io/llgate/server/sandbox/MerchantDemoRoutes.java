package io.llgate.server.sandbox;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import io.llgate.protocol.WireTime;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.bank.SmsChannel;
import io.llgate.server.http.FormBody;
import io.llgate.server.http.FormPost;
import io.llgate.server.http.Pages;
import io.llgate.server.http.RequestBody;
import io.llgate.server.onlinebanking.Banks;
import io.llgate.server.onlinebanking.OnlineBankingPayments;
import io.llgate.server.refund.Refunds;
import io.llgate.server.transaction.Transactions;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo merchant's web shop, served by the sandbox so a person can pay and refund in a browser at once: a
 * page to make an order, a card paid on the shop's own page through MPAY or, for an item priced in dollars or yen,
 * through exchange payment (card form, SMS code, result, sharing one page), the
 * merchant's checkout page (signed server-side with the demo merchant's key and
 * served in the charset chosen, GBK included), the merchant's two receivers ({@code url_return}, which shows
 * the posted form, whether it verifies with the gateway's key and a refund form, and {@code notify_url}, which
 * acknowledges), the shop's orders, and its refunds: applied and queried on the merchant API over HTTP, as the
 * merchant's server would. Open to browsers without the admin token, like a shop; sandbox mode only.
 */
public final class MerchantDemoRoutes implements AutoCloseable {
    public static final String PATH = "/sandbox/merchant-demo";
    private static final List<String> CHARSETS = List.of("UTF-8", "GBK", "GB2312", "GB18030");
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final Optional<DemoShop> shop;
    private final PublicKey gatewayKey;
    private final ShopNotifications notifications;
    private final Pages pages;
    private final Clock clock;
    private final Banks banks;
    private final SmsChannel sms;

    public MerchantDemoRoutes(Optional<DemoMerchant> demoMerchant, PublicKey gatewayKey, Pages pages, Clock clock,
                              OnlineBankingPayments onlineBanking, Refunds refunds, Transactions transactions,
                              SmsChannel sms) {
        this.shop = demoMerchant.map(demo -> new DemoShop(DemoMerchantClient.of(demo, gatewayKey), onlineBanking,
                refunds, transactions, clock));
        this.notifications = new ShopNotifications(gatewayKey, clock);
        this.gatewayKey = gatewayKey;
        this.pages = pages;
        this.clock = clock;
        this.banks = onlineBanking.banks();
        this.sms = sms;
    }

    public void addTo(RoutesConfig routes) {
        routes.get(PATH, pages.guarded(this::shop));
        routes.post(PATH + "/checkout", pages.guarded(this::checkout));
        routes.post(PATH + "/card-checkout", pages.guarded(this::cardCheckout));
        routes.post(PATH + "/mpay", pages.guarded(this::mpayApply));
        routes.post(PATH + "/mpay/verify", pages.guarded(this::mpayVerify));
        routes.post(PATH + "/exchange", pages.guarded(this::exchangeApply));
        routes.post(PATH + "/exchange/verify", pages.guarded(this::exchangeVerify));
        routes.post(PATH + "/return", pages.guarded(this::returned));
        routes.get(PATH + "/return", pages.guarded(this::returnedH5));
        routes.post(PATH + "/notify", this::notified);
        routes.get(PATH + "/orders", pages.guarded(this::orders));
        routes.post(PATH + "/refund", pages.guarded(this::refund));
        routes.get(PATH + "/refundquery", pages.guarded(this::refundQuery));
    }

    private void shop(Context ctx) {
        String base = baseUrl(ctx);
        pages.render(ctx, 200, "sandbox/shop.jte", new DemoShopPage(shop.map(DemoShop::oidPartner).orElse(null),
                CHARSETS, banks.all(), base + PATH + "/notify", base + PATH + "/return", DemoShop.FOREIGN_PRICES));
    }

    /** The merchant's checkout page: the signed bankgateway form, in the charset the shopper chose. */
    private void checkout(Context ctx) {
        DemoShop demo = demoShop();
        Map<String, String> order = decode(ctx, StandardCharsets.UTF_8);
        String charset = CHARSETS.stream().filter(c -> c.equals(order.get("charset"))).findFirst().orElse("UTF-8");
        Instant now = clock.instant();
        String goods = order.getOrDefault("name_goods", "");
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("charset_name", charset);
        fields.put("oid_partner", demo.oidPartner());
        fields.put("user_id", "demo_user");
        fields.put("timestamp", WireTime.dateTime(now));
        fields.put("busi_partner", "109001");
        fields.put("no_order", demo.newNumber("DEMO"));
        fields.put("dt_order", WireTime.dateTime(now));
        fields.put("name_goods", goods);
        fields.put("info_order", order.get("info_order"));
        fields.put("money_order", order.get("money_order"));
        fields.put("notify_url", order.get("notify_url"));
        fields.put("url_return", returnUrl(order.get("url_return"), charset));
        fields.put("userreq_ip", ctx.ip().matches("\\d{1,3}(\\.\\d{1,3}){3}") ? ctx.ip().replace('.', '_') : null);
        fields.put("valid_order", order.get("valid_order"));
        fields.put("bank_code", order.get("bank_code"));
        fields.put("pay_type", order.get("pay_type"));
        fields.put("risk_item", riskItem(goods));
        LinkedHashMap<String, String> signed = demo.sign(fields);
        // The page is in the merchant's charset and sets no accept-charset, so the browser encodes the form in it.
        pages.render(ctx, 200, "sandbox/checkout.jte", new DemoCheckoutPage(charset, SignSource.of(signed),
                FormPost.of("/payment/bankgateway.htm", charset, signed)), Charset.forName(charset));
    }

    /**
     * The merchant's checkout page for a card payment on the gateway's pages (20 §4, §5): the signed WEB form, or the
     * H5 form's single {@code req_data}; with a preset card or a saved card's {@code no_agree} when typed.
     */
    private void cardCheckout(Context ctx) {
        DemoShop demo = demoShop();
        Map<String, String> order = decode(ctx, StandardCharsets.UTF_8);
        boolean h5 = "H5".equals(order.get("page"));
        Instant now = clock.instant();
        String goods = order.getOrDefault("name_goods", "");
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("version", "1.0");
        fields.put("oid_partner", demo.oidPartner());
        fields.put("user_id", "demo_user");
        if (h5) {
            fields.put("app_request", "3");
            fields.put("bg_color", order.get("bg_color"));
            fields.put("syschnotify_flag", order.get("syschnotify_flag"));
        }
        fields.put("timestamp", WireTime.dateTime(now));
        fields.put("busi_partner", "109001");
        fields.put("no_order", demo.newNumber("CARD"));
        fields.put("dt_order", WireTime.dateTime(now));
        fields.put("name_goods", goods);
        fields.put("info_order", order.get("info_order"));
        fields.put("money_order", order.get("money_order"));
        fields.put("notify_url", order.get("notify_url"));
        fields.put("url_return", order.get("url_return"));
        if (!h5) {
            fields.put("userreq_ip", ctx.ip().matches("\\d{1,3}(\\.\\d{1,3}){3}") ? ctx.ip().replace('.', '_') : "127_0_0_1");
        }
        fields.put("valid_order", order.get("valid_order"));
        fields.put("pay_type", order.getOrDefault("pay_type", "M"));
        fields.put("risk_item", riskItem(goods));
        fields.put("no_agree", order.get("no_agree"));
        fields.put("card_no", order.get("card_no"));
        fields.put("acct_name", order.get("acct_name"));
        fields.put("id_type", present(order.get("id_no")) ? "0" : null);
        fields.put("id_no", order.get("id_no"));
        fields.put("back_url", present(order.get("card_no")) || present(order.get("no_agree")) ? baseUrl(ctx) + PATH : null);
        LinkedHashMap<String, String> signed = demo.sign(fields);
        FormPost form = h5 ? FormPost.of("/travlepay.htm", "UTF-8", Map.of("req_data", FlatJson.write(signed)))
                : FormPost.of("/payment/traveleasypay.htm", "UTF-8", signed);
        pages.render(ctx, 200, "sandbox/checkout.jte", new DemoCheckoutPage("UTF-8", SignSource.of(signed), form));
    }

    /**
     * The shop's own card page (MPAY, 21): its server applies with the typed card inside {@code pay_load}; an
     * {@code 8888} asks the payer for the texted code, with the sandbox phone that shows it.
     */
    private void mpayApply(Context ctx) {
        DemoShop demo = demoShop();
        String base = baseUrl(ctx);
        DemoCall apply = demo.mpayApply(base, decode(ctx, StandardCharsets.UTF_8), base + PATH + "/notify");
        renderApplied(ctx, demo, DemoCardCheckout.MPAY, apply);
    }

    /** The shop's code step: its server verifies the payer's code on {@code /v1/bankcardpay}. */
    private void mpayVerify(Context ctx) {
        DemoShop demo = demoShop();
        DemoCall verify = demo.mpayVerify(baseUrl(ctx), decode(ctx, StandardCharsets.UTF_8));
        pages.render(ctx, 200, "sandbox/cardpay.jte", new DemoCardPage(DemoCardCheckout.MPAY, verify, null));
    }

    /**
     * The shop's item priced in a foreign currency, paid by card through exchange payment (23): its server applies
     * with the typed card, and the page shows the yuan the gateway prices it at and asks for the texted code.
     */
    private void exchangeApply(Context ctx) {
        DemoShop demo = demoShop();
        String base = baseUrl(ctx);
        DemoCall apply = demo.exchangeApply(base, decode(ctx, StandardCharsets.UTF_8), base + PATH + "/notify");
        renderApplied(ctx, demo, DemoCardCheckout.EXCHANGE, apply);
    }

    /** The exchange payment's code step: the shop's server verifies the payer's code. */
    private void exchangeVerify(Context ctx) {
        DemoShop demo = demoShop();
        DemoCall verify = demo.exchangeVerify(baseUrl(ctx), decode(ctx, StandardCharsets.UTF_8));
        pages.render(ctx, 200, "sandbox/cardpay.jte", new DemoCardPage(DemoCardCheckout.EXCHANGE, verify, null));
    }

    /** An apply on the shop's card page; when a code was texted, with the sandbox phone that shows it. */
    private void renderApplied(Context ctx, DemoShop demo, DemoCardCheckout checkout, DemoCall apply) {
        String phone = checkout.codeSent(apply)
                ? sms.phonePage(demo.oidPartner(), apply.get("oid_paybill")).orElse(null) : null;
        pages.render(ctx, 200, "sandbox/cardpay.jte", new DemoCardPage(checkout, apply, phone));
    }

    /** The H5 page's return: {@code url_return?res_data=<JSON>} (20 §5.1), shown as a posted return is. */
    private void returnedH5(Context ctx) {
        showResData(ctx, Optional.ofNullable(ctx.queryParam("res_data")).orElseThrow(() -> Refusal.badField("res_data")));
    }

    /** The H5 return's {@code res_data}, whether it came in the query or, for a merchant that asked, posted. */
    private void showResData(Context ctx, String resData) {
        LinkedHashMap<String, String> fields;
        try {
            fields = FlatJson.parse(resData);
        } catch (MalformedMessageException e) {
            throw Refusal.of(RetCode.UNPARSABLE);
        }
        showReturn(ctx, "UTF-8", fields);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** The risk parameters the demo merchant sends with every order. */
    private static String riskItem(String goods) {
        LinkedHashMap<String, String> risk = new LinkedHashMap<>();
        risk.put("frms_ware_category", "4002");
        risk.put("user_info_mercht_userno", "demo_user");
        risk.put("user_info_bind_phone", "13800001111");
        risk.put("user_info_dt_register", "20240101000000");
        risk.put("goods_name", goods);
        return FlatJson.write(risk);
    }

    /**
     * The merchant's url_return: the posted fields, whether they verify with the gateway's public key and, for a
     * verified successful payment, the order as the shop's query sees it, with its refund form.
     */
    private void returned(Context ctx) {
        String charset = Optional.ofNullable(ctx.queryParam("charset")).orElse("UTF-8");
        LinkedHashMap<String, String> fields =
                decode(ctx, FormBody.decoderFor(charset).orElseThrow(() -> Refusal.badField("charset")));
        if (fields.size() == 1 && fields.containsKey("res_data")) {
            showResData(ctx, fields.get("res_data"));
            return;
        }
        showReturn(ctx, charset, fields);
    }

    /** A return as the merchant's page shows it; a card payment page's WEB return says {@code ret_code} 0000 instead. */
    private void showReturn(Context ctx, String charset, LinkedHashMap<String, String> fields) {
        boolean verified = MessageSignature.verify(gatewayKey, SignType.RSA, fields).valid();
        DemoOrder order = null;
        boolean paid = "SUCCESS".equals(fields.get("result_pay")) || "0000".equals(fields.get("ret_code"));
        if (verified && paid && fields.get("no_order") != null) {
            order = shop.flatMap(demo -> demo.order(baseUrl(ctx), fields.get("no_order"))).orElse(null);
        }
        pages.render(ctx, 200, "sandbox/return.jte", new DemoReturnPage(verified, charset,
                FormPost.of(PATH, charset, fields).fields(), order));
    }

    /** The merchant's notify_url: acknowledges a notification whose signature verifies, refuses any other. */
    private void notified(Context ctx) {
        Map<String, String> answer = notifications.receive(ctx.bodyAsBytes(), ctx.header("X-LLGate-Notification-Id"),
                ctx.header("X-LLGate-Attempt"));
        ctx.status(200).contentType("application/json;charset=UTF-8").result(FlatJson.write(answer));
    }

    /** The shop's latest orders, each queried with /llwalletapi/orderquery.htm, and its balances. */
    private void orders(Context ctx) {
        DemoShop demo = demoShop();
        String base = baseUrl(ctx);
        pages.render(ctx, 200, "sandbox/orders.jte", new DemoOrdersPage(demo.oidPartner(), demo.recentOrders(base),
                demo.balances(base), notifications.latest()));
    }

    /** Posts the refund form's refund to /exchangerefund.htm as the merchant's server, and shows the exchange. */
    private void refund(Context ctx) {
        DemoShop demo = demoShop();
        String base = baseUrl(ctx);
        DemoCall apply = demo.refund(base, decode(ctx, StandardCharsets.UTF_8), base + PATH + "/notify");
        renderRefund(ctx, demo, base, "退款申请 · Refund apply", apply);
    }

    /** Queries a refund on /refundquery.htm as the merchant's server, and shows the exchange. */
    private void refundQuery(Context ctx) {
        DemoShop demo = demoShop();
        String base = baseUrl(ctx);
        String noRefund = Optional.ofNullable(ctx.queryParam("no_refund")).orElse("");
        DemoCall query = demo.refundQuery(base, noRefund, ctx.queryParam("dt_refund"));
        renderRefund(ctx, demo, base, "退款查询 · Refund query", query);
    }

    private void renderRefund(Context ctx, DemoShop demo, String base, String heading, DemoCall call) {
        String queryLink = call.succeeded() ? DemoShop.queryLink(call.get("no_refund"), call.get("dt_refund")) : null;
        List<ReceivedNotification> received = call.succeeded() ? notifications.about(call.get("no_refund")) : List.of();
        // A refund of an exchange payment is held from the balances in the payment's currency: show those.
        String currency = call.succeeded() ? demo.refundCurrency(call.get("no_refund")) : "CNY";
        pages.render(ctx, 200, "sandbox/refund.jte", new DemoRefundPage(heading, call, demo.balances(base, currency),
                queryLink, received));
    }

    private DemoShop demoShop() {
        return shop.orElseThrow(() -> Refusal.of(RetCode.ILLEGAL_MERCHANT, "oid_partner"));
    }

    /** Closes the shop's HTTP client. */
    @Override
    public void close() {
        shop.ifPresent(DemoShop::close);
    }

    /** The demo receiver learns the charset from its address; any other url_return is used as typed. */
    private static String returnUrl(String typed, String charset) {
        if (typed == null || typed.isBlank() || !typed.endsWith(PATH + "/return") || charset.equals("UTF-8")) {
            return typed;
        }
        return typed + "?charset=" + charset;
    }

    private static LinkedHashMap<String, String> decode(Context ctx, Charset charset) {
        try {
            return FormBody.parse(RequestBody.read(ctx, MAX_FORM_BYTES)).decode(charset);
        } catch (CharacterCodingException e) {
            throw Refusal.badField("charset");
        }
    }

    private static String baseUrl(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }
}
