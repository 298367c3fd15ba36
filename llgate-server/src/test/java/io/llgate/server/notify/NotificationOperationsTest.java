package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.NotificationReceiver.Answer;
import io.llgate.server.testing.NotificationReceiver.Received;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an operator does with many notifications over the admin API: find them by time, resend them paced, cancel them. */
class NotificationOperationsTest {
    private static final String DOWN = "{\"error\":\"database down\"}";

    /** The test schedule: 3 attempts, 300 ms apart, so notifications are exhausted within a second. */
    static Gateway fast;
    static TestAdmin fastAdmin;
    /** Two attempts an hour apart: after a failed first attempt a notification stays PENDING until the clock moves. */
    static Gateway patient;
    static TestAdmin patientAdmin;

    @BeforeAll
    static void start() {
        fast = TestGateways.start();
        fastAdmin = new TestAdmin(fast);
        patient = Gateway.start(TestGateways.settings().withNotifyPolicy(
                new NotifyPolicy(Duration.ofHours(1), 2, Duration.ofSeconds(2), 8, Duration.ofMillis(100), 64)));
        patientAdmin = new TestAdmin(patient);
    }

    @AfterAll
    static void stop() {
        fast.close();
        patient.close();
    }

    @Test
    void listIsFilteredByCreationTime() {
        TestMerchant merchant = TestMerchant.register(fast, 1_000_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            List<Long> ids = notified(fastAdmin, merchant, receiver.url(), 3);
            List<Instant> created = ids.stream().map(id -> Instant.parse(
                    fastAdmin.notification(id).get("notification").get("created_at").asText())).toList();
            String mine = "merchant=" + merchant.oidPartner();

            assertThat(ids(fastAdmin, mine + "&from=" + created.get(1))).containsExactly(ids.get(2), ids.get(1));
            assertThat(ids(fastAdmin, mine + "&to=" + created.get(1))).containsExactly(ids.get(0));
            assertThat(ids(fastAdmin, mine + "&from=" + created.get(1) + "&to=" + created.get(2)))
                    .containsExactly(ids.get(1));
            assertThat(ids(fastAdmin, mine + "&from=" + created.get(2).plusSeconds(1))).isEmpty();
            assertThat(ids(fastAdmin, "from=" + created.get(0) + "&limit=1000")).containsAll(ids);
            TestAdmin.Response bad = fastAdmin.get("/admin/notifications?from=yesterday");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("error").asText()).contains("from must be an ISO-8601 instant");
        }
    }

    @Test
    void oneResendCommandRecoversEveryExhaustedNotificationOnceTheEndpointIsBack() {
        TestMerchant merchant = TestMerchant.register(fast, 1_000_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            long delivered = notified(fastAdmin, merchant, receiver.url());
            fastAdmin.awaitStatus(delivered, "DELIVERED");
            receiver.answer(r -> new Answer(500, DOWN));
            List<Long> exhausted = notified(fastAdmin, merchant, receiver.url(), 4);
            exhausted.forEach(id -> fastAdmin.awaitStatus(id, "EXHAUSTED"));
            int sentBefore = receiver.received().size();

            TestAdmin.Response dryRun = fastAdmin.post("/admin/notifications/resend",
                    "{\"merchant\":\"" + merchant.oidPartner() + "\",\"dry_run\":true}");

            assertThat(dryRun.status()).isEqualTo(200);
            assertThat(dryRun.json().get("dry_run").asBoolean()).isTrue();
            assertThat(dryRun.json().get("status").asText()).isEqualTo("EXHAUSTED");
            assertThat(dryRun.json().get("count").asInt()).isEqualTo(4);
            assertThat(longs(dryRun.json().get("ids"))).containsExactlyElementsOf(exhausted);
            assertThat(exhausted).allSatisfy(id -> assertThat(fastAdmin.status(id)).isEqualTo("EXHAUSTED"));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.received().size() == sentBefore);

            receiver.answer(r -> new Answer(200, NotificationReceiver.ACK));
            TestAdmin.Response resend = fastAdmin.post("/admin/notifications/resend",
                    "{\"merchant\":\"" + merchant.oidPartner() + "\",\"rate\":4}");

            assertThat(resend.status()).isEqualTo(202);
            assertThat(resend.json().get("dry_run").asBoolean()).isFalse();
            assertThat(resend.json().get("rate").asDouble()).isEqualTo(4.0);
            assertThat(longs(resend.json().get("ids"))).containsExactlyElementsOf(exhausted);
            Instant first = Instant.parse(resend.json().get("first_attempt_at").asText());
            Instant last = Instant.parse(resend.json().get("last_attempt_at").asText());
            assertThat(Duration.between(first, last)).as("four at four a second").isEqualTo(Duration.ofMillis(750));
            exhausted.forEach(id -> fastAdmin.awaitStatus(id, "DELIVERED"));
            assertThat(fastAdmin.status(delivered)).isEqualTo("DELIVERED");
            assertThat(fastAdmin.attempts(delivered)).as("the delivered one was left alone").hasSize(1);
            for (int i = 0; i < exhausted.size(); i++) {
                List<JsonNode> attempts = fastAdmin.attempts(exhausted.get(i));
                assertThat(attempts).extracting(a -> a.get("outcome").asText())
                        .containsExactly("HTTP_ERROR", "HTTP_ERROR", "HTTP_ERROR", "ACKNOWLEDGED");
                Instant resent = Instant.parse(attempts.get(3).get("started_at").asText());
                assertThat(resent).as("paced: the resend of the %d. one", i + 1)
                        .isAfterOrEqualTo(first.plusMillis(250L * i));
            }
            List<Received> got = receiver.received();
            for (long id : exhausted) {
                List<Received> copies = got.stream()
                        .filter(r -> r.header("X-LLGate-Notification-Id").equals(Long.toString(id))).toList();
                assertThat(copies).hasSize(4);
                assertThat(copies).allSatisfy(r -> assertThat(r.body()).isEqualTo(copies.get(0).body()));
            }
        }
    }

    @Test
    void bulkResendTakesTheStatusAndTimeRangeAsked() {
        TestMerchant merchant = TestMerchant.register(fast, 1_000_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            List<Long> ids = notified(fastAdmin, merchant, receiver.url(), 3);
            ids.forEach(id -> fastAdmin.awaitStatus(id, "DELIVERED"));
            String from = fastAdmin.notification(ids.get(1)).get("notification").get("created_at").asText();

            TestAdmin.Response none = fastAdmin.post("/admin/notifications/resend",
                    "{\"merchant\":\"" + merchant.oidPartner() + "\"}");
            TestAdmin.Response resend = fastAdmin.post("/admin/notifications/resend",
                    "{\"merchant\":\"" + merchant.oidPartner() + "\",\"status\":\"delivered\",\"from\":\"" + from + "\"}");

            assertThat(none.json().get("count").asInt()).as("no EXHAUSTED one").isZero();
            assertThat(none.json().get("first_attempt_at").isNull()).isTrue();
            assertThat(resend.status()).isEqualTo(202);
            assertThat(longs(resend.json().get("ids"))).containsExactly(ids.get(1), ids.get(2));
            assertThat(resend.json().get("from").asText()).isEqualTo(from);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    fastAdmin.attempts(ids.get(1)).size() == 2 && fastAdmin.attempts(ids.get(2)).size() == 2);
            fastAdmin.awaitStatus(ids.get(2), "DELIVERED");
            assertThat(fastAdmin.attempts(ids.get(0))).hasSize(1);
        }
    }

    @Test
    void bulkResendRefusesWhatItCannotDo() {
        TestMerchant merchant = TestMerchant.register(fast, 1_000);
        String oid = merchant.oidPartner();
        assertRefused(fastAdmin.post("/admin/notifications/resend", "{}"), 400, "merchant is required");
        assertRefused(fastAdmin.post("/admin/notifications/resend", "{\"merchant\":\"209900000000000000\"}"),
                404, "no merchant 209900000000000000");
        assertRefused(fastAdmin.post("/admin/notifications/resend", "{\"merchant\":\"" + oid + "\",\"status\":\"PENDING\"}"),
                400, "status must be EXHAUSTED or DELIVERED");
        assertRefused(fastAdmin.post("/admin/notifications/resend", "{\"merchant\":\"" + oid + "\",\"status\":\"LOST\"}"),
                400, "unknown status LOST");
        assertRefused(fastAdmin.post("/admin/notifications/resend", "{\"merchant\":\"" + oid + "\",\"rate\":0}"),
                400, "rate must be");
        assertRefused(fastAdmin.post("/admin/notifications/resend", "{\"merchant\":\"" + oid + "\",\"rate\":5000}"),
                400, "rate must be");
        assertRefused(fastAdmin.post("/admin/notifications/resend", "{\"merchant\":\"" + oid + "\",\"rate\":\"fast\"}"),
                400, "rate must be");
        assertRefused(fastAdmin.post("/admin/notifications/resend", "{\"merchant\":\"" + oid + "\",\"dry_run\":\"yes\"}"),
                400, "dry_run must be true or false");
        assertRefused(fastAdmin.post("/admin/notifications/resend", "{\"merchant\":\"" + oid
                + "\",\"from\":\"2024-06-12T08:00:00Z\",\"to\":\"2024-06-12T08:00:00Z\"}"), 400, "from must be before to");
        assertRefused(fastAdmin.post("/admin/notifications/resend", "{\"merchant\":\"" + oid + "\",\"to\":\"noon\"}"),
                400, "to must be an ISO-8601 instant");
    }

    @Test
    void cancelledNotificationIsNeverAttemptedAgainAndKeepsItsHistory() {
        TestMerchant merchant = TestMerchant.register(patient, 1_000_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            receiver.answer(r -> new Answer(500, DOWN));
            long cancelled = notified(patientAdmin, merchant, receiver.url("/a"));
            long control = notified(patientAdmin, merchant, receiver.url("/b"));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    patientAdmin.attempts(cancelled).size() == 1 && patientAdmin.attempts(control).size() == 1);

            TestAdmin.Response cancel = patientAdmin.post("/admin/notifications/" + cancelled + "/cancel", "");

            assertThat(cancel.status()).isEqualTo(200);
            JsonNode n = cancel.json().get("notification");
            assertThat(n.get("status").asText()).isEqualTo("CANCELLED");
            assertThat(n.get("cancelled_at").isNull()).isFalse();
            assertThat(cancel.json().get("attempts")).hasSize(1);
            // An hour later the control notification gets its second attempt; the cancelled one never does.
            patientAdmin.post("/sandbox/clock/advance", "{\"by\":\"PT1H1S\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> patientAdmin.attempts(control).size() == 2);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.received().stream().filter(r -> r.path().equals("/a")).count() == 1);
            assertThat(patientAdmin.status(cancelled)).isEqualTo("CANCELLED");
            assertThat(patientAdmin.attempts(cancelled)).extracting(a -> a.get("outcome").asText())
                    .containsExactly("HTTP_ERROR");
            assertThat(ids(patientAdmin, "merchant=" + merchant.oidPartner() + "&status=cancelled"))
                    .containsExactly(cancelled);

            assertRefused(patientAdmin.post("/admin/notifications/" + cancelled + "/cancel", ""), 409,
                    "notification " + cancelled + " is CANCELLED; only a PENDING notification can be cancelled");
            assertRefused(patientAdmin.post("/admin/notifications/" + cancelled + "/resend", ""), 409,
                    "a cancelled notification is never sent again");
            assertThat(patientAdmin.attempts(cancelled)).hasSize(1);
        }
    }

    @Test
    void onlyAPendingNotificationCanBeCancelled() {
        TestMerchant merchant = TestMerchant.register(fast, 1_000_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            long delivered = notified(fastAdmin, merchant, receiver.url());
            fastAdmin.awaitStatus(delivered, "DELIVERED");

            assertRefused(fastAdmin.post("/admin/notifications/" + delivered + "/cancel", ""), 409,
                    "notification " + delivered + " is DELIVERED; only a PENDING notification can be cancelled");
            assertRefused(fastAdmin.post("/admin/notifications/987654321/cancel", ""), 404, "no notification 987654321");
            assertThat(fastAdmin.status(delivered)).isEqualTo("DELIVERED");
        }
    }

    @Test
    void bulkCancelTakesOnlyThatMerchantsPendingNotifications() {
        TestMerchant merchant = TestMerchant.register(patient, 1_000_000);
        TestMerchant other = TestMerchant.register(patient, 1_000_000);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            long delivered = notified(patientAdmin, merchant, receiver.url());
            patientAdmin.awaitStatus(delivered, "DELIVERED");
            receiver.answer(r -> new Answer(500, DOWN));
            List<Long> pending = notified(patientAdmin, merchant, receiver.url(), 3);
            long others = notified(patientAdmin, other, receiver.url());
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 5);

            TestAdmin.Response dryRun = patientAdmin.post("/admin/notifications/cancel",
                    "{\"merchant\":\"" + merchant.oidPartner() + "\",\"dry_run\":true}");
            assertThat(longs(dryRun.json().get("ids"))).containsExactlyElementsOf(pending);
            assertThat(pending).allSatisfy(id -> assertThat(patientAdmin.status(id)).isEqualTo("PENDING"));

            TestAdmin.Response cancel = patientAdmin.post("/admin/notifications/cancel",
                    "{\"merchant\":\"" + merchant.oidPartner() + "\"}");

            assertThat(cancel.status()).isEqualTo(200);
            assertThat(cancel.json().get("count").asInt()).isEqualTo(3);
            assertThat(longs(cancel.json().get("ids"))).containsExactlyElementsOf(pending);
            assertThat(pending).allSatisfy(id -> assertThat(patientAdmin.status(id)).isEqualTo("CANCELLED"));
            assertThat(patientAdmin.status(delivered)).isEqualTo("DELIVERED");
            assertThat(patientAdmin.status(others)).isEqualTo("PENDING");
            assertRefused(patientAdmin.post("/admin/notifications/cancel", "{\"merchant\":\"\"}"), 400,
                    "merchant is required");
        }
    }

    /** Pays out and returns the id of the payout's notification, once queued. */
    private static long notified(TestAdmin admin, TestMerchant merchant, String notifyUrl) {
        return admin.awaitNotification(Payouts.pay(merchant, "5678", notifyUrl).noOrder());
    }

    /** The ids of as many payouts' notifications, oldest first. */
    private static List<Long> notified(TestAdmin admin, TestMerchant merchant, String notifyUrl, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(notified(admin, merchant, notifyUrl));
        }
        return ids;
    }

    private static void assertRefused(TestAdmin.Response response, int status, String error) {
        assertThat(response.status()).as("%s", response.json()).isEqualTo(status);
        assertThat(response.json().get("error").asText()).contains(error);
    }

    private static List<Long> ids(TestAdmin admin, String query) {
        return admin.list(query).stream().map(n -> n.get("id").asLong()).toList();
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asLong()));
        return values;
    }
}
