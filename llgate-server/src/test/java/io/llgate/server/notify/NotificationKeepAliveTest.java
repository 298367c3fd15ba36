package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Notifications to one merchant host reuse one kept-alive connection instead of opening one per attempt. */
class NotificationKeepAliveTest {
    private static final int NOTIFICATIONS = 6;

    @Test
    void attemptsOneAfterAnotherToOneHostShareAConnection() throws IOException {
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        HttpServer merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        merchant.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        merchant.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] ack = NotificationReceiver.ACK.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ack.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ack);
            }
        });
        merchant.start();
        // One attempt at a time to the host: each must find the previous one's connection idle in the pool.
        NotifyPolicy oneAtATime = new NotifyPolicy(Duration.ofSeconds(1), 3, Duration.ofSeconds(5), 1,
                Duration.ofMillis(100), 64);
        try (Gateway gateway = Gateway.start(TestGateways.settings().withNotifyPolicy(oneAtATime))) {
            long merchantId = gateway.merchants().find(TestMerchant.register(gateway, 0).oidPartner()).orElseThrow().id();
            String url = "http://127.0.0.1:" + merchant.getAddress().getPort() + "/notify";
            for (int i = 0; i < NOTIFICATIONS; i++) {
                String reference = "2026112288" + String.format("%06d", i);
                gateway.jdbi().useTransaction(h -> gateway.notifier().enqueue(h, new OutgoingNotification(merchantId,
                        "INSTANT_PAYMENT", reference, "PO" + reference, "SUCCESS", url, "{\"no_order\":\"x\"}")));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> clientPorts.size() == NOTIFICATIONS);
            assertThat(clientPorts).as("the client ports the attempts came from").containsOnly(clientPorts.get(0));
        } finally {
            merchant.stop(0);
        }
    }
}
