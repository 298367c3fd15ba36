package io.llgate.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.exchange.ExchangeProduct;
import io.llgate.server.kernel.ProductIdentity;
import io.llgate.server.merchant.Merchants;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's demo shop over plain HTTP: open to browsers, signing as the demo merchant, acknowledging, and
 * refunding through the gateway's merchant API as a merchant's server does.
 */
class MerchantDemoTest {
    static Gateway gateway;
    static PageClient browser;
    static TestAdmin admin;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(TestGateways.settings().withDemoMerchant(true));
        browser = new PageClient(gateway);
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Map<String, String> order(String charset) {
        Map<String, String> order = new LinkedHashMap<>();
        order.put("name_goods", "羽毛球拍");
        order.put("money_order", "18.80");
        order.put("info_order", "");
        order.put("charset", charset);
        order.put("bank_code", "03080000");
        order.put("notify_url", gateway.baseUri() + "/sandbox/merchant-demo/notify");
        order.put("url_return", gateway.baseUri() + "/sandbox/merchant-demo/return");
        return order;
    }

    private static Map<String, String> order(String charset, String amount) {
        Map<String, String> order = order(charset);
        order.put("money_order", amount);
        return order;
    }

    /** A paid order's return to the shop's url_return, as the payer's browser posts it. */
    private record Returned(String noOrder, Page back, Page page) {
    }

    /** Checks out an order of the shop for the amount, has the sandbox bank pay it, and returns to the shop. */
    private static Returned payAndReturn(String amount) {
        LinkedHashMap<String, String> form = browser.postForm("/sandbox/merchant-demo/checkout", order("UTF-8", amount),
                StandardCharsets.UTF_8).hiddenFields();
        browser.postForm("/payment/bankgateway.htm", form, StandardCharsets.UTF_8);
        TestAdmin.Response paid = admin.post("/sandbox/online-banking/" + form.get("no_order") + "/complete",
                "{\"result\":\"paid\"}");
        Page back = browser.get(paid.json().get("return_page").asText());
        return new Returned(form.get("no_order"), back,
                browser.postForm(back.returnFormAction(), back.hiddenFields(), StandardCharsets.UTF_8));
    }

    /** Posts a refund form the shop showed, with the amount typed. */
    private static Page refund(Map<String, String> refundForm, String amount) {
        Map<String, String> form = new LinkedHashMap<>(refundForm);
        form.put("money_refund", amount);
        return browser.postForm("/sandbox/merchant-demo/refund", form, StandardCharsets.UTF_8);
    }

    /** The demo merchant's balances, asked for as its server does: {amt_balance, amt_unsettle} in fen. */
    private static long[] balances() {
        TestMerchant.Reply reply = TestMerchant.demo(gateway).plain("/traderAcctQuery.htm",
                Map.of("oid_partner", DemoMerchant.OID_PARTNER, "api_version", "1.0"));
        return new long[] {fen(reply.get("amt_balance")), fen(reply.get("amt_unsettle"))};
    }

    private static long fen(String amount) {
        return new BigDecimal(amount).movePointRight(2).longValueExact();
    }

    private static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    @Test
    void theShopIsOpenToBrowsersWhileTheControlsNeedTheToken() {
        Page shop = browser.get("/sandbox/merchant-demo");

        assertThat(shop.status()).isEqualTo(200);
        assertThat(shop.html()).contains("201800000000000001").contains("/sandbox/merchant-demo/checkout");
        assertThat(browser.get("/sandbox/clock").status()).isEqualTo(401);
    }

    @Test
    void theCheckoutPageCarriesAFormSignedByTheDemoMerchantInTheChosenCharset() {
        Page checkout = browser.postForm("/sandbox/merchant-demo/checkout", order("GBK"), StandardCharsets.UTF_8);

        assertThat(checkout.contentType()).isEqualTo("text/html;charset=GBK");
        assertThat(checkout.html()).contains("<meta charset=\"GBK\">");
        LinkedHashMap<String, String> form = checkout.hiddenFields();
        assertThat(form).containsEntry("charset_name", "GBK").containsEntry("name_goods", "羽毛球拍")
                .containsEntry("url_return", gateway.baseUri() + "/sandbox/merchant-demo/return?charset=GBK")
                .doesNotContainKey("info_order");
        assertThat(MessageSignature.verify(TestMerchant.demo(gateway).keys().getPublic(), SignType.RSA, form).valid())
                .isTrue();
    }

    @Test
    void theDemoMerchantsReceiversVerifyAndAcknowledge() {
        Returned returned = payAndReturn("18.80");

        assertThat(returned.page().byId("verdict")).startsWith("签名验证通过");
        admin.awaitStatus(admin.awaitNotification(returned.noOrder()), "DELIVERED");
        LinkedHashMap<String, String> forged = returned.back().hiddenFields();
        forged.put("money_order", "0.01");
        Page refused = browser.postForm(returned.back().returnFormAction(), forged, StandardCharsets.UTF_8);
        assertThat(refused.byId("verdict")).startsWith("签名验证失败");
        assertThat(refused.html()).doesNotContain("/sandbox/merchant-demo/refund");
    }

    @Test
    void afterPayingTheReturnPageOffersARefundOfTheWholeAmount() {
        Returned returned = payAndReturn("18.80");

        assertThat(returned.page().byId("query-result_pay")).isEqualTo("SUCCESS");
        assertThat(returned.page().hiddenFields()).containsEntry("no_order", returned.noOrder())
                .containsKeys("dt_order", "no_refund", "dt_refund");
        assertThat(returned.page().hiddenFields().get("no_refund")).matches("RF\\d{18}");
        assertThat(returned.page().inputValue("money_refund-" + returned.noOrder())).isEqualTo("18.80");
    }

    @Test
    void aRefundThroughTheShopIsSignedByTheMerchantAppliedOverHttpAndThenSucceeds() throws Exception {
        Returned returned = payAndReturn("18.80");
        LinkedHashMap<String, String> form = returned.page().hiddenFields();
        long[] before = balances();

        Page applied = refund(form, "8.80");

        assertThat(applied.byId("outcome")).startsWith("网关已受理");
        assertThat(applied.byId("verdict")).startsWith("应答签名验证通过");
        assertThat(applied.byId("ret_code")).isEqualTo("0000");
        assertThat(applied.byId("sta_refund")).isEqualTo("1");
        assertThat(applied.byId("oid_refundno")).matches("\\d{16}");
        assertThat(applied.byId("no_refund")).isEqualTo(form.get("no_refund"));
        Map<String, String> request = FlatJson.parse(applied.byId("request"));
        assertThat(request).containsEntry("money_refund", "8.80").containsEntry("no_order", returned.noOrder())
                .containsEntry("notify_url", gateway.baseUri() + "/sandbox/merchant-demo/notify");
        assertThat(MessageSignature.verify(TestMerchant.demo(gateway).keys().getPublic(), SignType.RSA, request)
                .valid()).isTrue();
        assertThat(applied.byId("sign_source")).startsWith("dt_order=").contains("&money_refund=8.80&no_order=");
        // The refund is held from the unsettled balance, which the payment filled.
        assertThat(applied.byId("amt_unsettle")).isEqualTo(yuan(before[1] - 880));
        assertThat(applied.byId("amt_balance")).isEqualTo(yuan(before[0]));

        String queryAgain = applied.link("query-again");
        assertThat(queryAgain).startsWith("/sandbox/merchant-demo/refundquery?no_refund=" + form.get("no_refund"));
        Page queried = await().until(() -> browser.get(queryAgain), page -> "2".equals(page.byId("sta_refund")));
        assertThat(queried.byId("settle_date")).isEqualTo(WireTime.date(gateway.clock().instant()));
        assertThat(queried.byId("oid_refundno")).isEqualTo(applied.byId("oid_refundno"));

        // The shop acknowledges the refund notification like any other.
        admin.awaitStatus(admin.awaitNotification(form.get("no_refund")), "DELIVERED");
        assertThat(browser.get(queryAgain).html()).contains("<code>sta_refund=2</code>")
                .contains("<span class=\"ok\">验证通过</span> · <code>0000</code>");

        Page again = refund(form, "8.80");
        assertThat(again.byId("oid_refundno")).isEqualTo(applied.byId("oid_refundno"));
        assertThat(again.byId("sta_refund")).isEqualTo("2");
        assertThat(again.byId("amt_unsettle")).isEqualTo(yuan(before[1] - 880));

        Page orders = browser.get("/sandbox/merchant-demo/orders");
        assertThat(orders.byId("result_pay-" + returned.noOrder())).isEqualTo("SUCCESS");
        assertThat(orders.byId("sta_refund-" + form.get("no_refund"))).isEqualTo("2");
        assertThat(orders.inputValue("money_refund-" + returned.noOrder())).isEqualTo("10.00");
    }

    @Test
    void refusalsAreShownWithTheirCodeAndMessageAndChangeNoBalance() {
        Returned returned = payAndReturn("18.80");
        LinkedHashMap<String, String> form = returned.page().hiddenFields();
        refund(form, "10.00");
        long[] before = balances();

        Page aboveTheRemainder = refundOf(returned.noOrder(), "9.00");
        Page malformed = refundOf(returned.noOrder(), "1.234");
        Page aboveThePayment = refundOf(returned.noOrder(), "20.00");

        assertThat(aboveTheRemainder.byId("outcome")).startsWith("网关拒绝");
        assertThat(aboveTheRemainder.byId("ret_code")).isEqualTo("5007");
        assertThat(aboveTheRemainder.byId("ret_msg")).isEqualTo("累计退款金额大于原交易金额");
        assertThat(aboveTheRemainder.byId("verdict")).startsWith("应答签名验证通过");
        assertThat(aboveTheRemainder.link("query-again")).isNull();
        assertThat(malformed.byId("ret_code")).isEqualTo("5003");
        assertThat(malformed.byId("ret_msg")).isEqualTo("退款金额错误");
        assertThat(aboveThePayment.byId("ret_code")).isEqualTo("5003");
        assertThat(aboveThePayment.byId("amt_unsettle")).isEqualTo(yuan(before[1]));
        assertThat(aboveThePayment.byId("amt_balance")).isEqualTo(yuan(before[0]));
        assertThat(browser.get("/sandbox/merchant-demo/orders").inputValue("money_refund-" + returned.noOrder()))
                .isEqualTo("8.80");
    }

    /** Posts the refund form the orders page shows for an order, with the amount typed. */
    private static Page refundOf(String noOrder, String amount) {
        Page orders = browser.get("/sandbox/merchant-demo/orders");
        return refund(formOf(orders, noOrder), amount);
    }

    /** The hidden fields of the refund form of one order on a page. */
    private static Map<String, String> formOf(Page page, String noOrder) {
        String html = page.html();
        int start = html.indexOf("id=\"refund-form-" + noOrder + "\"");
        return new Page(200, null, page.contentType(), html.substring(start, html.indexOf("</form>", start)))
                .hiddenFields();
    }

    @Test
    void aRefundTheSandboxBankHoldsStaysProcessingUntilResolvedAndAFailedOneGivesItsAmountBack() {
        Returned returned = payAndReturn("30.00");
        Page held = refund(returned.page().hiddenFields(), "10.92");
        Page refused = refundOf(returned.noOrder(), "10.91");
        String heldQuery = held.link("query-again");

        await().until(() -> browser.get(refused.link("query-again")), page -> "3".equals(page.byId("sta_refund")));
        assertThat(browser.get(heldQuery).byId("sta_refund")).isEqualTo("1");
        assertThat(browser.get("/sandbox/merchant-demo/orders").inputValue("money_refund-" + returned.noOrder()))
                .isEqualTo("19.08");

        assertThat(admin.post("/sandbox/refunds/" + held.byId("no_refund") + "/resolve", "{\"result\":\"SUCCESS\"}")
                .status()).isEqualTo(202);
        Page resolved = await().until(() -> browser.get(heldQuery), page -> "2".equals(page.byId("sta_refund")));
        assertThat(resolved.byId("settle_date")).isEqualTo(WireTime.date(gateway.clock().instant()));
    }

    @Test
    void theOrdersPageShowsEachOrdersStatusAndARefundFormOnlyForPaidOnes() {
        LinkedHashMap<String, String> waiting = browser.postForm("/sandbox/merchant-demo/checkout",
                order("UTF-8", "5.00"), StandardCharsets.UTF_8).hiddenFields();
        browser.postForm("/payment/bankgateway.htm", waiting, StandardCharsets.UTF_8);
        Returned paid = payAndReturn("6.00");

        Page orders = browser.get("/sandbox/merchant-demo/orders");

        assertThat(orders.status()).isEqualTo(200);
        assertThat(orders.byId("result_pay-" + waiting.get("no_order"))).isEqualTo("WAITING");
        assertThat(orders.html()).doesNotContain("refund-form-" + waiting.get("no_order"));
        assertThat(orders.byId("result_pay-" + paid.noOrder())).isEqualTo("SUCCESS");
        assertThat(formOf(orders, paid.noOrder())).containsEntry("no_order", paid.noOrder());
        assertThat(orders.inputValue("money_refund-" + paid.noOrder())).isEqualTo("6.00");
        assertThat(orders.html().indexOf("order-" + paid.noOrder()))
                .isLessThan(orders.html().indexOf("order-" + waiting.get("no_order")));
        assertThat(orders.byId("amt_balance")).isEqualTo(yuan(balances()[0]));
    }

    @Test
    void withoutTheDemoMerchantTheShopSaysSo() {
        try (Gateway plain = TestGateways.start()) {
            Page shop = new PageClient(plain).get("/sandbox/merchant-demo");

            assertThat(shop.status()).isEqualTo(200);
            assertThat(shop.html()).contains("没有演示商户").doesNotContain("/sandbox/merchant-demo/checkout");
            assertThat(new PageClient(plain).get("/sandbox/merchant-demo/orders").byId("ret_code")).isEqualTo("3001");
        }
    }

    @Test
    void aProductionGatewayHasNoShopAndNoControls() {
        try (Gateway production = Gateway.start(TestGateways.settings().withMode(GatewayMode.PRODUCTION, "a-token"))) {
            assertThat(new PageClient(production).get("/sandbox/merchant-demo").status()).isEqualTo(404);
            assertThat(new TestAdmin(production).post("/sandbox/online-banking/WEB1/complete", "{\"result\":\"paid\"}")
                    .status()).isEqualTo(404);
        }
    }

    @Test
    void theShopPaysACardOnItsOwnPageThroughMpayWithTheCodeFromTheSandboxPhone() {
        Map<String, String> card = new LinkedHashMap<>();
        card.put("name_goods", "会员月卡");
        card.put("money_order", "36.00");
        card.put("pay_type", "2");
        card.put("card_no", "6222020000000000001");
        card.put("acct_name", "王小明");
        card.put("id_no", "11010119900307803X");
        card.put("bind_mob", "13912345678");
        Page applied = browser.postForm("/sandbox/merchant-demo/mpay", card, StandardCharsets.UTF_8);
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.byId("ret_code")).isEqualTo("8888");
        assertThat(applied.html()).contains("pay_load");
        Page phone = browser.get(applied.link("phone"));
        assertThat(phone.status()).isEqualTo(200);
        String code = ((SandboxSms) gateway.sms()).inbox("13912345678").get(0).code();
        assertThat(phone.html()).contains(code);

        LinkedHashMap<String, String> verify = applied.hiddenFields();
        verify.put("verify_code", code);
        Page paid = browser.postForm("/sandbox/merchant-demo/mpay/verify", verify, StandardCharsets.UTF_8);
        assertThat(paid.byId("ret_code")).isEqualTo("0000");
        assertThat(paid.byId("result_pay")).isEqualTo("SUCCESS");
        assertThat(paid.byId("no_agree")).matches("[0-9]{16}");
    }

    /** Applies for the shop's foreign-priced item in the currency, paying with a debit card whose mobile is given. */
    private static Page exchangeApply(String currency, String mobile) {
        Map<String, String> card = new LinkedHashMap<>();
        card.put("name_goods", "Wool scarf");
        card.put("currency_order", currency);
        card.put("money_order", "");
        card.put("pay_type", "M");
        card.put("card_no", "6217000000000000002");
        card.put("acct_name", "王小明");
        card.put("id_no", "11010119900307803X");
        card.put("bind_mob", mobile);
        return browser.postForm("/sandbox/merchant-demo/exchange", card, StandardCharsets.UTF_8);
    }

    /** The demo merchant's unsettled balance in a currency, asked for as its server does. */
    private static String unsettled(String currency) {
        return TestMerchant.demo(gateway).plain("/traderAcctQuery.htm", Map.of("oid_partner", DemoMerchant.OID_PARTNER,
                "api_version", "1.0", "currency", currency)).get("amt_unsettle");
    }

    @Test
    void theShopSellsInDollarsThroughExchangePaymentShowingTheYuanPriceBeforeTheCodeAndRefundsInDollars() throws Exception {
        Page shop = browser.get("/sandbox/merchant-demo");
        assertThat(shop.html()).contains("/sandbox/merchant-demo/exchange").contains("USD 45.00").contains("JPY 6800.00");
        String unsettledBefore = unsettled("USD");

        Page applied = exchangeApply("USD", "13912340023");
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.byId("ret_code")).isEqualTo("0000");
        // The payer sees the price in yuan, at the sandbox's default rate, before typing the code.
        assertThat(applied.byId("currency_order")).isEqualTo("USD");
        assertThat(applied.byId("money_order")).isEqualTo("45.00");
        assertThat(applied.byId("exchange_rate")).isEqualTo("7.1500");
        assertThat(applied.byId("money_pay")).isEqualTo("321.75");
        assertThat(FlatJson.parse(applied.byId("request"))).containsEntry("currency_settle", "USD")
                .containsEntry("card_no", "6217000000000000002").doesNotContainKey("pay_load");
        String noOrder = applied.byId("no_order");
        Page phone = browser.get(applied.link("phone"));
        String code = ((SandboxSms) gateway.sms()).inbox("13912340023").get(0).code();
        assertThat(phone.html()).contains(code);

        LinkedHashMap<String, String> verify = applied.hiddenFields();
        assertThat(verify).containsOnlyKeys("no_order", "token");
        verify.put("verify_code", code);
        Page paid = browser.postForm("/sandbox/merchant-demo/exchange/verify", verify, StandardCharsets.UTF_8);
        assertThat(paid.byId("ret_code")).isEqualTo("0000");
        assertThat(paid.byId("result_pay")).isEqualTo("SUCCESS");
        assertThat(paid.byId("currency_order")).isEqualTo("USD");
        assertThat(paid.byId("money_order")).isEqualTo("45.00");
        assertThat(paid.byId("money_pay")).isEqualTo("321.75");
        assertThat(paid.byId("exchange_rate")).isEqualTo("7.1500");
        assertThat(paid.byId("money_settle")).isEqualTo("45.00");
        assertThat(unsettled("USD")).isEqualTo(new BigDecimal(unsettledBefore).add(new BigDecimal("45.00")).toPlainString());

        Page orders = browser.get("/sandbox/merchant-demo/orders");
        assertThat(orders.byId("price-" + noOrder)).isEqualTo("USD 45.00");
        assertThat(orders.byId("result_pay-" + noOrder)).isEqualTo("SUCCESS");
        assertThat(orders.byId("money_pay-" + noOrder)).isEqualTo("321.75");
        assertThat(orders.byId("exchange_rate-" + noOrder)).isEqualTo("7.1500");
        assertThat(orders.inputValue("money_refund-" + noOrder)).isEqualTo("45.00");

        // money_refund is in the order's currency: ten dollars, held from the dollar balance.
        Page refunded = refund(formOf(orders, noOrder), "10.00");
        assertThat(refunded.byId("ret_code")).isEqualTo("0000");
        assertThat(refunded.byId("money_refund")).isEqualTo("10.00");
        assertThat(refunded.byId("balance-currency")).isEqualTo("USD");
        assertThat(refunded.byId("amt_unsettle")).isEqualTo(new BigDecimal(unsettledBefore).add(new BigDecimal("35.00"))
                .toPlainString());
        assertThat(browser.get("/sandbox/merchant-demo/orders").inputValue("money_refund-" + noOrder))
                .isEqualTo("35.00");
    }

    @Test
    void theBuyerMayPayTheItemsYenPriceAndAWrongCodeIsRefused() {
        Page applied = exchangeApply("JPY", "13912340024");
        assertThat(applied.byId("currency_order")).isEqualTo("JPY");
        assertThat(applied.byId("money_order")).isEqualTo("6800.00");
        assertThat(applied.byId("exchange_rate")).isEqualTo("0.0480");
        assertThat(applied.byId("money_pay")).isEqualTo("326.40");

        LinkedHashMap<String, String> verify = applied.hiddenFields();
        String code = ((SandboxSms) gateway.sms()).inbox("13912340024").get(0).code();
        verify.put("verify_code", code.equals("000000") ? "111111" : "000000");
        Page wrong = browser.postForm("/sandbox/merchant-demo/exchange/verify", verify, StandardCharsets.UTF_8);
        assertThat(wrong.byId("ret_code")).isEqualTo("1900");
        assertThat(wrong.byId("outcome")).startsWith("网关拒绝");

        verify.put("verify_code", code);
        Page paid = browser.postForm("/sandbox/merchant-demo/exchange/verify", verify, StandardCharsets.UTF_8);
        assertThat(paid.byId("result_pay")).isEqualTo("SUCCESS");
        assertThat(browser.get("/sandbox/merchant-demo/orders").byId("price-" + applied.byId("no_order")))
                .isEqualTo("JPY 6800.00");
    }

    @Test
    void aDemoMerchantRegisteredBeforeExchangePaymentExistedGainsItAtTheNextStart() {
        Merchants merchants = gateway.merchants();
        Set<ProductIdentity> without = new LinkedHashSet<>(merchants.find(DemoMerchant.OID_PARTNER).orElseThrow()
                .products());
        without.remove(ExchangeProduct.IDENTITY);
        merchants.update(DemoMerchant.OID_PARTNER, null, without, null, null);
        assertThat(exchangeApply("USD", "13912340025").byId("ret_code")).isEqualTo("3010");

        DemoMerchant.ensure(gateway.settings().dataDir(), merchants, gateway.publicKey());

        assertThat(merchants.find(DemoMerchant.OID_PARTNER).orElseThrow().products())
                .containsAll(merchants.catalogue().granted());
        assertThat(exchangeApply("USD", "13912340025").byId("ret_code")).isEqualTo("0000");
    }
}
