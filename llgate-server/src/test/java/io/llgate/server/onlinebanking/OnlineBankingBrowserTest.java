package io.llgate.server.onlinebanking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.http.FormBody;
import io.llgate.server.testing.Chromium;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A person paying in a real browser (headless Chromium): the demo shop's page, the merchant's checkout
 * page, the cashier, the sandbox bank, the return to url_return, and what the merchant then sees.
 */
class OnlineBankingBrowserTest {
    static Gateway gateway;
    static NotificationReceiver receiver;
    static TestMerchant demo;
    Chromium chromium;
    WebDriver browser;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(TestGateways.settings().withDemoMerchant(true));
        receiver = new NotificationReceiver();
        demo = TestMerchant.demo(gateway);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        gateway.close();
    }

    @BeforeEach
    void openBrowser() {
        chromium = Chromium.start();
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Opens the demo shop and fills in the order; leaves the rest of the form as the shop sets it. */
    private void order(Map<String, String> fields) {
        browser.get(gateway.baseUri() + "/sandbox/merchant-demo");
        chromium.screenshot("shop");
        fields.forEach((name, value) -> {
            WebElement input = browser.findElement(By.name(name));
            if (input.getTagName().equals("select")) {
                input.findElement(By.cssSelector("option[value='" + value + "']")).click();
            } else {
                input.clear();
                input.sendKeys(value);
            }
        });
        browser.findElement(By.id("checkout")).click();
        await().until(() -> browser.getCurrentUrl().endsWith("/checkout"));
    }

    /** The return page's address, which only the payer's browser sees before it moves on. */
    private static String returnToken(String noOrder) {
        return gateway.jdbi().withHandle(h -> h.createQuery("SELECT return_token FROM online_banking_order WHERE no_order = :no")
                .bind("no", noOrder).mapTo(String.class).one());
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void waitFor(String pathPart) {
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().contains(pathPart));
    }

    @Test
    void aPayerPaysThroughTheCashierAndTheSandboxBankAndReturnsToTheMerchantOnce() throws Exception {
        String notifyPath = "/notify/utf8";
        order(Map.of("name_goods", "羽毛球拍", "money_order", "88.80", "notify_url", receiver.url(notifyPath)));
        String noOrder = text("field-no_order");
        browser.findElement(By.id("pay")).click();

        waitFor("/payment/cashier/");
        assertThat(text("name_goods")).isEqualTo("羽毛球拍");
        assertThat(text("money_order")).isEqualTo("¥88.80");
        assertThat(text("merchant")).isEqualTo("LLGate demo merchant");
        assertThat(browser.findElements(By.tagName("legend"))).extracting(WebElement::getText)
                .containsExactly("个人网银（借记卡）", "信用卡网银", "企业网银");
        chromium.screenshot("cashier");
        browser.findElement(By.cssSelector("input[value='1:03080000']")).click();
        browser.findElement(By.id("to-bank")).click();

        waitFor("/bank/");
        String bankPage = browser.getCurrentUrl();
        assertThat(text("bank_name")).startsWith("招商银行");
        assertThat(text("money_order")).isEqualTo("¥88.80");
        chromium.screenshot("bank");
        browser.findElement(By.id("approve")).click();

        waitFor("/sandbox/merchant-demo/return");
        assertThat(text("verdict")).startsWith("签名验证通过");
        assertThat(text("field-result_pay")).isEqualTo("SUCCESS");
        assertThat(text("field-no_order")).isEqualTo(noOrder);
        assertThat(text("field-info_order")).isEqualTo("订单备注");
        assertThat(text("field-bank_code")).isEqualTo("03080000");
        chromium.screenshot("merchant-return");

        browser.get(bankPage);
        assertThat(text("ret_code")).isEqualTo("2007");
        assertThat(text("ret_msg")).isEqualTo("交易已支付成功");
        browser.get(gateway.baseUri() + "/payment/return/" + returnToken(noOrder));
        assertThat(text("outcome")).isEqualTo("已返回商户");
        assertThat(browser.findElements(By.tagName("form"))).isEmpty();
        browser.navigate().refresh();
        assertThat(text("outcome")).isEqualTo("已返回商户");
        chromium.screenshot("already-returned");

        NotificationReceiver.Received notification = receiver.await(1).stream()
                .filter(r -> r.path().equals(notifyPath)).findFirst().orElseThrow();
        Map<String, String> async = FlatJson.parse(notification.body());
        assertThat(async).containsEntry("no_order", noOrder).containsEntry("result_pay", "SUCCESS");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, async).valid()).isTrue();

        Reply query = demo.plain("/llwalletapi/orderquery.htm", Map.of("oid_partner", demo.oidPartner(),
                "no_order", noOrder));
        assertThat(query.fields()).containsEntry("result_pay", "SUCCESS").containsEntry("money_order", "88.80");
        Reply balance = demo.plain("/traderAcctQuery.htm", Map.of("oid_partner", demo.oidPartner(), "api_version", "1.0"));
        assertThat(balance.get("amt_unsettle")).isEqualTo("88.80");
    }

    @Test
    void aGbkMerchantPageWithAPresetBankReturnsAGbkFormThatVerifiesAndCannotBeReplayed() throws Exception {
        String returnPath = "/return/gbk";
        order(Map.of("name_goods", "羽毛球拍（加厚款）", "money_order", "120.50", "info_order", "送到三楼前台",
                "charset", "GBK", "bank_code", "01050000", "notify_url", receiver.url("/notify/gbk"),
                "url_return", receiver.url(returnPath)));
        assertThat(text("page_charset")).isEqualTo("GBK");
        assertThat(text("field-name_goods")).isEqualTo("羽毛球拍（加厚款）");
        chromium.screenshot("checkout-gbk");
        browser.findElement(By.id("pay")).click();

        waitFor("/bank/");
        assertThat(text("name_goods")).isEqualTo("羽毛球拍（加厚款）");
        assertThat(text("bank_name")).startsWith("建设银行");
        assertThat(text("pay_type")).isEqualTo("个人网银（借记卡）");
        browser.findElement(By.id("approve")).click();

        List<NotificationReceiver.Received> returns = await().atMost(Duration.ofSeconds(20)).until(
                () -> receiver.received().stream().filter(r -> r.path().equals(returnPath)).toList(), r -> !r.isEmpty());
        Map<String, String> sync = FormBody.parse(returns.get(0).body()).decode(Charset.forName("GB18030"));
        assertThat(returns.get(0).method()).isEqualTo("POST");
        assertThat(sync).containsEntry("info_order", "送到三楼前台").containsEntry("money_order", "120.50")
                .containsEntry("result_pay", "SUCCESS").containsEntry("bank_code", "01050000")
                .containsEntry("pay_type", "1");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, sync).valid()).isTrue();

        browser.get(gateway.baseUri() + "/payment/return/" + returnToken(sync.get("no_order")));
        assertThat(text("outcome")).isEqualTo("已返回商户");
        assertThat(browser.findElements(By.tagName("form"))).isEmpty();
        browser.navigate().refresh();
        assertThat(text("outcome")).isEqualTo("已返回商户");
        assertThat(receiver.received()).filteredOn(r -> r.path().equals(returnPath)).hasSize(1);
    }

    @Test
    void withoutScriptsThePayerReturnsToTheMerchantWithTheButton() {
        chromium.close();
        chromium = Chromium.start(false);
        browser = chromium.driver();
        order(Map.of("bank_code", "03080000", "notify_url", receiver.url("/notify/noscript")));
        browser.findElement(By.id("pay")).click();
        waitFor("/bank/");
        browser.findElement(By.id("approve")).click();

        waitFor("/payment/return/");
        assertThat(browser.findElement(By.id("return")).isDisplayed()).isTrue();
        chromium.screenshot("return-without-scripts");
        browser.findElement(By.id("return")).click();

        waitFor("/sandbox/merchant-demo/return");
        assertThat(text("verdict")).startsWith("签名验证通过");
        assertThat(text("field-result_pay")).isEqualTo("SUCCESS");
    }

    @Test
    void aDeclinedPaymentShowsTheFailureAndReturnsNothing() {
        order(Map.of("bank_code", "03080000", "notify_url", receiver.url("/notify/declined"),
                "url_return", receiver.url("/return/declined")));
        browser.findElement(By.id("pay")).click();
        waitFor("/bank/");

        browser.findElement(By.id("decline")).click();

        waitFor("/payment/result/");
        assertThat(text("outcome")).isEqualTo("支付失败");
        assertThat(receiver.received()).noneMatch(r -> r.path().endsWith("/declined"));
    }

    @Test
    void aBadFormShowsTheErrorPageWithTheFieldAtFault() {
        order(Map.of("money_order", "88.888"));
        browser.findElement(By.id("pay")).click();

        await().until(() -> browser.getCurrentUrl().endsWith("/payment/bankgateway.htm"));
        assertThat(text("ret_code")).isEqualTo("1004");
        assertThat(text("ret_msg")).isEqualTo("商户请求参数校验错误（money_order）");
        assertThat(text("field")).isEqualTo("money_order");
        chromium.screenshot("error");
    }
}
