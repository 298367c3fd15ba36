package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A merchant whose endpoint hangs never holds up another merchant's notifications. */
class NotificationIsolationTest {

    @Test
    void hangingMerchantDoesNotDelayAnotherMerchantsNotification() {
        // Two attempts at a time per host and four rows per claim: merchant A's backlog alone fills a claim,
        // as a larger backlog would with the production batch. The timeout outlasts the test, so every one
        // of A's attempts is still waiting for an answer when B's notification arrives.
        NotifyPolicy policy = new NotifyPolicy(Duration.ofMillis(300), 3, Duration.ofSeconds(60), 2,
                Duration.ofMillis(100), 4);
        CountDownLatch testOver = new CountDownLatch(1);
        try (NotificationReceiver hanging = new NotificationReceiver();
             NotificationReceiver healthy = new NotificationReceiver()) {
            hanging.answer(r -> NotificationReceiver.hangUntil(testOver));
            try (Gateway gateway = Gateway.start(TestGateways.settings().withNotifyPolicy(policy))) {
                TestAdmin admin = new TestAdmin(gateway);
                TestMerchant a = TestMerchant.register(gateway, 10_000_000);
                TestMerchant b = TestMerchant.register(gateway, 100_000);
                for (int i = 0; i < 6; i++) {
                    Payouts.pay(a, "5678", hanging.url());
                }
                await().until(() -> admin.list("merchant=" + a.oidPartner()).size() == 6);
                hanging.await(2);

                Payouts.Applied fromB = Payouts.pay(b, "5678", healthy.url());

                healthy.await(1);
                assertThat(admin.list("merchant=" + a.oidPartner()))
                        .as("none of A's attempts has ended when B's notification arrives")
                        .allSatisfy(n -> assertThat(n.get("attempts").asInt()).isZero());
                assertThat(hanging.received()).as("at most two requests at a time to A's host").hasSize(2);
                admin.awaitStatus(admin.awaitNotification(fromB.noOrder()), "DELIVERED");
            } finally {
                testOver.countDown();
            }
        }
    }
}
