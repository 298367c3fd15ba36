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

/** A notification being sent is never sent a second time alongside, even when its lease runs out early. */
class NotificationInFlightTest {

    @Test
    void movingTheSandboxClockPastTheLeaseDoesNotSendAnAttemptInFlightAgain() {
        CountDownLatch merchantAnswers = new CountDownLatch(1);
        try (NotificationReceiver slow = new NotificationReceiver();
             NotificationReceiver other = new NotificationReceiver();
             // A long timeout: the hanging attempt must outlast the test, whatever the machine's load.
             Gateway gateway = Gateway.start(TestGateways.settings().withNotifyPolicy(new NotifyPolicy(
                     Duration.ofMillis(300), 3, Duration.ofSeconds(30), 8, Duration.ofMillis(100), 64)))) {
            slow.answer(r -> NotificationReceiver.hangUntil(merchantAnswers));
            TestAdmin admin = new TestAdmin(gateway);
            TestMerchant merchant = TestMerchant.register(gateway, 100_000);
            long id = admin.awaitNotification(Payouts.pay(merchant, "5678", slow.url()).noOrder());
            slow.await(1);

            // An hour later on the sandbox clock the lease has run out, though the attempt still waits.
            assertThat(admin.post("/sandbox/clock/advance", "{\"by\":\"PT1H\"}").status()).isEqualTo(200);
            Payouts.Applied later = Payouts.pay(merchant, "5678", other.url());
            admin.awaitStatus(admin.awaitNotification(later.noOrder()), "DELIVERED");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> slow.received().size() == 1);

            merchantAnswers.countDown();
            admin.awaitStatus(id, "DELIVERED");
            assertThat(admin.attempts(id)).singleElement()
                    .satisfies(a -> assertThat(a.get("outcome").asText()).isEqualTo("ACKNOWLEDGED"));
            assertThat(slow.received()).hasSize(1);
        } finally {
            merchantAnswers.countDown();
        }
    }
}
