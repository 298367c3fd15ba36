package io.llgate.server.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.ConsoleBrowser;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The console's Transactions pages in headless Chromium: the list with its filters, search and keyset pages, and a
 * payment's page with its attempts, masked numbers, a resend that reaches the merchant's receiver and appears without
 * a reload, and a curl command that replays the delivery.
 */
class TransactionConsoleBrowserTest {
    static Gateway gateway;
    static TestAdmin admin;
    static NotificationReceiver receiver;
    static TestMerchant merchant;
    static TestMerchant.PaidOrder order;
    static String refundNumber;
    static String payoutPaybill;
    ConsoleBrowser console;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(TestGateways.settings());
        admin = new TestAdmin(gateway);
        receiver = new NotificationReceiver();
        merchant = TestMerchant.register(gateway, 1_000_000);
        TestMerchant.Reply payout = merchant.sealed("/paymentapi/payment.htm",
                merchant.payout("6217000000" + System.nanoTime() % 100_000 + "5678", "250.50", receiver.url("/ok")));
        assertThat(payout.retCode()).as(payout.text()).isEqualTo("0000");
        payoutPaybill = payout.get("oid_paybill");
        // The merchant's receiver is down for the payment's notification: every attempt answers 500.
        receiver.answer(r -> r.path().equals("/down") ? new NotificationReceiver.Answer(500, "down for maintenance")
                : new NotificationReceiver.Answer(200, NotificationReceiver.ACK));
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("88.80", receiver.url("/down"));
        form.put("user_id", "13912345678");
        order = merchant.paidOnlineBankingOrder(form);
        refundNumber = new Books(gateway).refund(merchant, order, "8.80", receiver.url("/ok")).get("oid_refundno");
        await().atMost(Duration.ofSeconds(20)).until(() -> admin.get("/admin/notifications?status=EXHAUSTED")
                .json().get("notifications").size() == 1);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @BeforeEach
    void openConsole() {
        console = ConsoleBrowser.open(gateway);
        console.go("/console/transactions").login("alice").awaitUrl("/console/transactions");
    }

    @AfterEach
    void closeConsole() {
        if (console != null) {
            console.close();
        }
    }

    private List<String> listedRefs() {
        List<String> refs = new ArrayList<>();
        console.driver().findElements(By.cssSelector("#transactions tbody tr"))
                .forEach(row -> refs.add(row.getAttribute("data-ref")));
        return refs;
    }

    @Test
    void theListFiltersSearchesAndPages() {
        List<String> all = listedRefs();
        assertThat(all).hasSize(3);
        assertThat(all.get(0)).startsWith("refund:");
        console.chromium().screenshot("transactions");

        console.driver().findElement(By.cssSelector("#product option[value='instant-payment']")).click();
        console.click("apply").awaitUrl("product=instant-payment");
        assertThat(listedRefs()).hasSize(1).allMatch(ref -> ref.startsWith("instant-payment:"));
        assertThat(console.pageText()).contains(payoutPaybill);

        console.click("clear").awaitUrl("/console/transactions");
        console.driver().findElement(By.id("q")).sendKeys(order.oidPaybill());
        console.click("apply").awaitUrl("q=");
        assertThat(listedRefs()).hasSize(2).anyMatch(r -> r.startsWith("refund:")).anyMatch(r -> r.startsWith("online-banking:"));

        console.go("/console/transactions?q=NO-SUCH-ORDER");
        assertThat(console.has("no-transactions")).isTrue();

        // Keyset pages of one row each walk the whole list, in order, by their "next" links.
        console.go("/console/transactions?limit=1");
        List<String> walked = new ArrayList<>(listedRefs());
        while (console.has("next")) {
            console.click("next");
            walked.addAll(listedRefs());
            assertThat(walked.size()).isLessThanOrEqualTo(all.size());
        }
        assertThat(walked).isEqualTo(all);

        console.go("/console/transactions?status=NOPE");
        assertThat(console.pageText()).contains("unknown status NOPE");
    }

    @Test
    void aPaymentsPageShowsEveryAttemptMasksNumbersAndResendsLive() throws Exception {
        String ref = admin.get("/admin/transactions?product=online-banking").json().get("transactions").get(0)
                .get("ref").asText();
        console.go("/console/transactions?q=" + order.noOrder());
        console.driver().findElement(By.cssSelector("tr[data-ref='" + ref + "'] a")).click();
        console.awaitUrl("/console/transactions/" + ref);
        assertThat(console.text("no_order")).isEqualTo(order.noOrder());
        assertThat(console.text("fact-user_id")).isEqualTo("139****5678");
        assertThat(console.pageText()).doesNotContain("13912345678");
        assertThat(console.text("timeline")).contains("ledger entry PAYMENT_RECEIPT").contains("refund " + refundNumber);
        assertThat(console.text("refunds")).contains(refundNumber).contains("8.80");

        WebElement notification = console.driver().findElement(By.cssSelector("#notifications article"));
        long id = Long.parseLong(notification.getAttribute("id").substring("notification-".length()));
        List<WebElement> attempts = notification.findElements(By.cssSelector("tr.attempt"));
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).findElement(By.className("http-status")).getText()).isEqualTo("500");
        assertThat(attempts.get(0).findElement(By.className("answer")).getAttribute("textContent"))
                .isEqualTo("down for maintenance");
        assertThat(attempts.get(2).getText()).contains("X-LLGate-Attempt: 3");
        String body = notification.findElement(By.className("body")).getAttribute("textContent");
        assertThat(body).isEqualTo(receiver.received().stream().filter(r -> r.path().equals("/down")).findFirst()
                .orElseThrow().text());
        console.chromium().screenshot("transaction");

        // Resend from the page: the receiver is up again; the new attempt appears without reloading the page.
        receiver.answer(r -> new NotificationReceiver.Answer(200, NotificationReceiver.ACK));
        console.click("resend-" + id).awaitUrl("/console/transactions/" + ref);
        assertThat(console.text("notice")).contains("Notification " + id);
        ((JavascriptExecutor) console.driver()).executeScript("window.stillThisPage = true;");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.driver()
                .findElements(By.cssSelector("#notification-" + id + " tr.attempt")).size() == 4);
        assertThat(((JavascriptExecutor) console.driver()).executeScript("return window.stillThisPage === true;"))
                .isEqualTo(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> console.driver()
                .findElement(By.cssSelector("#notification-" + id + " .status")).getText().equals("DELIVERED"));
        NotificationReceiver.Received resent = receiver.received().stream()
                .filter(r -> "4".equals(r.header("X-LLGate-Attempt"))).findFirst().orElseThrow();
        assertThat(resent.text()).isEqualTo(body);
        JsonNode audit = admin.get("/admin/audit?limit=10").json().get("entries");
        assertThat(audit.toString()).contains("notification.resend").contains("notification " + id).contains("alice");

        // The curl command replays the delivery byte for byte to the merchant's receiver.
        String curl = console.driver().findElement(By.id("curl-text-" + id)).getAttribute("textContent");
        int before = receiver.received().size();
        Process process = new ProcessBuilder("sh", "-c", curl + " > /dev/null").redirectErrorStream(true).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        NotificationReceiver.Received replayed = receiver.await(before + 1).get(before);
        assertThat(replayed.text()).isEqualTo(body);
        assertThat(replayed.header("X-LLGate-Attempt")).isEqualTo("5");
        assertThat(replayed.header("Content-Type")).isEqualTo("text/json;charset=utf-8");
    }

    @Test
    void aPayoutsPageShowsOnlyTheCardsMask() throws IOException {
        String ref = admin.get("/admin/transactions?q=" + payoutPaybill).json().get("transactions").get(0)
                .get("ref").asText();
        console.go("/console/transactions/" + ref);
        assertThat(console.text("fact-card_no")).matches("621700\\*+5678");
        assertThat(console.text("timeline")).contains("ledger entry PAYOUT_SUCCESS");
        console.go("/console/transactions/refund:999999");
        assertThat(console.pageText()).contains("No transaction refund:999999");
    }
}
