package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llgate.server.Gateway;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.NotificationReceiver.Answer;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Two gateway nodes on one PostgreSQL database share the notifications without sending any twice. */
class NotificationClusterTest {
    private static final int PAYOUTS = 40;

    /** One recorded attempt, as the database holds it. */
    record Attempt(long notificationId, String node, Instant startedAt, long durationMs, String outcome) {
        Instant endedAt() {
            return startedAt.plusMillis(durationMs);
        }

        boolean overlaps(Attempt other) {
            return startedAt.isBefore(other.endedAt()) && other.startedAt.isBefore(endedAt());
        }
    }

    @Test
    void twoNodesDeliverEveryNotificationOnceAndNeverAttemptOneOnBothAtOnce() {
        assumeTrue(TestDatabases.onPostgres(), "several nodes share a database only on PostgreSQL");
        DatabaseSettings database = TestDatabases.fresh();
        try (NotificationReceiver receiver = new NotificationReceiver();
             Gateway one = Gateway.start(TestGateways.settings(database));
             Gateway two = Gateway.start(TestGateways.settings(database))) {
            // A merchant that takes a moment to answer keeps several attempts in flight at once.
            receiver.answer(r -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Answer(200, NotificationReceiver.ACK);
            });
            TestAdmin admin = new TestAdmin(two);
            TestMerchant merchant = TestMerchant.register(one, 100_000_000);
            for (int i = 0; i < PAYOUTS; i++) {
                Payouts.pay(merchant, "5678", receiver.url());
            }

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    admin.list("merchant=" + merchant.oidPartner() + "&status=DELIVERED&limit=1000").size() == PAYOUTS);

            List<Attempt> attempts = one.jdbi().withHandle(h -> h.createQuery("""
                    SELECT a.notification_id, a.node, a.started_at, a.duration_ms, a.outcome
                    FROM notification_attempt a JOIN notification n ON n.id = a.notification_id
                    JOIN merchant m ON m.id = n.merchant_id WHERE m.oid_partner = :oid""")
                    .bind("oid", merchant.oidPartner())
                    .map((rs, ctx) -> new Attempt(rs.getLong("notification_id"), rs.getString("node"),
                            rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getLong("duration_ms"),
                            rs.getString("outcome")))
                    .list());
            Map<Long, List<Attempt>> byNotification = attempts.stream()
                    .collect(Collectors.groupingBy(Attempt::notificationId));
            assertThat(byNotification).hasSize(PAYOUTS);
            byNotification.forEach((id, its) -> {
                assertThat(its).as("acknowledgements of notification %d", id)
                        .filteredOn(a -> a.outcome().equals("ACKNOWLEDGED")).hasSize(1);
                for (Attempt a : its) {
                    for (Attempt b : its) {
                        assertThat(a != b && !a.node().equals(b.node()) && a.overlaps(b))
                                .as("attempts of notification %d on two nodes at once: %s and %s", id, a, b).isFalse();
                    }
                }
            });
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.received().size() == PAYOUTS);
            assertThat(receiver.received()).extracting(r -> r.header("X-LLGate-Notification-Id"))
                    .doesNotHaveDuplicates();
        }
    }
}
