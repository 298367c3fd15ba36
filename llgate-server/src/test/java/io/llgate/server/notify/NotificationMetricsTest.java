package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.protocol.RsaEngine;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator reads from /metrics and the health endpoints. */
class NotificationMetricsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    Gateway gateway;
    TestAdmin admin;

    @BeforeEach
    void start() {
        gateway = TestGateways.start();
        admin = new TestAdmin(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void attemptsAreCountedByOutcomeClassAndLatenciesRecorded() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            AtomicInteger calls = new AtomicInteger();
            receiver.answer(r -> calls.getAndIncrement() == 0
                    ? new NotificationReceiver.Answer(500, "down")
                    : new NotificationReceiver.Answer(200, NotificationReceiver.ACK));
            Payouts.Applied payout = Payouts.pay(merchant, "5678", receiver.url());
            admin.awaitStatus(admin.awaitNotification(payout.noOrder()), "DELIVERED");

            String metrics = scrape();
            assertThat(value(metrics, "llgate_notification_attempts_total{outcome=\"http_error\"}")).isEqualTo(1);
            assertThat(value(metrics, "llgate_notification_attempts_total{outcome=\"ack\"}")).isEqualTo(1);
            assertThat(value(metrics, "llgate_notification_attempts_total{outcome=\"timeout\"}")).isZero();
            assertThat(value(metrics, "llgate_notification_first_attempt_latency_seconds_count")).isEqualTo(1);
            assertThat(value(metrics, "llgate_notification_delivery_latency_seconds_count")).isEqualTo(1);
            assertThat(metrics).contains("llgate_notification_delivery_latency_seconds_bucket");
        }
    }

    @Test
    void queueDepthShowsWhatIsExhaustedAndOldestDueAgeIsZeroWhenNothingWaits() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            receiver.answer(r -> new NotificationReceiver.Answer(500, "down"));
            Payouts.Applied payout = Payouts.pay(merchant, "5678", receiver.url());
            admin.awaitStatus(admin.awaitNotification(payout.noOrder()), "EXHAUSTED");

            await().untilAsserted(() -> {
                String metrics = scrape();
                assertThat(value(metrics, "llgate_notifications_queued{status=\"EXHAUSTED\"}")).isEqualTo(1);
                assertThat(value(metrics, "llgate_notifications_queued{status=\"PENDING\"}")).isZero();
                assertThat(value(metrics, "llgate_notifications_oldest_due_age_seconds")).isZero();
                assertThat(value(metrics, "llgate_notification_attempts_total{outcome=\"http_error\"}")).isEqualTo(3);
            });
        }
    }

    @Test
    void namesTheProviderDoingTheRsaPrivateKeyOperations() throws Exception {
        RsaEngine rsa = RsaEngine.current();

        assertThat(value(scrape(), "llgate_crypto_provider{native=\"" + rsa.isNative()
                + "\",provider=\"" + rsa.providerName() + "\"}")).isEqualTo(1);
    }

    @Test
    void readinessReportsTheDatabaseAndTheDispatcher() {
        TestAdmin.Response ready = admin.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("database").asText()).isEqualTo("UP");
        assertThat(ready.json().get("dispatcher").asText()).isEqualTo("UP");
        assertThat(admin.get("/health/live").status()).isEqualTo(200);
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return response.body();
    }

    /** The value of one sample line, e.g. {@code name{label="x"} 3.0}; 0 when the line is absent. */
    private static double value(String metrics, String sample) {
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
