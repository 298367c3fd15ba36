package io.llgate.server.http;

import static io.llgate.server.http.ReplyChecks.assertSigned;
import static io.llgate.server.http.ReplyChecks.writesNothing;
import static io.llgate.server.http.Requests.APPLY;
import static io.llgate.server.http.Requests.CONFIRM;
import static io.llgate.server.http.Requests.QUERY;
import static io.llgate.server.http.Requests.payout;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.http.ReplyChecks.Code;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A production gateway refuses a notify_url that leads into its own network with 1004 (notify_url) and
 * writes nothing. Host names resolve through a fake DNS; no request leaves the machine.
 */
class ProductionNotifyUrlTest {
    /** A public address from a documentation block: accepted, and never called, since the payouts here are held. */
    private static final String PUBLIC_HOST = "merchant.example.com";

    static Gateway gateway;
    static TestMerchant merchant;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(TestGateways.settings()
                .withMode(GatewayMode.PRODUCTION, "production-test-token")
                .withHostResolver(host -> {
                    if (host.equals(PUBLIC_HOST)) {
                        return List.of(InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 9}));
                    }
                    throw new UnknownHostException(host);
                }));
        merchant = TestMerchant.register(gateway, 10_000_000);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1/llp/notify", "http://10.0.0.1/llp/notify", "http://[::1]/llp/notify",
            "http://localhost/llp/notify", "http://localhost:8080/llp/notify", "http://169.254.169.254/latest",
            "http://unresolvable.example.com/llp/notify"})
    void applyWithANotifyUrlIntoTheGatewaysNetworkIsRefused(String notifyUrl) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("notify_url", notifyUrl);

        Reply reply = writesNothing(gateway, () -> merchant.sealed(APPLY, fields));

        assertSigned(reply, Code.param("notify_url"), merchant);
        assertThat(reply.get("no_order")).isEqualTo(fields.get("no_order"));
    }

    @Test
    void applyWithAPublicNotifyUrlIsAccepted() {
        Reply reply = merchant.sealed(APPLY, payout(merchant));

        assertThat(reply.retCode()).as(reply.text()).isEqualTo("0000");
    }

    @Test
    void confirmWithANotifyUrlIntoTheGatewaysNetworkIsRefusedAndTheOrderWaits() {
        // A card ending 0004 is a name mismatch: the order waits in CHECK for the merchant's confirmation.
        LinkedHashMap<String, String> apply = payout(merchant);
        apply.put("card_no", apply.get("card_no").replaceAll("\\d{4}$", "0004"));
        Reply held = merchant.sealed(APPLY, apply);
        assertThat(held.retCode()).as(held.text()).isEqualTo("4003");
        LinkedHashMap<String, String> confirm = new LinkedHashMap<>();
        confirm.put("api_version", "1.0");
        confirm.put("confirm_code", held.get("confirm_code"));
        confirm.put("no_order", apply.get("no_order"));
        confirm.put("notify_url", "http://192.168.1.10/llp/notify");
        confirm.put("oid_partner", merchant.oidPartner());

        Reply reply = writesNothing(gateway, () -> merchant.sealed(CONFIRM, confirm));

        assertSigned(reply, Code.param("notify_url"), merchant);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("oid_partner", merchant.oidPartner());
        query.put("no_order", apply.get("no_order"));
        assertThat(merchant.plain(QUERY, query).get("result_pay")).isEqualTo("CHECK");
    }
}
