package io.llgate.client.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.client.LlGateClient;
import io.llgate.client.PayoutApplyResult;
import io.llgate.client.ResultPay;
import io.llgate.client.TestClients;
import io.llgate.server.Gateway;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The handler behind a real notify_url, fed by a real gateway: each notification's effect happens once. */
class NotificationHandlerTest {
    static Gateway gateway;
    static TestAdmin admin;

    @BeforeAll
    static void start() {
        NotifyPolicy quick = new NotifyPolicy(Duration.ofMillis(200), 5, Duration.ofSeconds(2), 8,
                Duration.ofMillis(100), 64);
        gateway = Gateway.start(TestGateways.settings().withNotifyPolicy(quick));
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Stream<Named<Function<NotificationHandler, NotifyEndpoints.Endpoint>>> servers() {
        return Stream.of(Named.of("JDK HttpServer", NotifyEndpoints::jdkHttpServer),
                Named.of("Javalin", NotifyEndpoints::javalin));
    }

    /** A merchant application's effect: what it recorded per order, and how often its callback ran. */
    static final class Shop {
        final Map<String, List<ResultPay>> results = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger failuresLeft = new AtomicInteger();

        void onNotification(Notification notification) {
            calls.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the shop's database is down");
            }
            PaymentNotification payment = (PaymentNotification) notification;
            results.computeIfAbsent(payment.noOrder(), k -> new CopyOnWriteArrayList<>()).add(payment.resultPay());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void processesANotificationOnceAndAcknowledgesEveryCopy(Function<NotificationHandler, NotifyEndpoints.Endpoint> server) {
        Shop shop = new Shop();
        try (Merchant merchant = Merchant.on(server, shop)) {
            String noOrder = merchant.pay("5678");
            long id = admin.awaitNotification(noOrder);
            admin.awaitStatus(id, "DELIVERED");

            admin.post("/admin/notifications/" + id + "/resend", "");
            await().atMost(Duration.ofSeconds(10)).until(() -> admin.attempts(id).size() == 2);

            assertThat(admin.attempts(id)).extracting(a -> a.get("outcome").asText())
                    .containsExactly("ACKNOWLEDGED", "ACKNOWLEDGED");
            assertThat(admin.attempts(id)).extracting(a -> a.get("response_head").asText())
                    .containsOnly(NotificationHandler.ACKNOWLEDGEMENT);
            assertThat(shop.results).containsExactly(Map.entry(noOrder, List.of(ResultPay.SUCCESS)));
            assertThat(shop.calls).hasValue(1);
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aFailingCallbackIsNotAcknowledgedSoTheGatewayTriesAgain(
            Function<NotificationHandler, NotifyEndpoints.Endpoint> server) {
        Shop shop = new Shop();
        shop.failuresLeft.set(1);
        try (Merchant merchant = Merchant.on(server, shop)) {
            String noOrder = merchant.pay("5678");
            long id = admin.awaitNotification(noOrder);
            admin.awaitStatus(id, "DELIVERED");

            List<JsonNode> attempts = admin.attempts(id);
            assertThat(attempts).extracting(a -> a.get("outcome").asText()).containsExactly("HTTP_ERROR", "ACKNOWLEDGED");
            assertThat(attempts.get(0).get("http_status").asInt()).isEqualTo(500);
            assertThat(shop.results).containsExactly(Map.entry(noOrder, List.of(ResultPay.SUCCESS)));
            assertThat(shop.calls).hasValue(2);
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aReversalIsANewNotificationAboutTheSamePayout(Function<NotificationHandler, NotifyEndpoints.Endpoint> server) {
        Shop shop = new Shop();
        try (Merchant merchant = Merchant.on(server, shop)) {
            String noOrder = merchant.pay("0003");

            await().atMost(Duration.ofSeconds(15)).until(() -> shop.results.getOrDefault(noOrder, List.of()).size() == 2);
            assertThat(shop.results.get(noOrder)).containsExactly(ResultPay.SUCCESS, ResultPay.CANCEL);
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aNotificationSignedByAnotherKeyIsRefused(Function<NotificationHandler, NotifyEndpoints.Endpoint> server) {
        Shop shop = new Shop();
        // The merchant configured its own public key where the gateway's belongs: nothing verifies.
        try (Merchant merchant = Merchant.on(server, shop,
                (m, client) -> new NotificationVerifier(m.keys().getPublic(), m.oidPartner()))) {
            String noOrder = merchant.pay("5678");
            long id = admin.awaitNotification(noOrder);
            await().atMost(Duration.ofSeconds(10)).until(() -> !admin.attempts(id).isEmpty());

            JsonNode attempt = admin.attempts(id).get(0);
            assertThat(attempt.get("outcome").asText()).isEqualTo("HTTP_ERROR");
            assertThat(attempt.get("http_status").asInt()).isEqualTo(400);
            assertThat(attempt.get("response_head").asText()).contains("does not verify");
            assertThat(shop.calls).hasValue(0);
        }
    }

    /** A new merchant, its client, and its notify_url on the server, handled for the shop. */
    private record Merchant(LlGateClient client, NotifyEndpoints.Endpoint endpoint) implements AutoCloseable {
        static Merchant on(Function<NotificationHandler, NotifyEndpoints.Endpoint> server, Shop shop,
                           BiFunction<TestMerchant, LlGateClient, NotificationVerifier> verifier) {
            TestMerchant merchant = TestMerchant.register(gateway, 100_000);
            LlGateClient client = TestClients.of(gateway, merchant);
            return new Merchant(client, server.apply(
                    NotificationHandler.builder(verifier.apply(merchant, client), shop::onNotification).build()));
        }

        static Merchant on(Function<NotificationHandler, NotifyEndpoints.Endpoint> server, Shop shop) {
            return on(server, shop, (m, client) -> client.notificationVerifier());
        }

        /** Pays out to a new card ending in {@code lastFour}, notified at the endpoint; answers the no_order. */
        String pay(String lastFour) {
            PayoutApplyResult result = client.instantPayments().apply(
                    TestClients.payout(lastFour, endpoint.url()).build());
            assertThat(result).isInstanceOf(PayoutApplyResult.Accepted.class);
            return result.noOrder();
        }

        @Override
        public void close() {
            endpoint.close();
            client.close();
        }
    }
}
