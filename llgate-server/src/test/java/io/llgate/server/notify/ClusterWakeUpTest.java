package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llgate.server.Gateway;
import io.llgate.server.GatewaySettings;
import io.llgate.server.store.Database;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A notification committed on one node is attempted by another node at once, through PostgreSQL
 * LISTEN/NOTIFY, instead of at that node's next poll.
 */
class ClusterWakeUpTest {

    @Test
    void aCommitOnOneNodeWakesTheDispatcherOfAnother() {
        assumeTrue(TestDatabases.onPostgres(), "LISTEN/NOTIFY needs PostgreSQL (set LLGATE_TEST_PG_URL)");
        GatewaySettings base = TestGateways.settings();
        NotifyPolicy slowPoll = new NotifyPolicy(Duration.ofSeconds(1), 3, Duration.ofSeconds(2), 8,
                Duration.ofSeconds(60), 64);
        try (Gateway node = Gateway.start(base.withNotifyPolicy(slowPoll));
             Database otherNode = Database.open(base.database());
             ClusterAnnouncer otherAnnouncer = new ClusterAnnouncer(otherNode.jdbi(), "another-node");
             NotificationReceiver receiver = new NotificationReceiver()) {
            TestMerchant merchant = TestMerchant.register(node, 0);
            long merchantId = node.merchants().find(merchant.oidPartner()).orElseThrow().id();
            // Let the node's first poll round pass, so only a wake-up can make it claim within the minute.
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);

            // The other node's outbox: its own dispatcher is not running, so only the announcement can help.
            NotificationOutbox outbox = new NotificationOutbox(node.clock(), slowPoll, host -> { }, otherAnnouncer::announce);
            Instant committed = Instant.now();
            otherNode.jdbi().useTransaction(h -> outbox.enqueue(h, new OutgoingNotification(merchantId,
                    "INSTANT_PAYMENT", "2026112299999999", "PO-CLUSTER", "SUCCESS", receiver.url(),
                    "{\"no_order\":\"PO-CLUSTER\"}")));

            NotificationReceiver.Received received = receiver.await(1).get(0);
            assertThat(received.text()).isEqualTo("{\"no_order\":\"PO-CLUSTER\"}");
            assertThat(Duration.between(committed, received.at())).isLessThan(Duration.ofSeconds(60));
        }
    }
}
