package io.llgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.server.testing.LogCapture;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A production gateway runs sandbox channels (today the bank) only when its operator allows them, and says so. */
class SandboxChannelsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @Test
    void productionRefusesToStartWithSandboxChannelsNamingThemAndTheFlag() {
        GatewaySettings settings = TestGateways.settings().withMode(GatewayMode.PRODUCTION, TOKEN)
                .withSandboxChannelsAllowed(false);

        assertThatThrownBy(() -> Gateway.start(settings).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sandbox channels: bank (SandboxBank)")
                .hasMessageContaining(GatewaySettings.ALLOW_SANDBOX_CHANNELS_OPTION)
                .hasMessageContaining("LLGATE_ALLOW_SANDBOX_CHANNELS=true");
    }

    @Test
    void theFlagIsOffUnlessGiven() {
        assertThat(GatewaySettings.sandbox(Path.of("data"), 0).sandboxChannelsAllowed()).isFalse();
    }

    @Test
    void productionWithTheFlagStartsAndWarnsAtStartInHealthAndInMetrics() throws Exception {
        GatewaySettings settings = TestGateways.settings().withMode(GatewayMode.PRODUCTION, TOKEN)
                .withSandboxChannelsAllowed(true);

        try (LogCapture log = LogCapture.start(); Gateway gateway = Gateway.start(settings)) {
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning)
                    .contains("PRODUCTION MODE WITH SANDBOX CHANNELS: bank (SandboxBank)")
                    .contains(GatewaySettings.ALLOW_SANDBOX_CHANNELS_OPTION));
            TestAdmin.Response ready = new TestAdmin(gateway).get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("sandbox_channels").toString()).isEqualTo("[\"bank\",\"payer bank\",\"sms\",\"card issuer\"]");
            assertThat(sandboxChannelsMetric(gateway)).isEqualTo(4);
        }
    }

    @Test
    void sandboxModeNeedsNoFlagAndWarnsOfNothing() throws Exception {
        GatewaySettings settings = TestGateways.settings().withSandboxChannelsAllowed(false);

        try (LogCapture log = LogCapture.start(); Gateway gateway = Gateway.start(settings)) {
            assertThat(log.warnings()).noneSatisfy(warning -> assertThat(warning).contains("SANDBOX CHANNELS"));
            assertThat(new TestAdmin(gateway).get("/health/ready").json().get("sandbox_channels").toString())
                    .isEqualTo("[\"bank\",\"payer bank\",\"sms\",\"card issuer\"]");
            assertThat(sandboxChannelsMetric(gateway)).isEqualTo(4);
        }
    }

    private static double sandboxChannelsMetric(Gateway gateway) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("^llgate_sandbox_channels (\\S+)$", Pattern.MULTILINE).matcher(response.body());
        assertThat(m.find()).as("llgate_sandbox_channels in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
