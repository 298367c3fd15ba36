package io.llgate.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox's demo shop over plain HTTP: open to browsers, signing as the demo merchant, acknowledging. */
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
        LinkedHashMap<String, String> form = browser.postForm("/sandbox/merchant-demo/checkout", order("UTF-8"),
                StandardCharsets.UTF_8).hiddenFields();
        browser.postForm("/payment/bankgateway.htm", form, StandardCharsets.UTF_8);

        TestAdmin.Response paid = admin.post("/sandbox/online-banking/" + form.get("no_order") + "/complete",
                "{\"result\":\"paid\"}");
        Page back = browser.get(paid.json().get("return_page").asText());
        Page received = browser.postForm(back.returnFormAction(), back.hiddenFields(), StandardCharsets.UTF_8);

        assertThat(received.byId("verdict")).startsWith("签名验证通过");
        admin.awaitStatus(admin.awaitNotification(form.get("no_order")), "DELIVERED");
        LinkedHashMap<String, String> forged = back.hiddenFields();
        forged.put("money_order", "0.01");
        assertThat(browser.postForm(back.returnFormAction(), forged, StandardCharsets.UTF_8).byId("verdict"))
                .startsWith("签名验证失败");
    }

    @Test
    void withoutTheDemoMerchantTheShopSaysSo() {
        try (Gateway plain = TestGateways.start()) {
            Page shop = new PageClient(plain).get("/sandbox/merchant-demo");

            assertThat(shop.status()).isEqualTo(200);
            assertThat(shop.html()).contains("没有演示商户").doesNotContain("/sandbox/merchant-demo/checkout");
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
}
