package io.llgate.server.easypay;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.RetCode;
import io.llgate.server.bank.CardBank;
import io.llgate.server.bank.SmsChannel;
import io.llgate.server.card.CardFields;
import io.llgate.server.card.CardHolder;
import io.llgate.server.card.IdType;
import io.llgate.server.easypay.HostedPaymentRequest.Look;
import io.llgate.server.easypay.HostedPaymentRequest.Preset;
import io.llgate.server.easypay.HostedPaymentRequest.Style;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.AdminInput;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.Json;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.FormBody;
import io.llgate.server.http.FormPost;
import io.llgate.server.http.MerchantChecks;
import io.llgate.server.http.MessagePage;
import io.llgate.server.http.Pages;
import io.llgate.server.http.PayerOrder;
import io.llgate.server.http.RequestBody;
import io.llgate.server.http.ReturnPage;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.kernel.RiskItem;
import io.llgate.server.merchant.Merchant;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.security.CardVault;
import io.llgate.server.security.MerchantUrlGuard;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's card payment pages (20 §1a, §1b): the merchant page's WEB form ({@code /payment/traveleasypay.htm})
 * or H5 form ({@code /travlepay.htm}, {@code req_data}), then the payer's pages: bank, card details, SMS code, result,
 * and the single-use return to {@code url_return}. Each page works without scripts. A refused form is the error page
 * with the return code and the field at fault; it creates nothing.
 */
public final class HostedPaymentRoutes {
    private static final Logger log = LoggerFactory.getLogger(HostedPaymentRoutes.class);
    static final String WEB_PATH = "/payment/traveleasypay.htm";
    static final String H5_PATH = "/travlepay.htm";
    /** E1: the H5 path as it would be spelt without LianLian's transposed letters. */
    static final String H5_ALIAS = "/travelpay.htm";
    private static final String HEADER = "LLGate 快捷支付";
    private static final Set<String> PAY_TYPES = Set.of("M", "F", "N");

    private final HostedPayments payments;
    private final MerchantChecks checks;
    private final Pages pages;
    private final Clock clock;
    private final int maxBodyBytes;
    private final MerchantUrlGuard urlGuard;
    private final Merchants merchants;
    private final SmsChannel sms;

    public HostedPaymentRoutes(HostedPayments payments, MerchantChecks checks, Pages pages, Clock clock,
                               int maxBodyBytes, MerchantUrlGuard urlGuard, Merchants merchants, SmsChannel sms) {
        this.merchants = merchants;
        this.sms = sms;
        this.payments = payments;
        this.checks = checks;
        this.pages = pages;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.urlGuard = urlGuard;
    }

    public void addTo(RoutesConfig routes) {
        routes.post(WEB_PATH, pages.guarded(ctx -> start(ctx, Style.WEB, webFields(body(ctx)))));
        routes.post(H5_PATH, pages.guarded(ctx -> start(ctx, Style.H5, h5Fields(body(ctx)))));
        routes.post(H5_ALIAS, pages.guarded(ctx -> start(ctx, Style.H5, h5Fields(body(ctx)))));
        routes.get(HostedPaths.PAGE, pages.guarded(this::page));
        routes.post(HostedPaths.PAGE + "/bank", pages.guarded(this::chooseBank));
        routes.post(HostedPaths.PAGE + "/card", pages.guarded(this::submitCard));
        routes.post(HostedPaths.PAGE + "/code", pages.guarded(this::submitCode));
        routes.post(HostedPaths.PAGE + "/resend", pages.guarded(this::resend));
        routes.get(HostedPaths.RETURN, pages.guarded(this::returnToMerchant));
    }

    /**
     * The operator's setting of how a merchant's H5 return travels (E4): {@code GET} (the default,
     * {@code url_return?res_data=...}) or {@code POST} (an auto-submitted form carrying {@code res_data}).
     */
    public void addAdminTo(RoutesConfig routes) {
        routes.get("/admin/merchants/{oid}/easypay-h5-return", ctx -> Json.write(ctx, 200,
                h5Return(payments.postsH5Return(merchant(ctx).id()))));
        routes.post("/admin/merchants/{oid}/easypay-h5-return", ctx -> {
            Merchant merchant = merchant(ctx);
            String method = AdminInput.body(ctx).required("method", 4).toUpperCase(Locale.ROOT);
            if (!method.equals("GET") && !method.equals("POST")) {
                throw new AdminException(400, "method must be GET or POST");
            }
            payments.setH5ReturnPost(merchant.id(), method.equals("POST"));
            Json.write(ctx, 200, h5Return(method.equals("POST")));
        });
    }

    private Merchant merchant(Context ctx) {
        String oid = ctx.pathParam("oid");
        return merchants.find(oid).orElseThrow(() -> new AdminException(404, "no merchant " + oid));
    }

    private static Map<String, String> h5Return(boolean post) {
        return Map.of("method", post ? "POST" : "GET");
    }

    // ---- the merchant page's form ----

    private void start(Context ctx, Style style, Map<String, String> fields) {
        Merchant merchant = checks.identify(fields);
        // The form comes from the payer's browser, not the merchant's servers: the IP allow-list does not apply.
        checks.admit(merchant, Optional.empty());
        ApiRequest request = checks.verify(merchant, fields, EasypayProduct.IDENTITY);
        HostedPaymentRequest order = request(style, request, clock.instant(), urlGuard);
        HostedPage page = payments.start(merchant, order);
        log.info("card payment page {} of {} ({}, {}) opened", page.id(), merchant.oidPartner(), order.noOrder(), style);
        ctx.redirect(HostedPaths.page(page), HttpStatus.SEE_OTHER);
    }

    private byte[] body(Context ctx) {
        return RequestBody.read(ctx, maxBodyBytes);
    }

    /** The WEB form: one field per input, in UTF-8, which the merchant's page must declare (20 §2). */
    static Map<String, String> webFields(byte[] body) {
        try {
            return FormBody.parse(body).decode(StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw Refusal.of(RetCode.UNPARSABLE);
        }
    }

    /** The H5 form: one input, {@code req_data}, holding every field as a JSON object; 1012 when it is no JSON object. */
    static Map<String, String> h5Fields(byte[] body) {
        String reqData = webFields(body).entrySet().stream()
                .filter(e -> e.getKey().trim().equals("req_data"))
                .map(Map.Entry::getValue)
                .filter(v -> !v.isBlank())
                .findFirst()
                .orElseThrow(() -> Refusal.badField("req_data"));
        try {
            return FlatJson.parse(reqData);
        } catch (MalformedMessageException e) {
            throw Refusal.of(RetCode.UNPARSABLE);
        }
    }

    /**
     * Checks the fields in the order of the spec's tables (20 §4 WEB, §5 H5) with the tolerances of E5: field names
     * trimmed, {@code version} 1.0 when absent, {@code userreq_ip} written with dots accepted; E13: {@code pay_type}
     * {@code N} is {@code M}, and the value sent is kept to be echoed.
     */
    static HostedPaymentRequest request(Style style, ApiRequest r, Instant now, MerchantUrlGuard urlGuard) {
        FieldChecks.version(r, "version", false, Set.of("1.0"));
        Optional<String> platform = FieldChecks.optionalText(r, "platform", 32);
        String userId = FieldChecks.text(r, "user_id", 32);
        Look look = style == Style.WEB ? Look.WEB : look(r);
        FieldChecks.recentTimestamp(r, "timestamp", now);
        String busiPartner = FieldChecks.matching(r, "busi_partner", "101001|109001");
        String noOrder = FieldChecks.text(r, "no_order", 32);
        String dtOrder = FieldChecks.dateTime(r, "dt_order");
        String nameGoods = FieldChecks.text(r, "name_goods", 40);
        Optional<String> infoOrder = FieldChecks.optionalText(r, "info_order", 255);
        long money = FieldChecks.amount(r, "money_order");
        String notifyUrl = FieldChecks.url(r, "notify_url", 128, urlGuard);
        Optional<String> urlReturn = FieldChecks.optionalUrl(r, "url_return", 128, urlGuard);
        Optional<String> userreqIp = Optional.empty();
        Optional<String> urlOrder = Optional.empty();
        if (style == Style.WEB) {
            String ip = r.required("userreq_ip").trim();
            if (!ip.matches("\\d{1,3}([._]\\d{1,3}){3}")) {
                throw Refusal.badField("userreq_ip");
            }
            userreqIp = Optional.of(ip.replace('.', '_'));
            urlOrder = FieldChecks.optionalText(r, "url_order", 255);
        }
        Optional<String> backUrl = FieldChecks.optionalUrl(r, "back_url", 128);
        int validOrder = FieldChecks.validOrder(r, EasypayRoutes.DEFAULT_VALID_ORDER_MINUTES);
        String payType = r.required("pay_type").trim();
        if (!PAY_TYPES.contains(payType)) {
            throw Refusal.badField("pay_type");
        }
        String riskItem = r.required("risk_item");
        RiskItem.parse(riskItem);
        return new HostedPaymentRequest(style, noOrder, dtOrder, money, userId, platform, busiPartner, nameGoods,
                infoOrder, notifyUrl, urlReturn, urlOrder, userreqIp, validOrder, payType, riskItem, preset(r),
                backUrl, look);
    }

    /** The H5 page's look: {@code app_request} 1–3, colours as six hex digits, {@code syschnotify_flag} 0 or 1. */
    private static Look look(ApiRequest r) {
        String appRequest = FieldChecks.matching(r, "app_request", "[123]");
        Optional<String> background = colour(r, "bg_color");
        Optional<String> font = colour(r, "font_color");
        String flag = r.optional("syschnotify_flag").orElse("0");
        if (!flag.matches("[01]")) {
            throw Refusal.badField("syschnotify_flag");
        }
        return new Look(background, font, flag.equals("1"), appRequest);
    }

    private static Optional<String> colour(ApiRequest r, String name) {
        Optional<String> value = r.optional(name);
        if (value.isPresent() && !value.get().matches("[0-9a-fA-F]{6}")) {
            throw Refusal.badField(name);
        }
        return value;
    }

    /**
     * The preset card (E2), each field checked as the direct API checks it; with a {@code no_agree} the other four are
     * ignored (20 §5); an {@code id_no} is checked against its {@code id_type} (a PRC ID card when absent).
     */
    private static Preset preset(ApiRequest r) {
        Optional<String> noAgree = r.optional(CardFields.NO_AGREE).map(CardFields::noAgree);
        if (noAgree.isPresent()) {
            return new Preset(noAgree, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<String> cardNo = r.optional(CardFields.CARD_NO).map(v -> CardFields.cardNo(v.replace(" ", "")));
        Optional<String> acctName = r.optional(CardFields.ACCT_NAME).map(CardFields::acctName);
        Optional<IdType> idType = r.optional(CardFields.ID_TYPE).map(CardFields::idType);
        Optional<String> idNo = r.optional(CardFields.ID_NO)
                .map(v -> CardFields.idNo(idType.orElse(IdType.PRC_ID_CARD), v));
        return new Preset(Optional.empty(), cardNo, acctName, idType.map(IdType::code), idNo);
    }

    // ---- the payer's pages ----

    /** What every page of a payment shows: the header, the merchant's colours (H5), the order and a notice. */
    public record Frame(String header, String colours, PayerOrder order, String notice) {
    }

    /** The banks of one kind of card. */
    public record BankGroup(String kind, String label, List<BankChoice> banks) {
    }

    /** A bank the payer can pay with. */
    public record BankChoice(String bankCode, String bankName) {
    }

    /** The first page: which bank's card, debit or credit. */
    public record BankPage(Frame frame, List<BankGroup> groups, String action) {
    }

    /**
     * The card details page; preset values are shown (masked) instead of asked.
     *
     * @param cardNo     the preset card number, masked, or null to ask for it
     * @param acctName   the preset or last typed name, or null
     * @param presetName whether the name is preset (shown, not asked)
     * @param idNo       the preset ID number, masked, or null to ask for it
     */
    public record CardPage(Frame frame, String bankName, boolean credit, String cardNo, String acctName,
                           boolean presetName, String idNo, String action, String backUrl) {
    }

    /**
     * The SMS code page: where the code went (masked), the code, and a resend; {@code phonePage} is where the payer
     * reads the texts without a phone, when the SMS channel has such a page (the sandbox's), else null.
     */
    public record CodePage(Frame frame, String cardNo, String mobile, String action, String resendAction,
                           String backUrl, String phonePage) {
    }

    /** The page the payment stands at: bank, card, code or the result. */
    private void page(Context ctx) {
        render(ctx, 200, payments.shown(ctx.pathParam("token")), null);
    }

    private void render(Context ctx, int status, HostedPayments.Shown shown, String notice) {
        HostedPage page = shown.page();
        PayerOrder order = view(shown);
        String colours = colours(page.request().look());
        Frame frame = new Frame(HEADER, colours, order, notice);
        String backUrl = page.request().backUrl().orElse(null);
        Preset preset = page.request().preset();
        switch (shown.step()) {
            case BANK -> pages.render(ctx, status, "easypay/bank.jte", new BankPage(frame, bankGroups(shown),
                    HostedPaths.page(page) + "/bank"));
            case CARD -> pages.render(ctx, status, "easypay/card.jte", new CardPage(frame, shown.bankName(),
                    page.credit(), preset.cardNo().map(CardVault::mask).orElse(null),
                    preset.acctName().or(shown::typedName).orElse(null), preset.acctName().isPresent(),
                    preset.idNo().map(CardHolder::maskIdNo).orElse(null), HostedPaths.page(page) + "/card", backUrl));
            case CODE -> {
                if (shown.charging()) {
                    pages.render(ctx, status, "payer/message.jte", new MessagePage(HEADER, "gateway", colours,
                            "银行处理中 Processing", "银行正在处理扣款，结果会通知商户。The bank is charging the card; the merchant "
                            + "will be told the result.", true, order, null));
                    return;
                }
                String phonePage = shown.order().flatMap(o -> sms.phonePage(shown.merchant().oidPartner(), o.oidPaybill()))
                        .orElse(null);
                pages.render(ctx, status, "easypay/code.jte", new CodePage(frame, page.cardMask(), page.mobileMask(),
                        HostedPaths.page(page) + "/code", HostedPaths.page(page) + "/resend", backUrl, phonePage));
            }
            case PAID -> pages.render(ctx, status, "payer/message.jte", new MessagePage(HEADER, "gateway", colours,
                    "支付成功 Paid", "款项已付给商户，商户会收到支付结果通知。The merchant has been paid and notified.", true,
                    order, page.returnToken() == null || page.returned() ? null
                            : new MessagePage.Link(HostedPaths.returnToMerchant(page), "返回商户 Back to the merchant")));
            case FAILED -> pages.render(ctx, status, "payer/message.jte", new MessagePage(HEADER, "gateway", colours,
                    "支付失败 Payment failed", page.failure(), false, order,
                    page.request().backUrl().map(u -> new MessagePage.Link(u, "更换银行卡 Use another card")).orElse(null)));
            case CLOSED -> pages.render(ctx, status, "payer/message.jte", new MessagePage(HEADER, "gateway", colours,
                    "订单已关闭 Order closed", "订单超过有效期未支付，已关闭。The order was not paid in time.", false, order,
                    null));
        }
    }

    /** The banks by kind of card: debit, then credit; a pre-authorization offers credit cards only. */
    private static List<BankGroup> bankGroups(HostedPayments.Shown shown) {
        List<BankGroup> groups = new ArrayList<>();
        if (!shown.page().request().preAuthorization()) {
            groups.add(new BankGroup(HostedPayments.DEBIT, "储蓄卡 Debit card", shown.banks().stream()
                    .filter(CardBank::debit).map(b -> new BankChoice(b.bankCode(), b.bankName())).toList()));
        }
        groups.add(new BankGroup(HostedPayments.CREDIT, "信用卡 Credit card", shown.banks().stream()
                .filter(CardBank::credit).map(b -> new BankChoice(b.bankCode(), b.bankName())).toList()));
        return groups;
    }

    /** The order as the payer's pages show it: the easypay order's number once applied for. */
    private static PayerOrder view(HostedPayments.Shown shown) {
        HostedPaymentRequest r = shown.page().request();
        return PayerOrder.of(shown.merchant().name(), shown.merchant().oidPartner(), r.noOrder(),
                shown.order().map(EasypayOrder::oidPaybill).orElse(null), r.moneyOrder(), r.nameGoods(),
                r.infoOrder().orElse(null), shown.page().expiresAt());
    }

    private void chooseBank(Context ctx) {
        String token = ctx.pathParam("token");
        String[] choice = webFields(body(ctx)).getOrDefault("bank", "").split(":", 2);
        if (choice.length != 2) {
            render(ctx, 400, payments.shown(token), "请选择付款银行。Please choose a bank.");
            return;
        }
        try {
            payments.chooseBank(token, choice[0], choice[1]);
        } catch (Refusal e) {
            render(ctx, 400, payments.shown(token), notice(e));
            return;
        }
        ctx.redirect(HostedPaths.page(token), HttpStatus.SEE_OTHER);
    }

    /** The card details: the order is applied for and the SMS sent; a refusal shows the page again, saying why. */
    private void submitCard(Context ctx) {
        String token = ctx.pathParam("token");
        Map<String, String> form = webFields(body(ctx));
        HostedPayments.CardDetails card = new HostedPayments.CardDetails(field(form, "card_no").map(v -> v.replace(" ", "")),
                field(form, "acct_name"), field(form, "id_type"), field(form, "id_no"), field(form, "bind_mob"),
                field(form, "vali_date"), field(form, "cvv2"));
        try {
            payments.submitCard(token, card);
        } catch (Refusal e) {
            refused(ctx, token, e, card.acctName());
            return;
        }
        ctx.redirect(HostedPaths.page(token), HttpStatus.SEE_OTHER);
    }

    /** The SMS code: a wrong code shows the page again; a right one pays, and the payer goes back or sees the result. */
    private void submitCode(Context ctx) {
        String token = ctx.pathParam("token");
        String code = field(webFields(body(ctx)), "verify_code").orElse("");
        HostedPage paid;
        try {
            paid = payments.verify(token, code);
        } catch (Refusal e) {
            refused(ctx, token, e, Optional.empty());
            return;
        }
        boolean backAtOnce = paid.returnToken() != null && paid.request().look().returnsByItself();
        ctx.redirect(backAtOnce ? HostedPaths.returnToMerchant(paid) : HostedPaths.page(paid), HttpStatus.SEE_OTHER);
    }

    private void resend(Context ctx) {
        String token = ctx.pathParam("token");
        try {
            payments.resend(token);
        } catch (Refusal e) {
            refused(ctx, token, e, Optional.empty());
            return;
        }
        ctx.redirect(HostedPaths.page(token), HttpStatus.SEE_OTHER);
    }

    /**
     * The first visit takes the signed synchronous notification to url_return: WEB as a form post (20 §4.1), H5 as
     * {@code url_return?res_data=...} (§5.1), or as a posted {@code res_data} for a merchant that asked for it (E4).
     * Every later visit only says so.
     */
    private void returnToMerchant(Context ctx) {
        HostedPayments.ReturnVisit visit = payments.returnVisit(ctx.pathParam("token"))
                .orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        HostedPage page = visit.page();
        String colours = colours(page.request().look());
        HostedPaymentRequest r = page.request();
        PayerOrder order = PayerOrder.of(visit.merchant().name(), visit.merchant().oidPartner(), r.noOrder(),
                visit.order().oidPaybill(), r.moneyOrder(), r.nameGoods(), r.infoOrder().orElse(null), page.expiresAt());
        if (visit.message().isEmpty()) {
            pages.render(ctx, 200, "payer/message.jte", new MessagePage(HEADER, "gateway", colours,
                    "已返回商户 Returned", "支付结果已经送回商户网站，不会再次提交。请到商户网站查看订单。"
                    + "The result went back to the merchant once and is not sent again.", true, order, null));
            return;
        }
        Map<String, String> message = visit.message().get();
        String urlReturn = page.request().urlReturn().orElseThrow();
        if (page.request().style() == Style.H5) {
            String resData = FlatJson.write(message);
            if (!visit.postH5()) {
                ctx.redirect(HostedPaths.withResData(urlReturn, resData), HttpStatus.SEE_OTHER);
                return;
            }
            message = Map.of("res_data", resData);
        }
        pages.render(ctx, 200, "payer/return.jte", new ReturnPage(HEADER, colours, order,
                FormPost.of(urlReturn, "UTF-8", message)));
    }

    /**
     * A payer's submission refused: the page again, saying why (with the name typed, if any); or, when the payment got
     * paid, failed or closed meanwhile, the page that says which.
     */
    private void refused(Context ctx, String token, Refusal e, Optional<String> typedName) {
        if (payments.stillAsking(token)) {
            render(ctx, 400, payments.shown(token, typedName), notice(e));
        } else {
            ctx.redirect(HostedPaths.page(token), HttpStatus.SEE_OTHER);
        }
    }

    private static Optional<String> field(Map<String, String> form, String name) {
        return Optional.ofNullable(form.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** A refusal as the payer reads it on the page: the message, the return code and the field. */
    private static String notice(Refusal e) {
        return e.retMsg() + "（" + e.code().code() + "）";
    }

    /** The merchant's H5 colours as the CSS custom properties the layout reads; null for the gateway's own. */
    private static String colours(Look look) {
        StringBuilder css = new StringBuilder();
        look.background().ifPresent(c -> css.append("--accent:#").append(c).append(";--accent-dark:#").append(c).append(';'));
        look.font().ifPresent(c -> css.append("--bar-ink:#").append(c).append(';'));
        return css.isEmpty() ? null : css.toString();
    }
}
