package io.llgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.RsaKeys;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.bank.VerificationSms;
import io.llgate.server.kernel.Money;
import io.llgate.server.kernel.TransactionRef;
import io.llgate.server.ledger.Ledger;
import io.llgate.server.ledger.PaymentReceipts;
import io.llgate.server.notify.OutgoingNotification;
import io.llgate.server.onlinebanking.OnlineBankingProduct;
import io.llgate.server.testing.ConsoleBrowser;
import io.llgate.server.testing.EasypayClient;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Each console page in headless Chromium, on a gateway with real traffic: the pages show what happened, their forms
 * do what the admin API does (a resend reaches the merchant's receiver, a bulk resend shows a dry run first), the
 * sandbox's page exists only in sandbox mode, and card, ID and mobile numbers never appear unmasked.
 */
class ConsolePagesTest {
    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 1_000_000);

    Gateway gateway;
    ConsoleBrowser console;
    NotificationReceiver receiver;

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private void startSandbox() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        console = ConsoleBrowser.open(gateway);
    }

    /** A payout to a new card ending {@code lastFour}, accepted; its no_order. */
    private String payout(TestMerchant merchant, String lastFour) {
        var request = merchant.payout("621700" + String.format("%09d", CARDS.incrementAndGet()) + lastFour, "250.50",
                receiver.url());
        assertThat(merchant.sealed("/paymentapi/payment.htm", request).retCode()).isEqualTo("0000");
        return request.get("no_order");
    }

    /** A payout whose notification the receiver acknowledged; its notification's id. */
    private long deliveredPayout(TestAdmin admin, TestMerchant merchant) {
        long id = admin.awaitNotification(payout(merchant, "0000"));
        admin.awaitStatus(id, "DELIVERED");
        return id;
    }

    private String source() {
        return console.driver().getPageSource();
    }

    @Test
    void everyPageShowsTheGatewaysTraffic() {
        startSandbox();
        TestAdmin admin = new TestAdmin(gateway);
        TestMerchant merchant = TestMerchant.register(gateway, 1_000_000);
        String paid = payout(merchant, "0000");
        String held = payout(merchant, "0002");
        admin.awaitStatus(admin.awaitNotification(paid), "DELIVERED");

        console.login("dana").awaitUrl("/console");
        console.go("/console");
        assertThat(console.text("today")).contains("INSTANT_PAYMENT").contains("100.0%");
        assertThat(console.text("queue-pending")).isEqualTo("0");
        assertThat(console.driver().findElement(By.id("latency-chart")).getAttribute("aria-label"))
                .contains("1 first attempts");
        chromiumShot("overview");

        console.go("/console/notifications");
        assertThat(console.text("notifications")).contains(paid).contains("DELIVERED");
        assertThat(console.text("counts")).contains(merchant.oidPartner());
        console.driver().findElement(By.linkText(String.valueOf(admin.awaitNotification(paid)))).click();
        console.awaitUrl("/console/notifications/");
        assertThat(console.text("attempt-1")).contains("ACKNOWLEDGED").contains("HTTP 200");
        assertThat(console.text("curl")).startsWith("curl -sS -X POST '" + receiver.url() + "'")
                .contains("X-LLGate-Notification-Id").contains("\"no_order\":\"" + paid + "\"");

        console.go("/console/merchants");
        assertThat(console.text("merchants")).contains(merchant.oidPartner());
        console.go("/console/merchants/" + merchant.oidPartner());
        assertThat(console.text("fingerprint")).startsWith("SHA256:");
        assertThat(console.text("amt-reserved")).isEqualTo("250.50");

        console.go("/console/settlement");
        assertThat(console.text("business-day")).matches("\\d{8}");
        console.driver().findElement(By.id("reconcile")).click();
        assertThat(console.text("difference-count")).startsWith("0");

        console.go("/console/sandbox");
        String oidPaybill = console.driver().findElement(By.cssSelector("#held code")).getText();
        console.click("resolve-success-" + oidPaybill);
        assertThat(console.text("notice")).contains(oidPaybill);
        admin.awaitStatus(admin.awaitNotification(held), "DELIVERED");
        assertThat(receiver.received()).hasSize(2);

        console.go("/console/audit");
        assertThat(console.text("audit")).contains("sandbox.resolve").contains("dana");
    }

    @Test
    void aResendFromThePageReachesTheMerchantsReceiverAndTheAttemptAppearsWithoutReloading() {
        startSandbox();
        TestAdmin admin = new TestAdmin(gateway);
        TestMerchant merchant = TestMerchant.register(gateway, 1_000_000);
        long id = deliveredPayout(admin, merchant);
        byte[] first = receiver.await(1).get(0).body();

        console.login("erin").awaitUrl("/console");
        console.go("/console/notifications/" + id);
        console.click("resend");
        assertThat(console.text("notice")).contains("Resent notification " + id);
        List<NotificationReceiver.Received> received = receiver.await(2);
        assertThat(received.get(1).body()).isEqualTo(first);
        assertThat(received.get(1).header("X-LLGate-Attempt")).isEqualTo("2");
        // Live: an attempt made meanwhile (here resent through the admin API) shows up on the open page by itself.
        JavascriptExecutor script = (JavascriptExecutor) console.driver();
        script.executeScript("window.notReloaded = true;");
        assertThat(admin.post("/admin/notifications/" + id + "/resend", "").status()).isEqualTo(202);
        receiver.await(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> console.has("attempt-3"));
        assertThat(script.executeScript("return window.notReloaded === true;")).isEqualTo(true);

        JsonNode audit = admin.get("/admin/audit").json().get("entries").get(0);
        assertThat(audit.get("action").asText()).isEqualTo("notification.resend");
        assertThat(audit.get("target").asText()).isEqualTo("notification " + id);
        assertThat(audit.get("actor").asText()).isEqualTo("erin");
    }

    @Test
    void aBulkResendShowsADryRunThatChangesNothingThenResendsOnConfirmation() {
        startSandbox();
        TestAdmin admin = new TestAdmin(gateway);
        TestMerchant merchant = TestMerchant.register(gateway, 1_000_000);
        deliveredPayout(admin, merchant);
        deliveredPayout(admin, merchant);
        receiver.await(2);

        console.login("fay").awaitUrl("/console");
        console.go("/console/notifications?merchant=" + merchant.oidPartner());
        console.driver().findElement(By.cssSelector("#bulk-status option[value='DELIVERED']")).click();
        console.click("bulk-resend");
        assertThat(console.text("dry-run-count")).startsWith("2").contains("Nothing has changed");
        assertThat(receiver.received()).hasSize(2);
        assertThat(admin.list("merchant=" + merchant.oidPartner() + "&status=DELIVERED")).hasSize(2);
        assertThat(admin.get("/admin/audit").json().get("entries").get(0).get("action").asText()).isEqualTo("login");

        console.click("bulk-confirm");
        assertThat(console.text("notice")).contains("Resending 2");
        receiver.await(4);
        assertThat(admin.get("/admin/audit").json().get("entries").get(0).get("action").asText())
                .isEqualTo("notification.bulk-resend");
    }

    @Test
    void theMerchantFormsDoWhatTheAdminApiDoes() throws Exception {
        startSandbox();
        TestAdmin admin = new TestAdmin(gateway);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair first = generator.generateKeyPair();
        KeyPair second = generator.generateKeyPair();

        console.login("gus").awaitUrl("/console");
        console.go("/console/merchants");
        console.driver().findElement(By.id("new-oid")).sendKeys("201900000000000777");
        console.driver().findElement(By.id("new-name")).sendKeys("控制台商户");
        ((JavascriptExecutor) console.driver()).executeScript(
                "document.getElementById('new-key').value = arguments[0];", RsaKeys.pem(first.getPublic()));
        console.driver().findElement(By.cssSelector("input[name='product.instant-payment']")).click();
        console.click("register").awaitUrl("/console/merchants/201900000000000777");
        assertThat(console.text("products")).isEqualTo("instant-payment");

        console.driver().findElement(By.id("topup-amount")).sendKeys("1234.56");
        console.click("topup");
        assertThat(console.text("amt-balance")).isEqualTo("1234.56");

        WebElement fee = console.driver().findElement(By.id("edit-fee"));
        fee.clear();
        fee.sendKeys("25");
        console.click("save");
        assertThat(console.text("fee")).isEqualTo("25 bp");

        ((JavascriptExecutor) console.driver()).executeScript(
                "document.getElementById('key-text').value = arguments[0];", RsaKeys.pem(second.getPublic()));
        String before = console.text("fingerprint");
        console.click("upload-key");
        assertThat(console.text("fingerprint")).isNotEqualTo(before);

        console.click("suspend");
        assertThat(console.text("merchant-status")).isEqualTo("SUSPENDED");

        JsonNode m = admin.get("/admin/merchants/201900000000000777").json();
        assertThat(m.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(m.get("amt_balance").asText()).isEqualTo("1234.56");
        assertThat(m.get("fee_rate_bp").asInt()).isEqualTo(25);
        assertThat(m.get("public_key").asText()).isEqualTo(RsaKeys.base64(second.getPublic()));

        // A refusal of the admin API's checks is the console's error page, and changes nothing.
        console.go("/console/merchants/201900000000000777");
        console.driver().findElement(By.id("topup-amount")).sendKeys("12.345");
        console.click("topup");
        assertThat(console.text("error-message")).contains("amount must look like 100.00");
        assertThat(admin.get("/admin/merchants/201900000000000777").json().get("amt_balance").asText())
                .isEqualTo("1234.56");

        assertThat(admin.get("/admin/audit").json().get("entries").findValuesAsText("action"))
                .containsSubsequence("merchant.suspend", "merchant.key", "merchant.edit", "merchant.topup",
                        "merchant.register");
    }

    @Test
    void theMerchantPageShowsTheBalancesOfEachCurrency() {
        startSandbox();
        TestMerchant merchant = TestMerchant.register(gateway, 50_000);
        long merchantId = gateway.merchants().find(merchant.oidPartner()).orElseThrow().id();
        Ledger ledger = new Ledger(gateway.clock(), gateway.settings().businessCalendar());
        // What the exchange product posts for 31.68 USD paid with 210.97 CNY, with a 0.21 USD fee.
        gateway.jdbi().useTransaction(h -> new PaymentReceipts(ledger).receiveExchange(h, merchantId,
                new TransactionRef(OnlineBankingProduct.IDENTITY, 990_001), Money.cny(21_097),
                Money.of(3_168, Currency.getInstance("USD")), Money.of(21, Currency.getInstance("USD")),
                ledger.settleDateNow()));

        console.login("erin").awaitUrl("/console");
        console.go("/console/merchants/" + merchant.oidPartner());
        assertThat(console.text("amt-balance")).isEqualTo("500.00");
        assertThat(console.driver().findElement(By.cssSelector("#balances-by-currency tr[data-currency='USD']"))
                .getText()).contains("USD").contains("0.00").contains("31.47");
        assertThat(console.driver().findElement(By.cssSelector("#balances-by-currency tr[data-currency='CNY']"))
                .getText()).contains("500.00");
    }

    @Test
    void theSandboxPageAnswersACardChargeTheIssuerLeftPending() {
        startSandbox();
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        EasypayClient card = new EasypayClient(gateway, merchant, receiver.url());
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = card.apply("u_console", "6222020000000009000", false, mobile, "9.00");
        String oidPaybill = card.pay(apply, mobile).get("oid_paybill");
        assertThat(card.query(apply.get("no_order")).get("result_pay")).isEqualTo("PROCESSING");

        console.login("kim").awaitUrl("/console");
        console.go("/console/sandbox").click("pending-card-charges").awaitUrl("status=PROCESSING").awaitText(oidPaybill);
        console.go("/console/sandbox");
        console.driver().findElement(By.id("card-oid-paybill")).sendKeys(oidPaybill);
        console.click("card-paid");
        assertThat(console.text("notice")).contains(oidPaybill).contains("paid");
        assertThat(card.query(apply.get("no_order")).get("result_pay")).isEqualTo("SUCCESS");
        console.driver().findElement(By.id("card-oid-paybill")).sendKeys(oidPaybill);
        console.click("card-declined").awaitText("is pending at the sandbox issuer");
        assertThat(card.query(apply.get("no_order")).get("result_pay")).isEqualTo("SUCCESS");

        JsonNode audit = new TestAdmin(gateway).get("/admin/audit").json().get("entries").get(0);
        assertThat(audit.get("action").asText()).isEqualTo("sandbox.card-charge");
        assertThat(audit.get("target").asText()).isEqualTo("card charge " + oidPaybill);
        assertThat(audit.get("actor").asText()).isEqualTo("kim");
    }

    @Test
    void aProductionGatewayHasNoSandboxPages() {
        gateway = Gateway.start(TestGateways.settings().withMode(GatewayMode.PRODUCTION, "a-production-token-of-length"));
        console = ConsoleBrowser.open(gateway);
        console.login("hal").awaitUrl("/console");
        assertThat(console.has("nav-overview")).isTrue();
        assertThat(console.has("nav-sandbox")).isFalse();
        assertThat(console.pageText()).doesNotContain("SANDBOX");
        console.go("/console/sandbox");
        assertThat(console.has("nav-overview")).isFalse();
        assertThat(gateway.routes()).noneMatch(r -> r.path().startsWith("/console/sandbox"));
    }

    @Test
    void cardIdAndMobileNumbersAreMaskedOnEveryPage() {
        startSandbox();
        TestMerchant merchant = TestMerchant.register(gateway, 1_000_000);
        long merchantId = gateway.merchants().find(merchant.oidPartner()).orElseThrow().id();
        String body = "{\"oid_partner\":\"" + merchant.oidPartner() + "\",\"card_no\":\"6217000012345670002\","
                + "\"id_no\":\"11010119900307123X\",\"bind_mob\":\"13812345678\",\"no_order\":\"MASK1\"}";
        gateway.jdbi().useTransaction(h -> gateway.notifier().enqueue(h, new OutgoingNotification(merchantId,
                "INSTANT_PAYMENT", "2024061200000001", "MASK1", "SUCCESS", receiver.url(), body)));
        gateway.sms().sendCode(new VerificationSms("13987654321", "123456", merchant.oidPartner(), "shop", "T1"));
        TestAdmin admin = new TestAdmin(gateway);
        long id = admin.awaitNotification("MASK1");

        console.login("ivy").awaitUrl("/console");
        console.go("/console/notifications/" + id);
        assertThat(console.text("body")).contains("621700*********0002").contains("110***********123X")
                .contains("138****5678");
        console.go("/console/sandbox?mobile=13987654321");
        assertThat(console.text("sms")).contains("123456");
        for (String path : List.of("/console", "/console/notifications", "/console/notifications/" + id,
                "/console/merchants", "/console/merchants/" + merchant.oidPartner(), "/console/sandbox?mobile=13987654321",
                "/console/settlement", "/console/audit")) {
            console.go(path);
            assertThat(source()).as(path).doesNotContain("6217000012345670002").doesNotContain("11010119900307123X")
                    .doesNotContain("13812345678").doesNotContain("13987654321");
        }
    }

    private void chromiumShot(String name) {
        console.chromium().screenshot("console-" + name);
    }
}
