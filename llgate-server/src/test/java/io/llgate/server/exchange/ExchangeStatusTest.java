package io.llgate.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llgate.server.kernel.ExchangeRate;
import io.llgate.server.kernel.Money;
import io.llgate.server.merchant.FeeRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** The exchange order's moves (23 §2) and its price (X2, X3, X10), without HTTP or a database. */
class ExchangeStatusTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");

    @Test
    void anOrderWaitsIsChargedAndEndsPaidRefundedOrFailed() {
        assertThat(ExchangeStatus.CREATED.next()).containsExactlyInAnyOrder(ExchangeStatus.WAITING,
                ExchangeStatus.PROCESSING);
        assertThat(ExchangeStatus.WAITING.next()).containsExactlyInAnyOrder(ExchangeStatus.PROCESSING,
                ExchangeStatus.FAILURE);
        assertThat(ExchangeStatus.PROCESSING.next()).containsExactlyInAnyOrder(ExchangeStatus.SUCCESS,
                ExchangeStatus.FAILURE);
        assertThat(ExchangeStatus.SUCCESS.next()).containsExactly(ExchangeStatus.REFUND);
        assertThat(ExchangeStatus.REFUND.isFinal()).isTrue();
        assertThat(ExchangeStatus.FAILURE.isFinal()).isTrue();
        assertThat(ExchangeStatus.WAITING.canMoveTo(ExchangeStatus.SUCCESS)).isFalse();
        assertThatThrownBy(() -> ExchangeStatus.FAILURE.requireMoveTo(ExchangeStatus.SUCCESS))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ExchangeStatus.REFUND.paid()).isTrue();
        assertThat(ExchangeStatus.PROCESSING.paid()).isFalse();
    }

    @Test
    void anOrderIsPricedHalfUpToTheFenAndItsFeeIsInItsCurrency() {
        ExchangePrice usd = ExchangePrice.of(Money.of(4500, USD), rate(USD, "7.1500"), new FeeRate(60));
        assertThat(usd.pay()).isEqualTo(Money.cny(32175));
        assertThat(usd.fee()).isEqualTo(Money.of(27, USD));
        assertThat(usd.settle()).isEqualTo(Money.of(4473, USD));
        assertThat(usd.exchangeRate()).isEqualTo("7.1500");

        // 31.68 USD at 6.6600 is 210.9888 yuan: 210.99, rounded half up.
        assertThat(ExchangePrice.of(Money.of(3168, USD), rate(USD, "6.6600"), FeeRate.NONE).pay())
                .isEqualTo(Money.cny(21099));
    }

    @Test
    void aYenFeeIsWholeYen() {
        assertThat(ExchangePrice.fee(Money.of(123_400, JPY), new FeeRate(60))).isEqualTo(Money.of(700, JPY));
        assertThat(ExchangePrice.fee(Money.of(25_000, JPY), new FeeRate(60))).isEqualTo(Money.of(200, JPY));
        assertThat(ExchangePrice.fee(Money.of(100, JPY), new FeeRate(60))).isEqualTo(Money.of(0, JPY));
        ExchangePrice jpy = ExchangePrice.of(Money.of(123_400, JPY), rate(JPY, "0.0480"), new FeeRate(60));
        assertThat(jpy.pay()).isEqualTo(Money.cny(5923));
        assertThat(jpy.settle()).isEqualTo(Money.of(122_700, JPY));
    }

    private static ExchangeRate rate(Currency currency, String value) {
        return new ExchangeRate(1, currency, new BigDecimal(value), Instant.EPOCH, null);
    }
}
