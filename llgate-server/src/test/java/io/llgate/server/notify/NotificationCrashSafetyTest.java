package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.store.DatabaseSettings;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.NotificationReceiver.Answer;
import io.llgate.server.testing.NotificationReceiver.Received;
import io.llgate.server.testing.TestDatabases;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notification committed by one node survives that node stopping or dying: another node on the
 * same database delivers it, and it is acknowledged once.
 */
class NotificationCrashSafetyTest {

    /** The notification row as the database holds it while no node runs. */
    record Stored(String status, String leaseOwner, int acknowledgedAttempts, int attempts) {
    }

    @Test
    void notificationLeftPendingByAStoppedNodeIsDeliveredOnceByAnotherNode(@TempDir Path dir) {
        DatabaseSettings database = sharedDatabase(dir);
        NotifyPolicy policy = new NotifyPolicy(Duration.ofMillis(300), 100, Duration.ofSeconds(2), 8,
                Duration.ofMillis(100), 64);
        AtomicBoolean merchantUp = new AtomicBoolean();
        AtomicInteger acknowledgements = new AtomicInteger();
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            receiver.answer(r -> {
                if (!merchantUp.get()) {
                    return new Answer(500, "maintenance");
                }
                acknowledgements.incrementAndGet();
                return new Answer(200, NotificationReceiver.ACK);
            });
            long id;
            try (Gateway first = Gateway.start(TestGateways.settings(database).withNotifyPolicy(policy))) {
                TestAdmin admin = new TestAdmin(first);
                TestMerchant merchant = TestMerchant.register(first, 100_000);
                id = admin.awaitNotification(Payouts.pay(merchant, "5678", receiver.url()).noOrder());
                await().until(() -> !admin.attempts(id).isEmpty());
            }

            Stored left = stored(database, id);
            assertThat(left.status()).isEqualTo("PENDING");
            assertThat(left.acknowledgedAttempts()).isZero();

            merchantUp.set(true);
            try (Gateway second = Gateway.start(TestGateways.settings(database).withNotifyPolicy(policy))) {
                TestAdmin admin = new TestAdmin(second);
                admin.awaitStatus(id, "DELIVERED");
                List<JsonNode> attempts = admin.attempts(id);
                JsonNode last = attempts.get(attempts.size() - 1);
                assertThat(last.get("outcome").asText()).isEqualTo("ACKNOWLEDGED");
                List<JsonNode> before = attempts.subList(0, attempts.size() - 1);
                assertThat(before).isNotEmpty().allSatisfy(a -> {
                    assertThat(a.get("outcome").asText()).isEqualTo("HTTP_ERROR");
                    assertThat(a.get("node").asText()).isNotEqualTo(last.get("node").asText());
                });
                assertThat(attempts).extracting(a -> a.get("attempt_no").asInt())
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, attempts.size()).boxed().toList());
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                        .until(() -> acknowledgements.get() == 1);
                assertThat(admin.attempts(id)).hasSameSizeAs(attempts);
            }
        }
    }

    @Test
    void notificationInFlightWhenItsNodeDiesIsDeliveredByAnotherNodeOnceTheLeaseExpires(@TempDir Path dir) {
        DatabaseSettings database = sharedDatabase(dir);
        // The attempt's timeout must outlast the first node's close grace by a wide margin, or a slow
        // machine sees the timeout fire while the node stops and records it.
        NotifyPolicy policy = new NotifyPolicy(Duration.ofMillis(300), 3, Duration.ofSeconds(6), 8,
                Duration.ofMillis(100), 64).withLease(Duration.ofSeconds(7));
        CountDownLatch testOver = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            receiver.answer(r -> requests.incrementAndGet() == 1
                    ? NotificationReceiver.hangUntil(testOver)
                    : new Answer(200, NotificationReceiver.ACK));
            long id;
            try (Gateway first = Gateway.start(TestGateways.settings(database).withNotifyPolicy(policy))) {
                TestAdmin admin = new TestAdmin(first);
                TestMerchant merchant = TestMerchant.register(first, 100_000);
                id = admin.awaitNotification(Payouts.pay(merchant, "5678", receiver.url()).noOrder());
                receiver.await(1);
            }

            Stored left = stored(database, id);
            assertThat(left.status()).as("not delivered without an acknowledgement").isEqualTo("PENDING");
            assertThat(left.attempts()).as("no answer, so nothing to record").isZero();
            assertThat(left.leaseOwner()).as("the dead node still holds the lease").isNotNull();

            try (Gateway second = Gateway.start(TestGateways.settings(database).withNotifyPolicy(policy))) {
                TestAdmin admin = new TestAdmin(second);
                admin.awaitStatus(id, "DELIVERED");
                assertThat(admin.attempts(id)).singleElement().satisfies(a -> {
                    assertThat(a.get("outcome").asText()).isEqualTo("ACKNOWLEDGED");
                    assertThat(a.get("node").asText()).isNotEqualTo(left.leaseOwner());
                });
                List<Received> got = receiver.received();
                assertThat(got).hasSize(2);
                assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
                assertThat(got.get(1).header("X-LLGate-Notification-Id")).isEqualTo(Long.toString(id));
            }
        } finally {
            testOver.countDown();
        }
    }

    @Test
    void stoppingNodeRecordsTheAnswerToAnAttemptInFlightInsteadOfSendingItAgainLater(@TempDir Path dir) {
        DatabaseSettings database = sharedDatabase(dir);
        try (NotificationReceiver receiver = new NotificationReceiver()) {
            long id;
            try (Gateway node = Gateway.start(TestGateways.settings(database))) {
                URI health = URI.create(node.baseUri() + "/health/live");
                // The merchant answers only once the node has begun to stop (its HTTP server is gone).
                receiver.answer(r -> {
                    awaitRefused(health);
                    return new Answer(200, NotificationReceiver.ACK);
                });
                TestAdmin admin = new TestAdmin(node);
                TestMerchant merchant = TestMerchant.register(node, 100_000);
                id = admin.awaitNotification(Payouts.pay(merchant, "5678", receiver.url()).noOrder());
                receiver.await(1);
            }

            Stored left = stored(database, id);
            assertThat(left.status()).isEqualTo("DELIVERED");
            assertThat(left.acknowledgedAttempts()).isEqualTo(1);
            assertThat(left.leaseOwner()).isNull();
        }
    }

    private static void awaitRefused(URI uri) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                Thread.sleep(10);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One database for two nodes in turn: a file on H2, a fresh schema on PostgreSQL. */
    private static DatabaseSettings sharedDatabase(Path dir) {
        if (TestDatabases.onPostgres()) {
            return TestDatabases.fresh();
        }
        return new DatabaseSettings("jdbc:h2:file:" + dir + "/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa", "");
    }

    private static Stored stored(DatabaseSettings database, long id) {
        return Jdbi.create(database.url(), database.user(), database.password()).withHandle(h -> new Stored(
                h.createQuery("SELECT status FROM notification WHERE id = :id").bind("id", id).mapTo(String.class).one(),
                h.createQuery("SELECT lease_owner FROM notification WHERE id = :id").bind("id", id).mapTo(String.class).one(),
                h.createQuery("SELECT count(*) FROM notification_attempt WHERE notification_id = :id AND outcome = 'ACKNOWLEDGED'")
                        .bind("id", id).mapTo(Integer.class).one(),
                h.createQuery("SELECT count(*) FROM notification_attempt WHERE notification_id = :id")
                        .bind("id", id).mapTo(Integer.class).one()));
    }
}
