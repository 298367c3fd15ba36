package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A merchant naming many hosts holds no more attempts in flight than its own cap, and another merchant is served at once. */
class NotificationMerchantCapTest {
    private static final int HOSTS = 6;
    private static final int PER_MERCHANT = 3;

    @Test
    void aMerchantWithManyHostsNeverHasMoreThanItsCapInFlight() {
        // Two attempts per host would allow twelve over six hosts; the merchant's own cap allows three.
        NotifyPolicy policy = new NotifyPolicy(Duration.ofMillis(300), 3, Duration.ofSeconds(60), 2,
                Duration.ofMillis(100), 4).withConcurrency(2, PER_MERCHANT);
        CountDownLatch released = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        List<NotificationReceiver> hosts = new ArrayList<>();
        try (NotificationReceiver healthy = new NotificationReceiver()) {
            for (int i = 0; i < HOSTS; i++) {
                NotificationReceiver host = new NotificationReceiver();
                host.answer(r -> {
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        return NotificationReceiver.hangUntil(released);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
                hosts.add(host);
            }
            try (Gateway gateway = Gateway.start(TestGateways.settings().withNotifyPolicy(policy))) {
                TestAdmin admin = new TestAdmin(gateway);
                TestMerchant many = TestMerchant.register(gateway, 10_000_000);
                TestMerchant other = TestMerchant.register(gateway, 100_000);
                List<String> orders = new ArrayList<>();
                for (NotificationReceiver host : hosts) {
                    orders.add(Payouts.pay(many, "5678", host.url()).noOrder());
                }
                await().until(() -> admin.list("merchant=" + many.oidPartner()).size() == HOSTS);
                await().until(() -> inFlight.get() == PER_MERCHANT);

                Payouts.Applied fromOther = Payouts.pay(other, "5678", healthy.url());

                healthy.await(1);
                admin.awaitStatus(admin.awaitNotification(fromOther.noOrder()), "DELIVERED");
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                        .until(() -> inFlight.get() == PER_MERCHANT);
                assertThat(hosts.stream().mapToInt(h -> h.received().size()).sum())
                        .as("only the merchant's cap of attempts was sent while they hang").isEqualTo(PER_MERCHANT);

                released.countDown();
                for (String order : orders) {
                    admin.awaitStatus(admin.awaitNotification(order), "DELIVERED");
                }
                assertThat(mostInFlight).as("the merchant's attempts in flight at once").hasValue(PER_MERCHANT);
            } finally {
                released.countDown();
                hosts.forEach(NotificationReceiver::close);
            }
        }
    }
}
