package io.llgate.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.testing.Chromium;
import io.llgate.server.testing.TestGateways;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A person refunding through the demo shop in a real browser (headless Chromium): pays an order, refunds part
 * of it on the return page, the rest on the orders page, and is refused a refund above what is left, watching
 * sta_refund and the merchant's balances as the shop shows them.
 */
class MerchantDemoBrowserTest {
    Gateway gateway;
    Chromium chromium;
    WebDriver browser;

    @BeforeEach
    void start() {
        chromium = Chromium.start();
        browser = chromium.driver();
        // A gateway of its own, so the demo merchant's balances are exactly what this payment and its refunds made.
        gateway = Gateway.start(TestGateways.settings().withDemoMerchant(true));
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void waitFor(String pathPart) {
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().contains(pathPart));
    }

    /** Types the amount into an order's refund form and sends it; the shop's result page follows. */
    private void refund(String noOrder, String amount) {
        WebElement input = browser.findElement(By.id("money_refund-" + noOrder));
        input.clear();
        input.sendKeys(amount);
        browser.findElement(By.id("refund-" + noOrder)).click();
        waitFor("/sandbox/merchant-demo/refund");
    }

    /** Reloads the refund query page until the shop shows the refund in the state. */
    private void awaitStaRefund(String staRefund) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            browser.navigate().refresh();
            return text("sta_refund").equals(staRefund);
        });
    }

    @Test
    void aPayerPaysThenTheMerchantRefundsPartTheRestAndIsRefusedAnyMore() {
        browser.get(gateway.baseUri() + "/sandbox/merchant-demo");
        WebElement amount = browser.findElement(By.name("money_order"));
        amount.clear();
        amount.sendKeys("88.80");
        browser.findElement(By.cssSelector("select[name='bank_code'] option[value='03080000']")).click();
        browser.findElement(By.id("checkout")).click();
        waitFor("/checkout");
        String noOrder = text("field-no_order");
        browser.findElement(By.id("pay")).click();
        waitFor("/bank/");
        browser.findElement(By.id("approve")).click();

        waitFor("/sandbox/merchant-demo/return");
        assertThat(text("verdict")).startsWith("签名验证通过");
        assertThat(text("query-result_pay")).isEqualTo("SUCCESS");
        assertThat(browser.findElement(By.id("money_refund-" + noOrder)).getAttribute("value")).isEqualTo("88.80");
        chromium.screenshot("demo-return-with-refund");

        refund(noOrder, "30.00");
        assertThat(text("outcome")).startsWith("网关已受理");
        assertThat(text("verdict")).startsWith("应答签名验证通过");
        assertThat(text("ret_code")).isEqualTo("0000");
        assertThat(text("sta_refund")).isEqualTo("1");
        assertThat(text("oid_refundno")).matches("\\d{16}");
        assertThat(text("sign_source")).contains("money_refund=30.00&no_order=" + noOrder);
        assertThat(text("amt_unsettle")).isEqualTo("58.80");
        assertThat(text("amt_balance")).isEqualTo("1000000.00");
        String firstRefund = text("no_refund");
        chromium.screenshot("demo-refund-applied");

        browser.findElement(By.id("query-again")).click();
        waitFor("/sandbox/merchant-demo/refundquery");
        awaitStaRefund("2");
        assertThat(text("settle_date")).isEqualTo(WireTime.date(gateway.clock().instant()));
        assertThat(text("amt_unsettle")).isEqualTo("58.80");
        chromium.screenshot("demo-refund-queried");

        browser.findElement(By.id("orders")).click();
        waitFor("/sandbox/merchant-demo/orders");
        assertThat(text("result_pay-" + noOrder)).isEqualTo("SUCCESS");
        assertThat(text("sta_refund-" + firstRefund)).isEqualTo("2");
        assertThat(text("remaining-" + noOrder)).isEqualTo("58.80");
        assertThat(browser.findElement(By.id("money_refund-" + noOrder)).getAttribute("value")).isEqualTo("58.80");
        browser.findElement(By.id("refund-" + noOrder)).click();
        waitFor("/sandbox/merchant-demo/refund");
        assertThat(text("ret_code")).isEqualTo("0000");
        assertThat(text("sta_refund")).isEqualTo("1");
        assertThat(text("money_refund")).isEqualTo("58.80");
        assertThat(text("amt_unsettle")).isEqualTo("0.00");
        assertThat(text("amt_balance")).isEqualTo("1000000.00");
        browser.findElement(By.id("query-again")).click();
        waitFor("/sandbox/merchant-demo/refundquery");
        awaitStaRefund("2");

        browser.findElement(By.id("orders")).click();
        waitFor("/sandbox/merchant-demo/orders");
        assertThat(text("remaining-" + noOrder)).isEqualTo("0.00");
        chromium.screenshot("demo-orders-fully-refunded");
        refund(noOrder, "0.01");
        assertThat(text("outcome")).startsWith("网关拒绝");
        assertThat(text("ret_code")).isEqualTo("5007");
        assertThat(text("ret_msg")).isEqualTo("累计退款金额大于原交易金额");
        assertThat(browser.findElements(By.id("query-again"))).isEmpty();
        assertThat(text("amt_unsettle")).isEqualTo("0.00");
        assertThat(text("amt_balance")).isEqualTo("1000000.00");
        chromium.screenshot("demo-refund-refused");
    }

    @Test
    void aPayerBuysTheYenPricedItemSeesTheYuanPriceTypesTheCodeAndTheShopRefundsInYen() {
        browser.get(gateway.baseUri() + "/sandbox/merchant-demo");
        browser.findElement(By.cssSelector("select[name='currency_order'] option[value='JPY']")).click();
        WebElement mobile = browser.findElement(By.cssSelector("form[action$='/exchange'] input[name='bind_mob']"));
        mobile.clear();
        mobile.sendKeys("13912340031");
        browser.findElement(By.id("exchange-checkout")).click();
        waitFor("/sandbox/merchant-demo/exchange");
        assertThat(text("ret_code")).isEqualTo("0000");
        assertThat(text("price")).contains("¥326.40").contains("JPY 6800.00").contains("0.0480");
        String noOrder = text("no_order");
        assertThat(browser.findElement(By.id("phone")).getAttribute("href")).contains("/phone/");
        chromium.screenshot("demo-exchange-priced");

        String code = ((SandboxSms) gateway.sms()).inbox("13912340031").get(0).code();
        browser.findElement(By.id("verify_code")).sendKeys(code);
        browser.findElement(By.id("verify")).click();
        waitFor("/sandbox/merchant-demo/exchange/verify");
        assertThat(text("outcome")).startsWith("支付成功");
        assertThat(text("result_pay")).isEqualTo("SUCCESS");
        assertThat(text("money_pay")).isEqualTo("326.40");
        assertThat(text("money_settle")).isEqualTo("6800.00");
        chromium.screenshot("demo-exchange-paid");

        browser.findElement(By.id("orders")).click();
        waitFor("/sandbox/merchant-demo/orders");
        assertThat(text("price-" + noOrder)).isEqualTo("JPY 6800.00");
        assertThat(text("remaining-" + noOrder)).isEqualTo("6800.00");
        chromium.screenshot("demo-exchange-orders");
        refund(noOrder, "800");
        assertThat(text("ret_code")).isEqualTo("0000");
        assertThat(text("money_refund")).isEqualTo("800.00");
        assertThat(text("balance-currency")).isEqualTo("JPY");
        assertThat(text("amt_unsettle")).isEqualTo("6000.00");
        chromium.screenshot("demo-exchange-refunded");
    }
}
