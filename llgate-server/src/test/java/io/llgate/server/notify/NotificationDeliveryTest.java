package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.http.Json;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.NotificationReceiver.Answer;
import io.llgate.server.testing.NotificationReceiver.Received;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a merchant receives and an operator sees, on the test schedule: 3 attempts, 300 ms apart. */
class NotificationDeliveryTest {
    private static final String REFUSAL = "{\"ret_code\":\"9999\",\"ret_msg\":\"验签失败\"}";

    static Gateway gateway;
    static TestAdmin admin;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void notificationIsASignedJsonPostWithExactlyTheDocumentedFields() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Payouts.Applied payout = Payouts.pay(merchant, "5678", receiver.url());

            Received n = receiver.await(1).get(0);
            assertThat(n.method()).isEqualTo("POST");
            assertThat(n.header("Content-Type")).isEqualTo("text/json;charset=utf-8");

            JsonNode body = Json.MAPPER.readTree(n.body());
            List<String> names = new ArrayList<>();
            body.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("oid_partner", "no_order", "dt_order", "oid_paybill", "money_order",
                    "result_pay", "settle_date", "info_order", "sign_type", "sign");
            body.fields().forEachRemaining(field -> assertThat(field.getValue().isTextual() && !field.getValue().asText().isEmpty())
                    .as("%s is a non-empty JSON string", field.getKey()).isTrue());
            LinkedHashMap<String, String> fields = FlatJson.parse(n.body());
            assertThat(fields).containsEntry("oid_partner", merchant.oidPartner())
                    .containsEntry("no_order", payout.noOrder())
                    .containsEntry("dt_order", payout.request().get("dt_order"))
                    .containsEntry("oid_paybill", payout.oidPaybill())
                    .containsEntry("money_order", "250.50")
                    .containsEntry("result_pay", "SUCCESS")
                    .containsEntry("info_order", "供应商结算")
                    .containsEntry("sign_type", "RSA");
            assertThat(fields.get("settle_date")).matches("\\d{8}");

            PublicKey gatewayKey = RsaKeys.parsePublic(admin.get("/admin/gateway-key").json().get("pem").asText());
            assertThat(MessageSignature.verify(gatewayKey, SignType.RSA, fields).valid()).isTrue();
            LinkedHashMap<String, String> tampered = new LinkedHashMap<>(fields);
            tampered.put("money_order", "2505.00");
            assertThat(MessageSignature.verify(gatewayKey, SignType.RSA, tampered).valid()).isFalse();

            long id = admin.idsOfOrder(payout.noOrder()).get(0);
            assertThat(n.header("X-LLGate-Notification-Id")).isEqualTo(Long.toString(id));
            assertThat(n.header("X-LLGate-Attempt")).isEqualTo("1");
            admin.awaitStatus(id, "DELIVERED");
            JsonNode detail = admin.notification(id);
            assertThat(detail.get("body").asText()).isEqualTo(n.text());
            assertThat(detail.get("notification").get("oid_partner").asText()).isEqualTo(merchant.oidPartner());
            assertThat(detail.get("notification").get("reference").asText()).isEqualTo(payout.oidPaybill());
        }
    }

    @Test
    void receiverFailingTwiceGetsTheSameBodyThreeTimesAndTheThirdAckDeliversIt() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            AtomicInteger calls = new AtomicInteger();
            receiver.answer(r -> calls.incrementAndGet() <= 2
                    ? new Answer(500, "{\"error\":\"database down\"}")
                    : new Answer(200, NotificationReceiver.ACK));
            Payouts.Applied payout = Payouts.pay(merchant, "5678", receiver.url());
            long id = admin.awaitNotification(payout.noOrder());

            admin.awaitStatus(id, "DELIVERED");

            List<Received> got = receiver.received();
            assertThat(got).hasSize(3);
            assertThat(got).allSatisfy(r -> {
                assertThat(r.body()).isEqualTo(got.get(0).body());
                assertThat(r.header("X-LLGate-Notification-Id")).isEqualTo(Long.toString(id));
            });
            assertThat(got).extracting(r -> r.header("X-LLGate-Attempt")).containsExactly("1", "2", "3");

            JsonNode detail = admin.notification(id);
            assertThat(detail.get("body").asText()).isEqualTo(got.get(0).text());
            assertThat(detail.get("notification").get("attempts").asInt()).isEqualTo(3);
            assertThat(detail.get("notification").get("delivered_at").isNull()).isFalse();
            List<JsonNode> attempts = admin.attempts(id);
            assertThat(attempts).extracting(a -> a.get("attempt_no").asInt()).containsExactly(1, 2, 3);
            assertThat(attempts).extracting(a -> a.get("outcome").asText())
                    .containsExactly("HTTP_ERROR", "HTTP_ERROR", "ACKNOWLEDGED");
            assertThat(attempts).extracting(a -> a.get("http_status").asInt()).containsExactly(500, 500, 200);
            assertThat(attempts).extracting(a -> a.get("response_head").asText())
                    .containsExactly("{\"error\":\"database down\"}", "{\"error\":\"database down\"}", NotificationReceiver.ACK);
            assertThat(attempts).allSatisfy(a -> {
                assertThat(a.get("duration_ms").asLong()).isNotNegative();
                assertThat(a.get("node").asText()).isNotBlank();
            });
            List<Instant> started = attempts.stream().map(a -> Instant.parse(a.get("started_at").asText())).toList();
            assertThat(started.get(1)).isAfter(started.get(0));
            assertThat(started.get(2)).isAfter(started.get(1));
        }
    }

    @Test
    void exhaustedNotificationStaysQuietUntilAnOperatorResendsItWithTheSameBody() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            receiver.answer(r -> new Answer(200, REFUSAL));
            Payouts.Applied payout = Payouts.pay(merchant, "5678", receiver.url());
            long id = admin.awaitNotification(payout.noOrder());

            admin.awaitStatus(id, "EXHAUSTED");
            assertThat(admin.attempts(id)).hasSize(3).allSatisfy(a -> {
                assertThat(a.get("outcome").asText()).isEqualTo("WRONG_BODY");
                assertThat(a.get("http_status").asInt()).isEqualTo(200);
                assertThat(a.get("response_head").asText()).isEqualTo(REFUSAL);
            });
            // Several retry intervals later nothing more has been sent.
            await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.received().size() == 3);
            assertThat(admin.status(id)).isEqualTo("EXHAUSTED");

            receiver.answer(r -> new Answer(200, "{\"ret_code\":\"0000\",\"ret_msg\":\"交易成功\"}"));
            TestAdmin.Response resend = admin.post("/admin/notifications/" + id + "/resend", "");
            assertThat(resend.status()).isEqualTo(202);
            assertThat(resend.json().get("notification").get("id").asLong()).isEqualTo(id);

            admin.awaitStatus(id, "DELIVERED");
            List<Received> got = receiver.received();
            assertThat(got).hasSize(4);
            assertThat(got.get(3).body()).isEqualTo(got.get(0).body());
            assertThat(got.get(3).header("X-LLGate-Attempt")).isEqualTo("4");
            assertThat(admin.attempts(id)).extracting(a -> a.get("outcome").asText())
                    .containsExactly("WRONG_BODY", "WRONG_BODY", "WRONG_BODY", "ACKNOWLEDGED");
        }
    }

    @Test
    void unknownNotificationIsNotFound() {
        TestAdmin.Response resend = admin.post("/admin/notifications/987654321/resend", "");
        assertThat(resend.status()).isEqualTo(404);
        assertThat(resend.json().get("error").asText()).contains("987654321");
        assertThat(admin.get("/admin/notifications/987654321").status()).isEqualTo(404);
        assertThat(admin.get("/admin/notifications/abc").status()).isEqualTo(404);
    }

    @Test
    void listIsFilteredByMerchantOrderReferenceAndStatus() {
        TestMerchant a = TestMerchant.register(gateway, 100_000);
        TestMerchant b = TestMerchant.register(gateway, 100_000);
        try (NotificationReceiver acking = new NotificationReceiver(); NotificationReceiver refusing = new NotificationReceiver()) {
            refusing.answer(r -> new Answer(200, REFUSAL));
            Payouts.Applied delivered = Payouts.pay(a, "5678", acking.url());
            Payouts.Applied exhausted = Payouts.pay(a, "5678", refusing.url());
            Payouts.Applied other = Payouts.pay(b, "5678", acking.url());
            long deliveredId = admin.awaitNotification(delivered.noOrder());
            long exhaustedId = admin.awaitNotification(exhausted.noOrder());
            long otherId = admin.awaitNotification(other.noOrder());
            await().until(() -> admin.status(deliveredId).equals("DELIVERED") && admin.status(otherId).equals("DELIVERED")
                    && admin.status(exhaustedId).equals("EXHAUSTED"));

            assertThat(ids("merchant=" + a.oidPartner())).containsExactly(exhaustedId, deliveredId);
            assertThat(admin.list("merchant=" + a.oidPartner()))
                    .allSatisfy(n -> assertThat(n.get("oid_partner").asText()).isEqualTo(a.oidPartner()));
            assertThat(ids("no_order=" + delivered.noOrder())).containsExactly(deliveredId);
            assertThat(ids("reference=" + other.oidPaybill())).containsExactly(otherId);
            assertThat(ids("merchant=" + a.oidPartner() + "&status=EXHAUSTED")).containsExactly(exhaustedId);
            assertThat(ids("merchant=" + a.oidPartner() + "&status=delivered")).containsExactly(deliveredId);
            assertThat(ids("merchant=" + a.oidPartner() + "&status=PENDING")).isEmpty();
            assertThat(ids("merchant=" + a.oidPartner() + "&limit=1")).containsExactly(exhaustedId);
            assertThat(admin.get("/admin/notifications?status=LOST").status()).isEqualTo(400);
        }
    }

    private static List<Long> ids(String query) {
        return admin.list(query).stream().map(n -> n.get("id").asLong()).toList();
    }
}
