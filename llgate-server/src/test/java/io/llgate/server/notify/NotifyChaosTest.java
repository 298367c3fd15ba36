package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.NotificationReceiver.Received;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox's notify_chaos, seen from the merchant's side: duplicates, orders out of order, late notifications. */
class NotifyChaosTest {
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
    void duplicateDeliversEveryNotificationTwiceEachCopyAcknowledgedOnItsOwn() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        chaos(merchant, "{\"notify_chaos\":\"duplicate\"}");
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Payouts.Applied payout = Payouts.pay(merchant, "5678", receiver.url());

            List<Received> got = receiver.await(2);
            List<Long> ids = admin.idsOfOrder(payout.noOrder());
            ids.forEach(id -> admin.awaitStatus(id, "DELIVERED"));

            assertThat(got).hasSize(2);
            assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
            assertThat(fields(got.get(0))).containsEntry("no_order", payout.noOrder());
            assertThat(got).extracting(r -> Long.parseLong(r.header("X-LLGate-Notification-Id")))
                    .containsExactlyElementsOf(ids);
            assertThat(ids).hasSize(2).allSatisfy(id -> assertThat(admin.attempts(id))
                    .extracting(a -> a.get("outcome").asText()).containsExactly("ACKNOWLEDGED"));
            assertThat(chaosNote(ids.get(0))).isEqualTo("duplicate: copy sent as notification " + ids.get(1));
            assertThat(chaosNote(ids.get(1))).isEqualTo("duplicate: copy of notification " + ids.get(0));
        }
    }

    @Test
    void shuffleSendsDifferentOrdersOutOfOrderButKeepsEachOrdersNotificationsInOrder() {
        TestMerchant merchant = TestMerchant.register(gateway, 10_000_000);
        chaos(merchant, "{\"notify_chaos\":\"shuffle\",\"notify_chaos_delay\":\"PT2S\"}");
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            // Cards ending 0003 are paid and then reversed: a SUCCESS and then a CANCEL notification per order.
            int orders = 10;
            for (int i = 0; i < orders; i++) {
                Payouts.pay(merchant, "0003", receiver.url());
            }

            List<Received> got = receiver.await(2 * orders);

            Map<String, List<String>> resultsByOrder = got.stream().map(NotifyChaosTest::fields)
                    .collect(Collectors.groupingBy(f -> f.get("no_order"),
                            Collectors.mapping(f -> f.get("result_pay"), Collectors.toList())));
            assertThat(resultsByOrder).hasSize(orders)
                    .allSatisfy((order, results) -> assertThat(results).containsExactly("SUCCESS", "CANCEL"));
            List<Long> firstArrivals = new ArrayList<>();
            got.stream().filter(r -> fields(r).get("result_pay").equals("SUCCESS"))
                    .forEach(r -> firstArrivals.add(Long.parseLong(r.header("X-LLGate-Notification-Id"))));
            // Ten random delays of up to two seconds, added to writing times some tens of milliseconds apart:
            // about one chance in a million that the notifications still arrive in the order they were written.
            assertThat(firstArrivals).as("the orders' notifications in the order they arrived").isNotEqualTo(
                    firstArrivals.stream().sorted().toList());
            assertThat(admin.list("merchant=" + merchant.oidPartner())).hasSize(2 * orders).allSatisfy(n ->
                    assertThat(n.get("chaos").asText()).startsWith("shuffle: first attempt held back "));
        }
    }

    @Test
    void lateHoldsTheFirstAttemptBackForTheDelay() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        chaos(merchant, "{\"notify_chaos\":\"late\",\"notify_chaos_delay\":\"PT1.5S\"}");
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            Instant beforeApply = Instant.now();
            Payouts.Applied payout = Payouts.pay(merchant, "5678", receiver.url());

            Received got = receiver.await(1).get(0);

            assertThat(got.at()).isAfterOrEqualTo(beforeApply.plusMillis(1500));
            long id = admin.awaitNotification(payout.noOrder());
            admin.awaitStatus(id, "DELIVERED");
            JsonNode n = admin.notification(id).get("notification");
            Instant created = Instant.parse(n.get("created_at").asText());
            assertThat(Instant.parse(admin.attempts(id).get(0).get("started_at").asText()))
                    .isAfterOrEqualTo(created.plusMillis(1500));
            assertThat(n.get("chaos").asText()).isEqualTo("late: first attempt held back 1500 ms");
        }
    }

    @Test
    void theSettingIsShownWithTheMerchantAndBadValuesChangeNothing() {
        TestMerchant merchant = TestMerchant.register(gateway, 100_000);
        String path = "/admin/merchants/" + merchant.oidPartner();
        JsonNode before = admin.get(path).json();
        assertThat(before.get("notify_chaos").asText()).isEqualTo("none");
        assertThat(before.get("notify_chaos_delay").asText()).isEqualTo("PT10S");

        TestAdmin.Response late = admin.patch(path, "{\"notify_chaos\":\"LATE\",\"notify_chaos_delay\":\"PT30S\"}");
        TestAdmin.Response delayOnly = admin.patch(path, "{\"notify_chaos_delay\":\"PT1M\"}");
        TestAdmin.Response badMode = admin.patch(path, "{\"status\":\"SUSPENDED\",\"notify_chaos\":\"wild\"}");
        TestAdmin.Response badDelay = admin.patch(path, "{\"notify_chaos\":\"shuffle\",\"notify_chaos_delay\":\"10s\"}");
        TestAdmin.Response tooLong = admin.patch(path, "{\"notify_chaos_delay\":\"P2D\"}");

        assertThat(late.status()).isEqualTo(200);
        assertThat(late.json().get("notify_chaos").asText()).isEqualTo("late");
        assertThat(late.json().get("notify_chaos_delay").asText()).isEqualTo("PT30S");
        assertThat(delayOnly.json().get("notify_chaos").asText()).isEqualTo("late");
        assertThat(delayOnly.json().get("notify_chaos_delay").asText()).isEqualTo("PT1M");
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.json().get("error").asText()).isEqualTo("notify_chaos must be none, duplicate, shuffle or late");
        assertThat(badDelay.status()).isEqualTo(400);
        assertThat(tooLong.status()).isEqualTo(400);
        JsonNode after = admin.get(path).json();
        assertThat(after.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(after.get("notify_chaos").asText()).isEqualTo("late");
        assertThat(after.get("notify_chaos_delay").asText()).isEqualTo("PT1M");
    }

    @Test
    void productionModeRefusesChaos() {
        try (Gateway production = Gateway.start(TestGateways.settings().withMode(GatewayMode.PRODUCTION, "prod-token"))) {
            TestAdmin productionAdmin = new TestAdmin(production);
            TestMerchant merchant = TestMerchant.register(production, 100_000);
            String path = "/admin/merchants/" + merchant.oidPartner();

            TestAdmin.Response duplicate = productionAdmin.patch(path, "{\"notify_chaos\":\"duplicate\"}");
            TestAdmin.Response delay = productionAdmin.patch(path, "{\"notify_chaos_delay\":\"PT5S\"}");
            TestAdmin.Response none = productionAdmin.patch(path, "{\"notify_chaos\":\"none\"}");

            assertThat(duplicate.status()).isEqualTo(400);
            assertThat(duplicate.json().get("error").asText())
                    .isEqualTo("notify_chaos is a sandbox setting; a production gateway refuses it");
            assertThat(delay.status()).isEqualTo(400);
            assertThat(none.status()).isEqualTo(200);
            assertThat(productionAdmin.get(path).json().get("notify_chaos").asText()).isEqualTo("none");
        }
    }

    private static void chaos(TestMerchant merchant, String json) {
        TestAdmin.Response r = admin.patch("/admin/merchants/" + merchant.oidPartner(), json);
        assertThat(r.status()).as("PATCH %s: %s", json, r.json()).isEqualTo(200);
    }

    private static Map<String, String> fields(Received r) {
        try {
            return FlatJson.parse(r.body());
        } catch (MalformedMessageException e) {
            throw new AssertionError("not a JSON notification: " + r.text(), e);
        }
    }

    private static String chaosNote(long id) {
        return admin.notification(id).get("notification").get("chaos").asText();
    }
}
