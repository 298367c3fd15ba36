package io.llgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.server.Gateway;
import io.llgate.server.notify.NotifyPolicy;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.NotificationReceiver.Answer;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code llgate notifications list --from/--to}, {@code resend --merchant} and {@code cancel}, against a gateway
 * that tries twice an hour apart: a notification whose first attempt failed stays PENDING until the clock moves.
 */
class NotificationCommandsTest {
    private static final AtomicLong CARDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    static Gateway gateway;
    static TestAdmin admin;
    static NotificationReceiver receiver;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(TestGateways.settings().withNotifyPolicy(
                new NotifyPolicy(Duration.ofHours(1), 2, Duration.ofSeconds(2), 8, Duration.ofMillis(100), 64)));
        admin = new TestAdmin(gateway);
        receiver = new NotificationReceiver();
        // Paths starting /down/ fail until a test says otherwise.
        receiver.answer(r -> r.path().startsWith("/down/") ? new Answer(500, "down") : new Answer(200, NotificationReceiver.ACK));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void listTakesATimeRange() {
        TestMerchant merchant = TestMerchant.register(gateway, 1_000_000);
        long first = pay(merchant, "/up/" + merchant.oidPartner());
        long second = pay(merchant, "/up/" + merchant.oidPartner());
        String secondCreated = admin.notification(second).get("notification").get("created_at").asText();

        Cli.Run from = admin("notifications", "list", "--merchant", merchant.oidPartner(), "--from", secondCreated);
        Cli.Run to = admin("notifications", "list", "--merchant", merchant.oidPartner(), "--to", secondCreated);

        assertThat(from.exitCode()).as(from.err()).isZero();
        assertThat(from.out().lines().skip(1)).singleElement().asString().startsWith(second + " ");
        assertThat(to.out().lines().skip(1)).singleElement().asString().startsWith(first + " ");
    }

    @Test
    void resendByMerchantShowsWhatItWouldDoThenResendsEveryExhaustedOne() {
        TestMerchant merchant = TestMerchant.register(gateway, 1_000_000);
        String path = "/down/" + merchant.oidPartner();
        List<Long> ids = List.of(pay(merchant, path), pay(merchant, path));
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> admin.attempts(id).size() == 1));
        assertThat(admin("sandbox", "advance-clock", "61m").exitCode()).isZero();
        ids.forEach(id -> admin.awaitStatus(id, "EXHAUSTED"));

        Cli.Run dryRun = admin("notifications", "resend", "--merchant", merchant.oidPartner(), "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out().strip()).isEqualTo("Would resend 2 EXHAUSTED notifications of merchant "
                + merchant.oidPartner() + ": " + ids.get(0) + ", " + ids.get(1));
        assertThat(ids).allSatisfy(id -> assertThat(admin.status(id)).isEqualTo("EXHAUSTED"));

        receiver.answer(r -> new Answer(200, NotificationReceiver.ACK));
        try {
            Cli.Run resend = admin("notifications", "resend", "--merchant", merchant.oidPartner(), "--rate", "20");

            assertThat(resend.exitCode()).as(resend.err()).isZero();
            assertThat(resend.out()).startsWith("Resending 2 EXHAUSTED notifications of merchant "
                    + merchant.oidPartner() + " at 20 a second, the last at ").endsWith(": " + ids.get(0) + ", "
                    + ids.get(1) + System.lineSeparator());
            ids.forEach(id -> admin.awaitStatus(id, "DELIVERED"));
            Cli.Run nothingLeft = admin("notifications", "resend", "--merchant", merchant.oidPartner());
            assertThat(nothingLeft.out().strip())
                    .isEqualTo("No EXHAUSTED notifications of merchant " + merchant.oidPartner() + " to resend.");
        } finally {
            receiver.answer(r -> r.path().startsWith("/down/") ? new Answer(500, "down")
                    : new Answer(200, NotificationReceiver.ACK));
        }
    }

    @Test
    void cancelStopsOneOrAllOfAMerchantsPendingNotifications() {
        TestMerchant merchant = TestMerchant.register(gateway, 1_000_000);
        String path = "/down/" + merchant.oidPartner();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(pay(merchant, path));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> admin.attempts(id).size() == 1));

        Cli.Run one = admin("notifications", "cancel", Long.toString(ids.get(0)));
        Cli.Run again = admin("notifications", "cancel", Long.toString(ids.get(0)));
        Cli.Run dryRun = admin("notifications", "cancel", "--merchant", merchant.oidPartner(), "--dry-run");
        Cli.Run all = admin("notifications", "cancel", "--merchant", merchant.oidPartner());
        Cli.Run show = admin("notifications", "show", Long.toString(ids.get(0)));
        Cli.Run list = admin("notifications", "list", "--merchant", merchant.oidPartner(), "--status", "cancelled");

        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out().strip()).isEqualTo("Notification " + ids.get(0) + " is cancelled (attempts made 1/2).");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("is CANCELLED; only a PENDING notification can be cancelled");
        assertThat(dryRun.out().strip()).isEqualTo("Would cancel 2 pending notifications of merchant "
                + merchant.oidPartner() + ": " + ids.get(1) + ", " + ids.get(2));
        assertThat(all.out().strip()).isEqualTo("Cancelled 2 pending notifications of merchant "
                + merchant.oidPartner() + ": " + ids.get(1) + ", " + ids.get(2));
        assertThat(show.out()).contains("notification:   " + ids.get(0) + "  CANCELLED").contains("cancelled:")
                .contains("HTTP_ERROR");
        assertThat(list.out().lines().skip(1)).hasSize(3).allSatisfy(line -> assertThat(line).contains("CANCELLED"));
        assertThat(ids).allSatisfy(id -> assertThat(admin.status(id)).isEqualTo("CANCELLED"));
    }

    @Test
    void badTargetsAndOptionValuesExit2WithOneLine() {
        List<Cli.Run> runs = List.of(
                admin("notifications", "resend"),
                admin("notifications", "resend", "5", "--merchant", "201800000000000001"),
                admin("notifications", "resend", "5", "--dry-run"),
                admin("notifications", "resend", "5", "--rate", "3"),
                admin("notifications", "resend", "--merchant", "201800000000000001", "--rate", "fast"),
                admin("notifications", "resend", "--merchant", "201800000000000001", "--from", "yesterday"),
                admin("notifications", "cancel"),
                admin("notifications", "cancel", "5", "--merchant", "201800000000000001"),
                admin("notifications", "list", "--to", "noon"));

        for (Cli.Run run : runs) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.showsStackTrace()).as(run.err()).isFalse();
        }
        assertThat(runs.get(0).err()).contains("give either a notification ID or --merchant");
        assertThat(runs.get(2).err()).contains("go with --merchant, not with an ID");
        assertThat(runs.get(5).err()).contains("'yesterday' is not an ISO-8601 instant");
    }

    @Test
    void refusalsOfTheAdminApiExit1() {
        TestMerchant merchant = TestMerchant.register(gateway, 1_000);
        Cli.Run unknown = admin("notifications", "resend", "--merchant", "209900000000000000");
        Cli.Run pending = admin("notifications", "resend", "--merchant", merchant.oidPartner(), "--status", "PENDING");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("llgate notifications resend: no merchant 209900000000000000");
        assertThat(pending.exitCode()).isEqualTo(1);
        assertThat(pending.err()).contains("status must be EXHAUSTED or DELIVERED").doesNotContain("Exception");
    }

    /** Pays to a new card and returns the id of the payout's notification, once queued. */
    private static long pay(TestMerchant merchant, String path) {
        var request = merchant.payout("621700" + String.format("%09d", CARDS.incrementAndGet() % 1_000_000_000L) + "5678",
                "10.00", receiver.url(path));
        assertThat(merchant.sealed("/paymentapi/payment.htm", request).retCode()).isEqualTo("0000");
        return admin.awaitNotification(request.get("no_order"));
    }

    private static Cli.Run admin(String... args) {
        return Cli.admin(gateway, args);
    }
}
