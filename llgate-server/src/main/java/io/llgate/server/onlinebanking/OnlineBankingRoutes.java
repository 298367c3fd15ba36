package io.llgate.server.onlinebanking;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignSource;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.kernel.RiskItem;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.security.MerchantUrlGuard;
import io.llgate.server.http.FormBody;
import io.llgate.server.http.FormPost;
import io.llgate.server.http.MerchantChecks;
import io.llgate.server.http.MessagePage;
import io.llgate.server.http.PayerOrder;
import io.llgate.server.http.Pages;
import io.llgate.server.http.RequestBody;
import io.llgate.server.http.ReturnPage;
import io.llgate.server.merchant.Merchant;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
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
 * The payer's side of online banking: the merchant page's form post to {@code /payment/bankgateway.htm},
 * the cashier, the result page and the single-use return to the merchant's {@code url_return}.
 * A refusal is an HTML page with the return code and the field at fault; it creates no order.
 */
public final class OnlineBankingRoutes {
    private static final Logger log = LoggerFactory.getLogger(OnlineBankingRoutes.class);
    private static final int DEFAULT_VALID_ORDER_MINUTES = 10_080;
    private static final String HEADER = "LLGate 网银支付";

    private final OnlineBankingPayments payments;
    private final MerchantChecks checks;
    private final Pages pages;
    private final Clock clock;
    private final int maxBodyBytes;
    private final MerchantUrlGuard urlGuard;

    public OnlineBankingRoutes(OnlineBankingPayments payments, MerchantChecks checks, Pages pages, Clock clock,
                               int maxBodyBytes, MerchantUrlGuard urlGuard) {
        this.payments = payments;
        this.checks = checks;
        this.pages = pages;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.urlGuard = urlGuard;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/payment/bankgateway.htm", pages.guarded(this::pay));
        routes.get("/payment/cashier/{token}", pages.guarded(this::cashier));
        routes.post("/payment/cashier/{token}", pages.guarded(this::chooseBank));
        routes.get("/payment/result/{token}", pages.guarded(this::result));
        routes.get("/payment/return/{token}", pages.guarded(this::returnToMerchant));
    }

    /** The merchant page's form: checked, then the order is created and the payer goes on to the cashier or the bank. */
    private void pay(Context ctx) {
        Map<String, String> fields = formFields(RequestBody.read(ctx, maxBodyBytes));
        Merchant merchant = checks.identify(fields);
        // The form comes from the payer's browser, not the merchant's servers: the IP allow-list does not apply.
        checks.admit(merchant, Optional.empty());
        ApiRequest request = checks.verify(merchant, fields, OnlineBankingProduct.IDENTITY);
        PaymentRequest payment = paymentRequest(request, clock.instant(), payments.banks(), urlGuard);
        OnlineBankingOrder order = payments.start(merchant, payment);
        log.info("online banking order {} of {} ({}) waits for payment", order.oidPaybill(), merchant.oidPartner(),
                order.noOrder());
        ctx.redirect(payments.payerPage(merchant, order), HttpStatus.SEE_OTHER);
    }

    private void cashier(Context ctx) {
        MerchantOrder order = payments.waiting(ctx.pathParam("token"));
        pages.render(ctx, 200, "onlinebanking/cashier.jte", cashierPage(order, null));
    }

    private void chooseBank(Context ctx) {
        MerchantOrder order = payments.waiting(ctx.pathParam("token"));
        String choice = formFields(RequestBody.read(ctx, maxBodyBytes)).getOrDefault("bank", "");
        String[] parts = choice.split(":", 2);
        Optional<PayType> type = PayType.byCode(parts[0]);
        if (parts.length != 2 || type.isEmpty()) {
            pages.render(ctx, 400, "onlinebanking/cashier.jte", cashierPage(order, "请选择付款银行。"));
            return;
        }
        ctx.redirect(payments.chooseBank(order.order().payToken(), type.get(), parts[1]), HttpStatus.SEE_OTHER);
    }

    private void result(Context ctx) {
        MerchantOrder order = payments.byPayToken(ctx.pathParam("token"))
                .orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        OnlineBankingStatus status = order.order().statusAt(clock.instant());
        if (status == OnlineBankingStatus.WAITING) {
            ctx.redirect(PayerPages.cashier(order.order()), HttpStatus.SEE_OTHER);
            return;
        }
        pages.render(ctx, 200, "payer/message.jte", switch (status) {
            case SUCCESS -> gatewayMessage("支付成功", "款项已付给商户，商户会收到支付结果通知。", true, order);
            case FAILURE -> gatewayMessage("支付失败", "银行未完成扣款，本订单未支付。", false, order);
            default -> gatewayMessage("订单已关闭", "订单超过有效期未支付，已关闭。", false, order);
        });
    }

    /** The first visit posts the signed synchronous notification to url_return; every later one only says so. */
    private void returnToMerchant(Context ctx) {
        OnlineBankingPayments.ReturnVisit visit = payments.returnVisit(ctx.pathParam("token"))
                .orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        MerchantOrder order = visit.order();
        if (visit.syncReturn().isEmpty()) {
            pages.render(ctx, 200, "payer/message.jte", gatewayMessage("已返回商户",
                    "支付结果已经送回商户网站，不会再次提交。请到商户网站查看订单。", true, order));
            return;
        }
        FormPost form = FormPost.of(order.order().urlReturn(), order.order().charsetName(), visit.syncReturn().get());
        pages.render(ctx, 200, "payer/return.jte", new ReturnPage(HEADER, null, view(order), form));
    }

    /** The cashier: the order and the banks to choose from, grouped by kind of online banking. */
    public record CashierPage(PayerOrder order, List<Group> groups, String action, String notice) {

        /** The banks of one kind ({@code pay_type}). */
        public record Group(String payType, String label, List<Bank> banks) {
        }
    }

    private static PayerOrder view(MerchantOrder shown) {
        OnlineBankingOrder order = shown.order();
        return PayerOrder.of(shown.merchant().name(), shown.oidPartner(), order.noOrder(), order.oidPaybill(),
                order.moneyOrder(), order.nameGoods(), order.infoOrder(), order.expiresAt());
    }

    private static MessagePage gatewayMessage(String heading, String text, boolean success, MerchantOrder order) {
        return new MessagePage(HEADER, "gateway", heading, text, success, view(order));
    }

    private CashierPage cashierPage(MerchantOrder order, String notice) {
        Banks banks = payments.banks();
        List<CashierPage.Group> groups = new ArrayList<>();
        for (PayType type : PayType.values()) {
            if (order.order().requestedPayTypeIfAny().map(type::equals).orElse(true)) {
                groups.add(new CashierPage.Group(type.code(), type.label(), banks.offering(type)));
            }
        }
        return new CashierPage(view(order), groups, PayerPages.cashier(order.order()), notice);
    }

    /**
     * The form's fields, decoded in the charset its {@code charset_name} declares (UTF-8 when absent, O1);
     * 1004 (charset_name) for another charset or bytes that are not text in the declared one.
     */
    static Map<String, String> formFields(byte[] body) {
        FormBody form = FormBody.parse(body);
        // A3b: LianLian's demo writes a missing field as the text null, which means absent.
        String declared = form.ascii("charset_name").filter(v -> !v.isBlank() && !SignSource.isAbsent(v)).orElse("UTF-8");
        Charset charset = FormBody.decoderFor(declared).orElseThrow(() -> Refusal.badField("charset_name"));
        try {
            return form.decode(charset);
        } catch (CharacterCodingException e) {
            throw Refusal.badField("charset_name");
        }
    }

    /** Checks the form's fields in the order of the spec's table (11 §1) and the tolerances of its Ambiguities. */
    static PaymentRequest paymentRequest(ApiRequest r, Instant now, Banks banks, MerchantUrlGuard urlGuard) {
        FieldChecks.version(r, "version", true, Set.of("1.0"));
        String charsetName = r.optional("charset_name").map(v -> v.trim().toUpperCase(Locale.ROOT)).orElse("UTF-8");
        // A name that is not ASCII was read as absent to decode the form (UTF-8); it is still no charset we know.
        if (FormBody.decoderFor(charsetName).isEmpty()) {
            throw Refusal.badField("charset_name");
        }
        String userId = FieldChecks.text(r, "user_id", 32);
        FieldChecks.recentTimestamp(r, "timestamp", now);
        String busiPartner = FieldChecks.matching(r, "busi_partner", "101001|109001");
        String noOrder = FieldChecks.text(r, "no_order", 32);
        String dtOrder = FieldChecks.dateTime(r, "dt_order");
        String nameGoods = FieldChecks.text(r, "name_goods", 40);
        Optional<String> infoOrder = FieldChecks.optionalText(r, "info_order", 255);
        long money = FieldChecks.amount(r, "money_order");
        // Production mode refuses addresses inside the gateway's network: 1004 naming the field.
        String notifyUrl = FieldChecks.url(r, "notify_url", 128, urlGuard);
        Optional<String> urlReturn = FieldChecks.optionalUrl(r, "url_return", 128, urlGuard);
        // O1: a payer address in another form (the doc sample writes *_*_*_*) is ignored, not refused.
        Optional<String> userreqIp = r.optional("userreq_ip").filter(v -> v.matches("\\d{1,3}(_\\d{1,3}){3}"));
        Optional<String> urlOrder = FieldChecks.optionalText(r, "url_order", 255);
        int validOrder = FieldChecks.validOrder(r, DEFAULT_VALID_ORDER_MINUTES);
        Optional<PayType> payType = payType(r);
        Optional<String> bankCode = r.optional("bank_code").map(code -> {
            if (!code.matches("\\d{8,18}")) {
                throw Refusal.badField("bank_code");
            }
            // O5: a bank without a kind is personal debit-card online banking.
            banks.find(code).filter(bank -> bank.offers(payType.orElse(PayType.DEBIT)))
                    .orElseThrow(() -> Refusal.of(RetCode.BANK_NOT_SUPPORTED_CHOOSE_ANOTHER, "bank_code"));
            return code;
        });
        RiskItem.parse(r.required("risk_item"));
        return new PaymentRequest(noOrder, dtOrder, money, userId, busiPartner, nameGoods, infoOrder, notifyUrl,
                urlReturn, urlOrder, userreqIp, validOrder, bankCode, payType, charsetName);
    }

    /** O4: {@code card_type} is another name for {@code pay_type}; when both come they must agree. */
    private static Optional<PayType> payType(ApiRequest r) {
        Optional<String> payType = r.optional("pay_type");
        Optional<String> cardType = r.optional("card_type");
        if (payType.isPresent() && cardType.isPresent() && !payType.get().equals(cardType.get())) {
            throw Refusal.badField("card_type");
        }
        String field = payType.isPresent() ? "pay_type" : "card_type";
        return payType.or(() -> cardType)
                .map(code -> PayType.byCode(code).orElseThrow(() -> Refusal.badField(field)));
    }
}
