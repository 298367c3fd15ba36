package io.llgate.server.notify;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.NotificationReceiver.Received;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The notifications the sandbox bank's card outcomes lead to: failure, reversal, and a held payout. */
class PayoutNotificationTest {
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
    void reversedPayoutIsNotifiedAsSuccessThenAsCancel() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Payouts.Applied payout = Payouts.pay(merchant, "0003", receiver.url());

            await().until(() -> admin.idsOfOrder(payout.noOrder()).size() == 2);
            List<Long> ids = admin.idsOfOrder(payout.noOrder());
            ids.forEach(id -> admin.awaitStatus(id, "DELIVERED"));
            assertThat(ids).extracting(id -> admin.notification(id).get("notification").get("result").asText())
                    .containsExactly("SUCCESS", "CANCEL");

            Map<String, String> success = fieldsOf(receiver, ids.get(0));
            Map<String, String> cancel = fieldsOf(receiver, ids.get(1));
            assertThat(success).containsEntry("result_pay", "SUCCESS").containsKey("settle_date");
            assertThat(cancel.keySet()).containsExactly("oid_partner", "no_order", "dt_order", "oid_paybill",
                    "money_order", "result_pay", "info_order", "sign_type", "sign");
            assertThat(cancel).containsEntry("result_pay", "CANCEL")
                    .containsEntry("oid_paybill", payout.oidPaybill())
                    .containsEntry("info_order", "供应商结算");
            assertThat(success.get("oid_paybill")).isEqualTo(payout.oidPaybill());
            assertSigned(success);
            assertSigned(cancel);
        }
    }

    @Test
    void aReversalIsNotSentBeforeTheSuccessItReversesWasAcknowledged() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            AtomicInteger calls = new AtomicInteger();
            // The SUCCESS notification fails its first attempt: the CANCEL behind it must wait for its retry.
            receiver.answer(r -> calls.getAndIncrement() == 0
                    ? new NotificationReceiver.Answer(500, "busy")
                    : new NotificationReceiver.Answer(200, NotificationReceiver.ACK));
            Payouts.pay(merchant, "0003", receiver.url());

            List<String> results = new ArrayList<>();
            for (NotificationReceiver.Received r : receiver.await(3)) {
                results.add(FlatJson.parse(r.body()).get("result_pay"));
            }
            assertThat(results).containsExactly("SUCCESS", "SUCCESS", "CANCEL");
        }
    }

    @Test
    void failedPayoutIsNotifiedWithoutSettleDateAndWithTheMerchantsInfoOrder() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Payouts.Applied payout = Payouts.pay(merchant, "0001", receiver.url());
            long id = admin.awaitNotification(payout.noOrder());
            admin.awaitStatus(id, "DELIVERED");

            Map<String, String> fields = fieldsOf(receiver, id);
            assertThat(fields.keySet()).containsExactly("oid_partner", "no_order", "dt_order", "oid_paybill",
                    "money_order", "result_pay", "info_order", "sign_type", "sign");
            assertThat(fields).containsEntry("result_pay", "FAILURE")
                    .containsEntry("no_order", payout.noOrder())
                    .containsEntry("info_order", "供应商结算");
            assertSigned(fields);
            assertThat(admin.idsOfOrder(payout.noOrder())).containsExactly(id);
        }
    }

    @Test
    void heldPayoutIsNotifiedOnlyOnceTheSandboxResolvesIt() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Payouts.Applied paid = Payouts.pay(merchant, "0002", receiver.url());
            Payouts.Applied failed = Payouts.pay(merchant, "0002", receiver.url());
            Payouts.Applied later = Payouts.pay(merchant, "5678", receiver.url());

            // A payout applied after the held ones has been settled and notified; the held ones have not.
            admin.awaitStatus(admin.awaitNotification(later.noOrder()), "DELIVERED");
            assertThat(admin.idsOfOrder(paid.noOrder())).isEmpty();
            assertThat(admin.idsOfOrder(failed.noOrder())).isEmpty();
            assertThat(receiver.received()).hasSize(1);

            assertThat(admin.post("/sandbox/payouts/" + paid.oidPaybill() + "/resolve", "{\"result\":\"SUCCESS\"}")
                    .status()).isEqualTo(202);
            assertThat(admin.post("/sandbox/payouts/" + failed.oidPaybill() + "/resolve", "{\"result\":\"FAILURE\"}")
                    .status()).isEqualTo(202);

            long paidId = admin.awaitNotification(paid.noOrder());
            long failedId = admin.awaitNotification(failed.noOrder());
            admin.awaitStatus(paidId, "DELIVERED");
            admin.awaitStatus(failedId, "DELIVERED");
            assertThat(fieldsOf(receiver, paidId)).containsEntry("result_pay", "SUCCESS").containsKey("settle_date");
            assertThat(fieldsOf(receiver, failedId)).containsEntry("result_pay", "FAILURE").doesNotContainKey("settle_date");
        }
    }

    /** The fields of the one request the receiver got for a notification. */
    private static Map<String, String> fieldsOf(NotificationReceiver receiver, long id) {
        List<Received> got = receiver.received().stream()
                .filter(r -> r.header("X-LLGate-Notification-Id").equals(Long.toString(id))).toList();
        assertThat(got).hasSize(1);
        try {
            return FlatJson.parse(got.get(0).body());
        } catch (MalformedMessageException e) {
            throw new AssertionError("the notification is not flat JSON: " + got.get(0).text(), e);
        }
    }

    private static void assertSigned(Map<String, String> fields) {
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, fields).valid()).isTrue();
    }
}
