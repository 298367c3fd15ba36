package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A production gateway checks a notify_url's addresses again before every attempt, since DNS can change
 * after the request was accepted. The names resolve through a fake DNS; no request leaves the machine.
 */
class NotifyUrlRecheckTest {
    @Test
    void aHostThatTurnedPrivateAfterTheRequestIsNeverCalledAndEveryAttemptIsRecordedAsRefused() {
        // The first lookup (at the apply) answers a public address, every later one a private address.
        AtomicInteger lookups = new AtomicInteger();
        try (Gateway gateway = Gateway.start(TestGateways.settings()
                .withMode(GatewayMode.PRODUCTION, "production-test-token")
                .withHostResolver(host -> {
                    if (!host.equals("shop.example")) {
                        throw new UnknownHostException(host);
                    }
                    byte[] address = lookups.getAndIncrement() == 0 ? new byte[] {(byte) 203, 0, 113, 7}
                            : new byte[] {10, 0, 0, 7};
                    return List.of(InetAddress.getByAddress(host, address));
                }))) {
            TestAdmin admin = new TestAdmin(gateway);
            TestMerchant merchant = TestMerchant.register(gateway, 100_000);

            Payouts.Applied payout = Payouts.pay(merchant, "5678", "http://shop.example/llp/notify");
            long id = admin.awaitNotification(payout.noOrder());
            admin.awaitStatus(id, "EXHAUSTED");

            List<JsonNode> attempts = admin.attempts(id);
            assertThat(attempts).hasSize(3).allSatisfy(a -> {
                assertThat(a.get("outcome").asText()).isEqualTo("CONNECTION_ERROR");
                assertThat(a.get("error").asText())
                        .isEqualTo("refused: notify_url resolves to a private address (10.0.0.7)");
                assertThat(a.get("http_status").isNull()).isTrue();
            });
            assertThat(lookups.get()).as("one lookup at the apply and one before each attempt").isEqualTo(4);
        }
    }
}
