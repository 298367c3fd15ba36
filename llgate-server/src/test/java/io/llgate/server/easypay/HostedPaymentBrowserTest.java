package io.llgate.server.easypay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.testing.Chromium;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A person paying by card in a real browser (headless Chromium): the demo shop's card checkout, the gateway's bank,
 * card and SMS code pages (the code read from the sandbox SMS inbox), the return to url_return, on a PC page (WEB)
 * and in a phone-sized window (H5); the preset card; a wrong code then the right one; scripts off; a replayed return.
 */
class HostedPaymentBrowserTest {
    static final String MOBILE = "13800138000";
    static Gateway gateway;
    static NotificationReceiver receiver;
    static TestAdmin admin;
    Chromium chromium;
    WebDriver browser;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(TestGateways.settings().withDemoMerchant(true));
        receiver = new NotificationReceiver();
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
        gateway.close();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private void open(boolean scripts) {
        chromium = Chromium.start(scripts);
        browser = chromium.driver();
    }

    /** The demo shop's card checkout with these fields, then its signed form posted to the gateway. */
    private void checkout(Map<String, String> fields) {
        browser.get(gateway.baseUri() + "/sandbox/merchant-demo");
        WebElement form = browser.findElement(By.id("card-checkout")).findElement(By.xpath("ancestor::form"));
        fields.forEach((name, value) -> {
            WebElement input = form.findElement(By.name(name));
            if (input.getTagName().equals("select")) {
                input.findElement(By.cssSelector("option[value='" + value + "']")).click();
            } else {
                input.clear();
                input.sendKeys(value);
            }
        });
        browser.findElement(By.id("card-checkout")).click();
        await().until(() -> browser.getCurrentUrl().endsWith("/card-checkout"));
        browser.findElement(By.id("pay")).click();
        waitFor("/easypay/pay/");
    }

    /** Types into the field once the page that has it has loaded: a click that submits a form returns before then. */
    private void type(String id, String value) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !browser.findElements(By.id(id)).isEmpty());
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void waitFor(String pathPart) {
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.getCurrentUrl().contains(pathPart));
    }

    private static String latestCode() {
        return admin.get("/sandbox/sms?mobile=" + MOBILE).json().get("messages").get(0).get("code").asText();
    }

    private void chooseBank(String value) {
        browser.findElement(By.cssSelector("input[value='" + value + "']")).click();
        browser.findElement(By.id("choose-bank")).click();
    }

    private void typeHolder(String cardNo) {
        type("card_no", cardNo);
        type("acct_name", "王小明");
        type("id_no", "11010119900307803X");
        type("bind_mob", MOBILE);
    }

    @Test
    void aPcPayerPaysWithTheWebPagesAfterAWrongCodeAndReturnsToTheMerchantOnce() throws Exception {
        open(true);
        checkout(Map.of("page", "WEB", "name_goods", "保温杯", "money_order", "128.50",
                "notify_url", receiver.url("/notify/web")));
        assertThat(text("money_order")).isEqualTo("¥128.50");
        chromium.screenshot("easypay-web-bank");
        chooseBank("D:03080000");

        typeHolder("6214830000000000003");
        assertThat(browser.findElements(By.id("cvv2"))).isEmpty();
        chromium.screenshot("easypay-web-card");
        browser.findElement(By.id("send-code")).click();

        await().until(() -> !browser.findElements(By.id("verify_code")).isEmpty());
        assertThat(text("bind_mob")).isEqualTo("138****8000");
        assertThat(text("card_no")).isEqualTo("621483*********0003");
        String code = latestCode();
        type("verify_code", code.equals("000000") ? "111111" : "000000");
        browser.findElement(By.id("pay")).click();
        await().until(() -> !browser.findElements(By.id("notice")).isEmpty());
        assertThat(text("notice")).contains("1900");
        chromium.screenshot("easypay-web-wrong-code");
        type("verify_code", code);
        browser.findElement(By.id("pay")).click();

        waitFor("/sandbox/merchant-demo/return");
        assertThat(text("verdict")).startsWith("签名验证通过");
        assertThat(text("field-ret_code")).isEqualTo("0000");
        assertThat(text("field-pay_type")).isEqualTo("M");
        assertThat(text("field-bank_code")).isEqualTo("03080000");
        String noOrder = text("field-no_order");
        chromium.screenshot("easypay-web-merchant-return");

        String returnToken = gateway.jdbi().withHandle(h -> h.createQuery(
                "SELECT return_token FROM easypay_hosted_page WHERE no_order = :n").bind("n", noOrder)
                .mapTo(String.class).one());
        browser.get(gateway.baseUri() + "/easypay/return/" + returnToken);
        assertThat(text("outcome")).isEqualTo("已返回商户 Returned");
        assertThat(browser.findElements(By.tagName("form"))).isEmpty();
        chromium.screenshot("easypay-already-returned");

        NotificationReceiver.Received notification = receiver.await(1).stream()
                .filter(r -> r.path().equals("/notify/web")).findFirst().orElseThrow();
        Map<String, String> async = FlatJson.parse(notification.body());
        assertThat(async).containsEntry("no_order", noOrder).containsEntry("result_pay", "SUCCESS");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, async).valid()).isTrue();
    }

    @Test
    void aPhonePayerPaysWithTheH5PagesByCreditCardAndTapsBackToTheMerchant() {
        open(true);
        browser.manage().window().setSize(new Dimension(390, 844));
        checkout(Map.of("page", "H5", "name_goods", "保温杯", "money_order", "66.00", "bg_color", "2f6f4e",
                "notify_url", receiver.url("/notify/h5")));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("style")).contains("--accent");
        // The page fits the phone: nothing wider than the window.
        Object scrollWidth = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth;");
        assertThat(((Number) scrollWidth).intValue()).isLessThanOrEqualTo(390);
        chromium.screenshot("easypay-h5-bank");
        chooseBank("C:03080000");

        typeHolder("6225750000000010");
        type("vali_date", "1239");
        type("cvv2", "123");
        chromium.screenshot("easypay-h5-card");
        browser.findElement(By.id("send-code")).click();
        await().until(() -> !browser.findElements(By.id("verify_code")).isEmpty());
        assertThat(browser.getPageSource()).doesNotContain("value=\"123\"");
        // The payer reads the code on the sandbox phone the page links, in a tab of its own, as on a real phone.
        String codeTab = browser.getWindowHandle();
        browser.findElement(By.id("sandbox_phone")).click();
        await().until(() -> browser.getWindowHandles().size() == 2);
        browser.switchTo().window(browser.getWindowHandles().stream().filter(h -> !h.equals(codeTab)).findFirst()
                .orElseThrow());
        await().until(() -> !browser.findElements(By.cssSelector("#messages .code")).isEmpty());
        String code = browser.findElement(By.cssSelector("#messages .code")).getText();
        chromium.screenshot("easypay-h5-phone");
        browser.close();
        browser.switchTo().window(codeTab);
        assertThat(code).isEqualTo(latestCode());
        type("verify_code", code);
        chromium.screenshot("easypay-h5-code");
        browser.findElement(By.id("pay")).click();

        await().until(() -> !browser.findElements(By.id("next")).isEmpty());
        assertThat(text("outcome")).isEqualTo("支付成功 Paid");
        chromium.screenshot("easypay-h5-paid");
        browser.findElement(By.id("next")).click();

        waitFor("/sandbox/merchant-demo/return?res_data=");
        assertThat(text("verdict")).startsWith("签名验证通过");
        assertThat(text("field-result_pay")).isEqualTo("SUCCESS");
        assertThat(text("field-money_order")).isEqualTo("66.00");
        chromium.screenshot("easypay-h5-merchant-return");
    }

    @Test
    void aPresetCardIsShownMaskedAndWithoutScriptsThePayerReturnsWithTheButton() {
        open(false);
        checkout(Map.of("page", "WEB", "card_no", "6214830000000000003", "acct_name", "王小明",
                "id_no", "11010119900307803X", "notify_url", receiver.url("/notify/preset")));
        assertThat(text("card_no")).isEqualTo("621483*********0003");
        assertThat(text("id_no")).isEqualTo("1101**********803X");
        assertThat(browser.getPageSource()).doesNotContain("6214830000000000003").doesNotContain("11010119900307803X");
        assertThat(browser.findElement(By.id("back_url")).getAttribute("href")).endsWith("/sandbox/merchant-demo");
        chromium.screenshot("easypay-preset-card");
        type("bind_mob", MOBILE);
        browser.findElement(By.id("send-code")).click();
        await().until(() -> !browser.findElements(By.id("verify_code")).isEmpty());
        type("verify_code", latestCode());
        browser.findElement(By.id("pay")).click();

        waitFor("/easypay/return/");
        assertThat(browser.findElement(By.id("return")).isDisplayed()).isTrue();
        chromium.screenshot("easypay-return-without-scripts");
        browser.findElement(By.id("return")).click();
        waitFor("/sandbox/merchant-demo/return");
        assertThat(text("verdict")).startsWith("签名验证通过");
        assertThat(text("field-ret_code")).isEqualTo("0000");

        browser.navigate().back();
        browser.navigate().refresh();
        assertThat(text("outcome")).isEqualTo("已返回商户 Returned");
        assertThat(browser.findElements(By.id("return-form"))).isEmpty();
    }
}
