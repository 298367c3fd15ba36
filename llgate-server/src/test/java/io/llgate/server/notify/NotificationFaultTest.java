package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Merchants whose endpoints hang, reset the connection, answer 500, answer the wrong body or answer
 * slowly, all at once: each faulty one gets exactly the attempts the policy allows, the slow one is
 * delivered, and a healthy merchant's notifications are delivered at their first attempt meanwhile.
 */
class NotificationFaultTest {
    private static final int ATTEMPTS = 3;

    @Test
    void faultyEndpointsGetThePolicysRetriesAndNeverHoldUpAHealthyMerchant() throws Exception {
        NotifyPolicy policy = new NotifyPolicy(Duration.ofMillis(300), ATTEMPTS, Duration.ofSeconds(1), 2,
                Duration.ofMillis(100), 64);
        CountDownLatch release = new CountDownLatch(1);
        try (Gateway gateway = Gateway.start(TestGateways.settings().withNotifyPolicy(policy));
             NotificationReceiver hanging = new NotificationReceiver();
             NotificationReceiver failing = new NotificationReceiver();
             NotificationReceiver wrongBody = new NotificationReceiver();
             NotificationReceiver slow = new NotificationReceiver();
             NotificationReceiver healthy = new NotificationReceiver();
             ResettingEndpoint resetting = new ResettingEndpoint()) {
            hanging.answer(r -> NotificationReceiver.hangUntil(release));
            failing.answer(r -> new NotificationReceiver.Answer(500, "{\"ret_code\":\"0000\"}"));
            wrongBody.answer(r -> new NotificationReceiver.Answer(200, "<html>ok</html>"));
            slow.answer(r -> {
                pause(Duration.ofMillis(600)); // slow, but inside the 1 s timeout
                return new NotificationReceiver.Answer(200, NotificationReceiver.ACK);
            });
            TestAdmin admin = new TestAdmin(gateway);

            List<Faulty> faulty = new ArrayList<>();
            payFaulty(gateway, faulty, hanging.url());
            // The healthy merchant pays right after the hanging endpoint's notifications are queued.
            TestMerchant good = TestMerchant.register(gateway, 1_000_000);
            List<Payouts.Applied> healthyPayouts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                healthyPayouts.add(Payouts.pay(good, "5678", healthy.url()));
            }
            for (String url : List.of(resetting.url(), failing.url(), wrongBody.url())) {
                payFaulty(gateway, faulty, url);
            }
            Payouts.Applied slowPayout = Payouts.pay(TestMerchant.register(gateway, 100_000), "5678", slow.url());

            // Every healthy notification arrives at its first attempt, while the faulty ones are still retried.
            healthy.await(healthyPayouts.size());
            Instant healthyDone = Instant.EPOCH;
            for (Payouts.Applied p : healthyPayouts) {
                long id = admin.awaitNotification(p.noOrder());
                admin.awaitStatus(id, "DELIVERED");
                assertThat(admin.attempts(id)).hasSize(1);
                Instant delivered = Instant.parse(admin.notification(id).get("notification").get("delivered_at").asText());
                healthyDone = delivered.isAfter(healthyDone) ? delivered : healthyDone;
            }
            for (Faulty f : faulty) {
                long id = admin.awaitNotification(f.payout().noOrder());
                admin.awaitStatus(id, "EXHAUSTED");
                List<JsonNode> attempts = admin.attempts(id);
                assertThat(attempts).as("attempts to %s", f.url()).hasSize(ATTEMPTS);
                assertThat(attempts).allMatch(a -> !a.get("outcome").asText().equals("ACKNOWLEDGED"));
                if (f.url().equals(hanging.url())) {
                    assertThat(Instant.parse(attempts.get(ATTEMPTS - 1).get("started_at").asText()))
                            .as("the hanging endpoint was still being retried when the healthy merchant was served")
                            .isAfter(healthyDone);
                }
            }
            long slowId = admin.awaitNotification(slowPayout.noOrder());
            admin.awaitStatus(slowId, "DELIVERED");
            assertThat(admin.attempts(slowId)).hasSize(1);
            assertThat(outcomes(admin, faulty, hanging.url())).containsOnly("TIMEOUT");
            assertThat(outcomes(admin, faulty, resetting.url())).containsOnly("CONNECTION_ERROR");
            assertThat(outcomes(admin, faulty, failing.url())).containsOnly("HTTP_ERROR");
            assertThat(outcomes(admin, faulty, wrongBody.url())).containsOnly("WRONG_BODY");
        } finally {
            release.countDown();
        }
    }

    private record Faulty(String url, Payouts.Applied payout) {
    }

    /** Three merchants, each with one payout whose notification goes to the given endpoint. */
    private static void payFaulty(Gateway gateway, List<Faulty> faulty, String url) {
        for (int i = 0; i < 3; i++) {
            faulty.add(new Faulty(url, Payouts.pay(TestMerchant.register(gateway, 100_000), "5678", url)));
        }
    }

    private static List<String> outcomes(TestAdmin admin, List<Faulty> faulty, String url) {
        return faulty.stream().filter(f -> f.url().equals(url))
                .flatMap(f -> admin.attempts(admin.awaitNotification(f.payout().noOrder())).stream())
                .map(a -> a.get("outcome").asText())
                .toList();
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An endpoint that accepts each connection and resets it at once. */
    private static final class ResettingEndpoint implements AutoCloseable {
        private final ServerSocket server;

        ResettingEndpoint() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        s.setSoLinger(true, 0);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/notify";
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
