package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.server.Gateway;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node claims a few notifications ahead of its free slots; a stopping node gives those back at once, so another
 * node sends them without waiting for their leases to run out, and only the one it was sending waits for its lease.
 */
class NotificationClaimAheadTest {

    @Test
    void notificationsClaimedAheadAreGivenBackWhenTheNodeStops(@TempDir Path dir) {
        DatabaseSettings database = TestDatabases.onPostgres() ? TestDatabases.fresh()
                : new DatabaseSettings("jdbc:h2:file:" + dir + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        // One attempt at a time for the host, a timeout and a lease far longer than the test.
        NotifyPolicy policy = new NotifyPolicy(Duration.ofMillis(300), 3, Duration.ofSeconds(60), 1,
                Duration.ofMillis(100), 64).withLease(Duration.ofSeconds(300)).withConcurrency(1, 1);
        CountDownLatch testOver = new CountDownLatch(1);
        AtomicBoolean firstNodeRuns = new AtomicBoolean(true);
        Jdbi jdbi = Jdbi.create(database.url(), database.user(), database.password());
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            receiver.answer(r -> firstNodeRuns.get()
                    ? NotificationReceiver.hangUntil(testOver)
                    : new NotificationReceiver.Answer(200, NotificationReceiver.ACK));
            List<Long> ids = new ArrayList<>();
            try (Gateway first = Gateway.start(TestGateways.settings(database).withNotifyPolicy(policy))) {
                TestAdmin admin = new TestAdmin(first);
                TestMerchant merchant = TestMerchant.register(first, 500_000);
                for (int i = 0; i < 4; i++) {
                    ids.add(admin.awaitNotification(Payouts.pay(merchant, "5678", receiver.url()).noOrder()));
                }
                receiver.await(1);
                // One is being sent; the other three are claimed ahead, waiting for the host's only slot.
                await().until(() -> leased(jdbi) == 4);
                assertThat(receiver.received()).hasSize(1);
            }
            firstNodeRuns.set(false);
            assertThat(leased(jdbi)).as("only the attempt left unanswered keeps its lease").isEqualTo(1);
            long inFlight = jdbi.withHandle(h -> h.createQuery(
                    "SELECT id FROM notification WHERE lease_owner IS NOT NULL").mapTo(Long.class).one());

            try (Gateway second = Gateway.start(TestGateways.settings(database).withNotifyPolicy(policy))) {
                TestAdmin admin = new TestAdmin(second);
                for (long id : ids) {
                    if (id != inFlight) {
                        admin.awaitStatus(id, "DELIVERED");
                    }
                }
                assertThat(admin.attempts(inFlight)).as("its lease has years to run").isEmpty();
                assertThat(receiver.received()).hasSize(4);
            }
        } finally {
            testOver.countDown();
        }
    }

    private static int leased(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM notification WHERE lease_owner IS NOT NULL")
                .mapTo(Integer.class).one());
    }
}
