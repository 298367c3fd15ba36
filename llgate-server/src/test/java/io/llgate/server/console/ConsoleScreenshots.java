package io.llgate.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.server.Gateway;
import io.llgate.server.bank.VerificationSms;
import io.llgate.server.testing.ConsoleBrowser;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * Takes the screenshots of the console's main pages in {@code docs/operator/console/} from a sandbox with some
 * traffic: payouts that succeed, fail and wait at the bank, a paid online banking order, and a merchant whose
 * endpoint answers 500. Run on purpose only (it rewrites the docs' images), with Debian's fonts-noto-cjk installed:
 * {@code ./build -q -pl llgate-server -am -Dtest=ConsoleScreenshots -Dllgate.screenshots=true verify}.
 */
@EnabledIfSystemProperty(named = "llgate.screenshots", matches = "true")
class ConsoleScreenshots {
    private static final Path DOCS = Path.of("..", "docs", "operator", "console");
    private static final AtomicLong CARDS = new AtomicLong(4_000);

    @Test
    void takeTheScreenshots() throws IOException {
        Files.createDirectories(DOCS);
        try (Gateway gateway = Gateway.start(TestGateways.settings());
             NotificationReceiver shop = new NotificationReceiver();
             NotificationReceiver broken = new NotificationReceiver();
             ConsoleBrowser console = ConsoleBrowser.open(gateway)) {
            broken.answer(r -> new NotificationReceiver.Answer(500, "<html>502 Bad Gateway</html>"));
            TestAdmin admin = new TestAdmin(gateway);
            TestMerchant books = TestMerchant.register(gateway, 5_000_000_00L);
            TestMerchant market = TestMerchant.register(gateway, 800_000_00L);
            admin.patch("/admin/merchants/" + books.oidPartner(), "{\"fee_rate_bp\":30}");
            for (String suffix : new String[] {"0000", "0000", "0000", "0001", "0000", "0002"}) {
                pay(books, suffix, shop.url());
            }
            books.paidOnlineBankingOrder("88.80", shop.url());
            books.paidOnlineBankingOrder("1299.00", shop.url());
            String failing = pay(market, "0000", broken.url());
            pay(market, "0001", broken.url());
            gateway.sms().sendCode(new VerificationSms("13812345678", "602214", books.oidPartner(), "书店", "2024000001"));
            admin.awaitStatus(admin.awaitNotification(failing), "EXHAUSTED");
            await().atMost(Duration.ofSeconds(20)).until(() -> shop.received().size() >= 7);

            console.login("运营 Alice").awaitUrl("/console");
            console.go("/console");
            shot(console, "overview");
            console.go("/console/notifications");
            shot(console, "notifications");
            console.go("/console/notifications/" + admin.awaitNotification(failing));
            shot(console, "notification");
            console.go("/console/transactions");
            shot(console, "transactions");
            String failingRef = admin.get("/admin/transactions?q=" + failing).json().get("transactions").get(0)
                    .get("ref").asText();
            console.go("/console/transactions/" + failingRef);
            shot(console, "transaction");
            console.go("/console/merchants/" + books.oidPartner());
            shot(console, "merchant");
            console.go("/console/sandbox?mobile=13812345678");
            shot(console, "sandbox");
            console.driver().manage().window().setSize(new Dimension(400, 1000));
            console.go("/console");
            shot(console, "phone-overview");
            console.driver().manage().window().setSize(new Dimension(1100, 1200));

            // To the next morning, Beijing time: the day is settled and its report files are published.
            gateway.advanceClock(Duration.ofHours(34));
            // A day later the session has long idled out: log in again.
            console.go("/console/settlement").login("运营 Alice").awaitUrl("/console/settlement");
            console.click("reconcile");
            await().atMost(Duration.ofSeconds(20)).until(() -> console.has("reconciliation"));
            shot(console, "settlement");
            console.go("/console/audit");
            shot(console, "audit");
            assertThat(Files.list(DOCS).count()).isGreaterThanOrEqualTo(10);
        }
    }

    private static String pay(TestMerchant merchant, String lastFour, String notifyUrl) {
        var request = merchant.payout("621700" + String.format("%09d", CARDS.incrementAndGet()) + lastFour,
                lastFour.equals("0002") ? "12000.00" : "250.50", notifyUrl);
        assertThat(merchant.sealed("/paymentapi/payment.htm", request).retCode()).isEqualTo("0000");
        return request.get("no_order");
    }

    /** The whole page: the window is made as tall as the page first, then the shot is copied into the docs. */
    private static void shot(ConsoleBrowser console, String name) throws IOException {
        Dimension size = console.driver().manage().window().getSize();
        Number height = (Number) ((org.openqa.selenium.JavascriptExecutor) console.driver())
                .executeScript("return document.documentElement.scrollHeight;");
        console.driver().manage().window().setSize(new Dimension(size.getWidth(), Math.min(4000, height.intValue() + 140)));
        console.driver().findElement(By.tagName("body"));
        Path taken = console.chromium().screenshot("console-" + name);
        Files.copy(taken, DOCS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        console.driver().manage().window().setSize(size);
    }
}
