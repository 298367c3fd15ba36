package io.example.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.llgate.client.LlGateClient;
import io.llgate.client.notify.NotificationHandler;
import io.llgate.testkit.LlGateSandbox;
import io.llgate.testkit.Sandbox;
import io.llgate.testkit.SentNotification;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The notify_url on Javalin instead of the JDK's server: the same handler, the same behaviour. */
@LlGateSandbox
class JavalinNotifyRouteTest {

    @Test
    void processesANotificationOnceAndAcknowledgesTheCopy(Sandbox sandbox, LlGateClient client) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SupplierPayouts payouts = new SupplierPayouts(client, "http://127.0.0.1:" + port + "/llgate/notify",
                Clock.systemUTC());
        NotificationHandler handler = NotificationHandler.builder(client.notificationVerifier(), payouts::onNotification)
                .build();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            JavalinNotifyRoute.addTo(config.routes, handler);
        }).start("127.0.0.1", port);
        try {
            String noOrder = payouts.pay("acme", "6217000000000045678", "李明", "9.99").noOrder();
            sandbox.awaitSentNotification(noOrder, n -> n.status() == SentNotification.Status.DELIVERED);

            sandbox.resendNotification(noOrder);
            SentNotification twice = sandbox.awaitSentNotification(noOrder, n -> n.attempts().size() == 2
                    && n.status() == SentNotification.Status.DELIVERED);

            assertThat(twice.attempts()).allSatisfy(a -> assertThat(a.answerHead())
                    .contains(NotificationHandler.ACKNOWLEDGEMENT));
            assertThat(payouts.processed()).containsExactly(noOrder + " SUCCESS");
            assertThat(payouts.paidTo("acme")).isEqualTo(999);
        } finally {
            app.stop();
        }
    }
}
