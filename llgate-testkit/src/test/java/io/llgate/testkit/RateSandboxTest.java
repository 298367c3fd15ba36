package io.llgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

@LlGateSandbox
class RateSandboxTest {
    private final Sandbox sandbox;

    RateSandboxTest(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Test
    void aSandboxStartsWithTheDefaultRates() {
        assertThat(sandbox.rates().current("USD")).contains("7.1500");
        assertThat(sandbox.rates().current("JPY")).contains("0.0480");
        assertThat(sandbox.rates().current("CNY")).contains("1.0000");
    }

    @Test
    void aRateSetIsInForceAtOnce() {
        long id = sandbox.rates().set("EUR", "7.9");
        assertThat(id).isPositive();
        assertThat(sandbox.rates().current("EUR")).contains("7.9000");
    }

    @Test
    void aRateWithTooManyDecimalsIsRefusedWithTheGatewaysReason() {
        assertThatThrownBy(() -> sandbox.rates().set("GBP", "9.12345"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than 4 decimals");
        assertThatThrownBy(() -> sandbox.rates().set("CHF", "8.0000"))
                .hasMessageContaining("currency must be one of");
        assertThat(sandbox.rates().current("GBP")).contains("9.1000");
    }
}
