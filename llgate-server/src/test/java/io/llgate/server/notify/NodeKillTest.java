package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llgate.server.Gateway;
import io.llgate.server.GatewaySettings;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two gateway nodes on one PostgreSQL database, the second a separate process that is killed
 * (SIGKILL) in the middle of the run: every notification is still delivered, by the surviving
 * node once the dead node's leases end, and no notification is ever attempted twice at once.
 */
class NodeKillTest {
    private static final int PAYOUTS = 60;

    @Test
    void killingANodeMidRunLosesNoNotification() throws Exception {
        assumeTrue(TestDatabases.onPostgres(), "two nodes share a database only on PostgreSQL (set LLGATE_TEST_PG_URL)");
        NotifyPolicy policy = new NotifyPolicy(Duration.ofMillis(500), 30, Duration.ofSeconds(2), 8,
                Duration.ofMillis(200), 16).withLease(Duration.ofSeconds(3));
        GatewaySettings settings = TestGateways.settings().withNotifyPolicy(policy);
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();

        try (Gateway survivor = Gateway.start(settings); NotificationReceiver receiver = new NotificationReceiver()) {
            receiver.answer(r -> {
                AtomicInteger now = inFlight.computeIfAbsent(r.header("X-LLGate-Notification-Id"), id -> new AtomicInteger());
                if (now.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                try {
                    Thread.sleep(150); // slow enough that attempts are in flight when the node dies
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    now.decrementAndGet();
                }
                return new NotificationReceiver.Answer(200, NotificationReceiver.ACK);
            });
            TestMerchant merchant = TestMerchant.register(survivor, 10_000_000);
            Process doomed = startNode(settings);
            try {
                ExecutorService merchants = Executors.newFixedThreadPool(4);
                for (int i = 0; i < PAYOUTS; i++) {
                    merchants.execute(() -> Payouts.pay(merchant, "5678", receiver.url()));
                }
                String doomedNode = "-" + doomed.pid() + "-";
                // Kill the second node once it has delivered some notifications and is sending others.
                await().atMost(Duration.ofSeconds(60)).until(() -> attemptsBy(survivor, doomedNode) >= 3);
                doomed.destroyForcibly().waitFor();
                merchants.shutdown();
                assertThat(merchants.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

                await().atMost(Duration.ofSeconds(60)).until(() -> delivered(survivor) == PAYOUTS);
                assertThat(attemptsBy(survivor, doomedNode)).isPositive();
                assertThat(overlaps).as("notifications attempted twice at the same time").hasValue(0);
                List<Long> ackCounts = survivor.jdbi().withHandle(h -> h.createQuery("""
                        SELECT COUNT(a.id) FROM notification n LEFT JOIN notification_attempt a
                          ON a.notification_id = n.id AND a.outcome = 'ACKNOWLEDGED'
                        GROUP BY n.id""").mapTo(Long.class).list());
                assertThat(ackCounts).hasSize(PAYOUTS).containsOnly(1L);
            } finally {
                doomed.destroyForcibly();
            }
        }
    }

    private static long attemptsBy(Gateway gateway, String nodeMarker) {
        return gateway.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM notification_attempt WHERE node LIKE :node")
                .bind("node", "%" + nodeMarker + "%").mapTo(Long.class).one());
    }

    private static long delivered(Gateway gateway) {
        return gateway.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM notification WHERE status = 'DELIVERED'").mapTo(Long.class).one());
    }

    /** Starts `llgate serve` in its own JVM on the same database, and waits until it runs. */
    private static Process startNode(GatewaySettings settings) throws Exception {
        Path dataDir = Files.createTempDirectory("llgate-node");
        Path log = dataDir.resolve("node.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.llgate.server.cli.Main", "serve", "--port", "0", "--data-dir", dataDir.toString(),
                "--db-url", settings.database().url(), "--db-user", settings.database().user(),
                "--db-password", settings.database().password(), "--no-demo-merchant", "--bank-delay", "0s",
                "--notify-interval", "500ms", "--notify-timeout", "2s", "--notify-lease", "3s")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        File logFile = log.toFile();
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive()
                || Files.readString(logFile.toPath()).contains("is running"));
        assertThat(process.isAlive()).as("second node started: %s", Files.readString(log)).isTrue();
        return process;
    }
}
