package io.example.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.client.LlGateClient;
import io.llgate.testkit.LlGateSandbox;
import io.llgate.testkit.NotificationChaos;
import io.llgate.testkit.Sandbox;
import io.llgate.testkit.SentNotification;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shop's back office against a sandbox gateway: what a person using it, and its accountant, would notice. */
@LlGateSandbox(balance = "50000.00")
class MerchantAppTest {
    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    static AppHttp http;

    @BeforeAll
    static void start(LlGateClient client) {
        http = AppHttp.start(client);
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void paysASupplierAndCountsThePaymentOnceThoughItIsNotifiedTwice(Sandbox sandbox) throws Exception {
        Map<String, String> payout = http.post("/payouts", "supplier=acme&card_no=" + card("5678")
                + "&acct_name=" + AppHttp.utf8("李明") + "&amount=120.50");
        String noOrder = payout.get("no_order");

        SentNotification first = delivered(sandbox, noOrder, 1);
        sandbox.resendNotification(noOrder);
        SentNotification again = delivered(sandbox, noOrder, 2);

        assertThat(first.result()).isEqualTo("SUCCESS");
        assertThat(again.attempts()).extracting(SentNotification.Attempt::outcome)
                .containsOnly(SentNotification.Outcome.ACKNOWLEDGED);
        assertThat(http.get("/payouts/" + noOrder)).containsEntry("status", "PAID").containsEntry("amount", "120.50");
        assertThat(http.get("/suppliers/acme")).containsEntry("paid", "120.50");
        assertThat(http.app().payouts().processed()).containsOnlyOnce(noOrder + " SUCCESS");
    }

    @Test
    void aNotificationTheGatewaySendsTwiceIsCountedOnce(Sandbox sandbox) throws Exception {
        sandbox.notifyChaos(NotificationChaos.DUPLICATE, Duration.ZERO);
        try {
            String noOrder = pay("wayne", card("5678"), "70.00");

            SentNotification first = sandbox.awaitSentNotification(noOrder,
                    n -> n.status() == SentNotification.Status.DELIVERED);
            SentNotification copy = sandbox.awaitSentNotification(noOrder,
                    n -> n.id() != first.id() && n.status() == SentNotification.Status.DELIVERED);

            assertThat(copy.body()).isEqualTo(first.body());
            assertThat(http.get("/suppliers/wayne")).containsEntry("paid", "70.00");
            assertThat(http.app().payouts().processed()).containsOnlyOnce(noOrder + " SUCCESS");
        } finally {
            sandbox.notifyChaos(NotificationChaos.NONE, Duration.ZERO);
        }
    }

    @Test
    void aFailedPayoutPaysNothing(Sandbox sandbox) throws Exception {
        String noOrder = pay("globex", card("0001"), "80.00");

        delivered(sandbox, noOrder, 1);

        assertThat(http.get("/payouts/" + noOrder)).containsEntry("status", "FAILED");
        assertThat(http.get("/suppliers/globex")).containsEntry("paid", "0.00");
    }

    @Test
    void aReversedPayoutIsTakenOffTheSuppliersTotal(Sandbox sandbox) throws Exception {
        String noOrder = pay("initech", card("0003"), "45.00");

        sandbox.awaitSentNotification(noOrder, n -> n.result().equals("CANCEL")
                && n.status() == SentNotification.Status.DELIVERED);

        assertThat(http.get("/payouts/" + noOrder)).containsEntry("status", "REVERSED");
        assertThat(http.get("/suppliers/initech")).containsEntry("paid", "0.00");
        assertThat(http.app().payouts().processed()).containsSubsequence(noOrder + " SUCCESS", noOrder + " CANCEL");
    }

    @Test
    void aPayoutHeldForReviewIsPaidOnceConfirmed(Sandbox sandbox) throws Exception {
        String card = card("5678");
        delivered(sandbox, pay("umbrella", card, "10.00"), 1);

        Map<String, String> second = http.post("/payouts", "supplier=umbrella&card_no=" + card + "&acct_name="
                + AppHttp.utf8("李明") + "&amount=10.00");
        assertThat(second).containsEntry("status", "HELD").containsEntry("problem", "SUSPECTED_DUPLICATE");
        assertThat(second.get("confirm_code")).matches("\\d{6}");
        http.post("/payouts/" + second.get("no_order") + "/confirm", "");
        delivered(sandbox, second.get("no_order"), 1);

        assertThat(http.get("/suppliers/umbrella")).containsEntry("paid", "20.00");
    }

    @Test
    void aPayoutTheBankHoldsIsPaidWhenTheBankSettlesIt(Sandbox sandbox) throws Exception {
        Map<String, String> payout = http.post("/payouts", "supplier=hooli&card_no=" + card("0002")
                + "&acct_name=" + AppHttp.utf8("李明") + "&amount=33.00");
        assertThat(payout).containsEntry("status", "SENT");

        sandbox.payouts().resolve(payout.get("oid_paybill"), true);
        delivered(sandbox, payout.get("no_order"), 1);

        assertThat(http.get("/suppliers/hooli")).containsEntry("paid", "33.00");
    }

    @Test
    void aBadAmountIsRefusedBeforeAnythingIsSent(Sandbox sandbox) throws Exception {
        HttpResponse<String> response = http.postForm("/payouts", "supplier=acme&card_no=" + card("5678")
                + "&acct_name=x&amount=12.345");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("money_order");
        assertThat(sandbox.client().balance().amtBalanceFen()).isPositive();
    }

    private static String pay(String supplier, String card, String amount) throws Exception {
        return http.post("/payouts", "supplier=" + supplier + "&card_no=" + card + "&acct_name="
                + AppHttp.utf8("李明") + "&amount=" + amount).get("no_order");
    }

    /** The order's notification once it has at least {@code attempts} attempts and is delivered. */
    private static SentNotification delivered(Sandbox sandbox, String noOrder, int attempts) {
        return sandbox.awaitSentNotification(noOrder,
                n -> n.status() == SentNotification.Status.DELIVERED && n.attempts().size() >= attempts);
    }

    private static String card(String lastFour) {
        return "621700" + String.format("%09d", CARDS.incrementAndGet() % 1_000_000_000L) + lastFour;
    }



}
