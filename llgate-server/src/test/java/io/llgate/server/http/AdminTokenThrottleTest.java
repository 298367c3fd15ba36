package io.llgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.GatewaySettings;
import io.llgate.server.security.RequestLimits;
import io.llgate.server.testing.TestGateways;
import org.junit.jupiter.api.Test;

/** Wrong admin tokens: ten from one address, then that address waits, and other addresses do not notice. */
class AdminTokenThrottleTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef-admin";

    @Test
    void anAddressGuessingTheTokenIsAnswered429ForAWhileAndOthersAreServed() {
        GatewaySettings settings = TestGateways.settings().withMode(GatewayMode.PRODUCTION, TOKEN)
                .withRequestLimits(RequestLimits.production());
        try (Gateway gateway = Gateway.start(settings)) {
            FromAddress guesser = new FromAddress("127.0.0.2");
            for (int i = 0; i < 10; i++) {
                assertThat(guesser.admin(gateway, "/admin/merchants", "guess-" + i).status()).isEqualTo(401);
            }

            FromAddress.AdminAnswer held = guesser.admin(gateway, "/admin/merchants", "guess-10");
            assertThat(held.status()).isEqualTo(429);
            assertThat(held.body()).startsWith("{\"error\":").contains("too many wrong admin tokens");
            assertThat(held.retryAfter()).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 31L));
            // Even the right token: the answer must not tell a guess that hit from one that missed.
            assertThat(guesser.admin(gateway, "/admin/merchants", TOKEN).status()).isEqualTo(429);

            FromAddress operator = new FromAddress("127.0.0.3");
            assertThat(operator.admin(gateway, "/admin/merchants", TOKEN).status()).isEqualTo(200);
            assertThat(operator.admin(gateway, "/admin/merchants", "typo").status()).isEqualTo(401);
            assertThat(operator.admin(gateway, "/admin/merchants", TOKEN).status()).isEqualTo(200);
        }
    }

    @Test
    void theSandboxTakesItsShortDemoTokenAndNeverThrottles() {
        try (Gateway gateway = Gateway.start(TestGateways.settings())) {
            FromAddress developer = new FromAddress("127.0.0.5");
            for (int i = 0; i < 30; i++) {
                assertThat(developer.admin(gateway, "/admin/merchants", "wrong").status()).isEqualTo(401);
            }
            assertThat(developer.admin(gateway, "/admin/merchants", GatewaySettings.SANDBOX_ADMIN_TOKEN).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aTokenThatIsOnlyAPrefixOrLongerIsWrong() {
        GatewaySettings settings = TestGateways.settings().withMode(GatewayMode.PRODUCTION, TOKEN)
                .withRequestLimits(RequestLimits.production());
        try (Gateway gateway = Gateway.start(settings)) {
            FromAddress caller = new FromAddress("127.0.0.6");
            assertThat(caller.admin(gateway, "/admin/merchants", TOKEN.substring(0, 31)).status()).isEqualTo(401);
            assertThat(caller.admin(gateway, "/admin/merchants", TOKEN + "x").status()).isEqualTo(401);
            assertThat(caller.admin(gateway, "/admin/merchants", "").status()).isEqualTo(401);
            assertThat(caller.admin(gateway, "/admin/merchants", TOKEN).status()).isEqualTo(200);
        }
    }
}
