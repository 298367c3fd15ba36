package io.llgate.server.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {
    private static final Currency USD = Currency.getInstance("USD");

    @Test
    void amountsOfOneCurrencyAddUpInMinorUnits() {
        assertThat(Money.cny(1050).plus(Money.cny(1)).minus(Money.cny(51))).isEqualTo(Money.cny(1000));
        assertThat(Money.cny(1000).negated()).isEqualTo(Money.cny(-1000));
    }

    @Test
    void amountsOfDifferentCurrenciesNeverAddUp() {
        assertThatThrownBy(() -> Money.cny(100).plus(new Money(100, USD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("USD");
    }

    @Test
    void theWireWritesYuanWithTwoDecimals() {
        assertThat(Money.cny(1).wire()).isEqualTo("0.01");
        assertThat(Money.cny(123456).wire()).isEqualTo("1234.56");
        assertThat(new Money(250, USD)).hasToString("2.50 USD");
    }
}
