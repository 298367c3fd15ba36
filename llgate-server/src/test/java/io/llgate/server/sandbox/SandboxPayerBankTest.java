package io.llgate.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.GatewaySettings;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox bank's pages stand in for the payer's bank: a production gateway hands payers over but never shows them. */
class SandboxPayerBankTest {
    private static final String NOTIFY_URL = "https://shop.example.com/pay/notify";

    private static GatewaySettings settings(GatewayMode mode) {
        return TestGateways.settings().withMode(mode, "payer-bank-test-token").withHostResolver(host -> {
            if (host.equals("shop.example.com")) {
                return List.of(InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 9}));
            }
            throw new UnknownHostException(host);
        });
    }

    /** Posts a form with a preset bank: the gateway hands the payer straight over to that bank. */
    private static Page handOver(Gateway gateway, PageClient payer) {
        TestMerchant shop = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = shop.bankGatewayForm("88.80", NOTIFY_URL);
        form.put("bank_code", "03080000");
        return payer.postForm("/payment/bankgateway.htm", shop.sign(form), StandardCharsets.UTF_8);
    }

    @Test
    void aSandboxGatewayShowsTheBankPageItHandsThePayerTo() {
        try (Gateway sandbox = Gateway.start(settings(GatewayMode.SANDBOX))) {
            PageClient payer = new PageClient(sandbox);
            Page posted = handOver(sandbox, payer);

            assertThat(posted.location()).startsWith("/bank/");
            Page bank = payer.get(posted.location());
            assertThat(bank.status()).isEqualTo(200);
            assertThat(bank.byId("bank_name")).startsWith("招商银行");
            assertThat(bank.byId("money_order")).isEqualTo("¥88.80");
        }
    }

    @Test
    void aProductionGatewayAnswers404ForTheSandboxBankPages() {
        try (Gateway production = Gateway.start(settings(GatewayMode.PRODUCTION))) {
            PageClient payer = new PageClient(production);
            Page posted = handOver(production, payer);
            assertThat(posted.location()).startsWith("/bank/");

            assertThat(payer.get(posted.location()).status()).isEqualTo(404);
            assertThat(payer.postForm(posted.location(), Map.of("decision", "approve"), StandardCharsets.UTF_8).status())
                    .isEqualTo(404);
            assertThat(payer.get("/bank/00000000000000000000000000000000").status()).isEqualTo(404);
            String status = production.jdbi().withHandle(h -> h.createQuery(
                    "SELECT status FROM online_banking_order WHERE pay_token = :token")
                    .bind("token", posted.location().substring("/bank/".length())).mapTo(String.class).one());
            assertThat(status).isEqualTo("WAITING");
        }
    }
}
