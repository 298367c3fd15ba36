package io.llgate.server.kernel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * A rate of the rate table: yuan paid per one unit of {@code currency}, four decimals (X2), in force from
 * {@code validFrom} until {@code validUntil} (open-ended when null). An order keeps the rate it was priced at, by id
 * and value, so a later change of the table never changes it.
 */
public record ExchangeRate(long id, Currency currency, BigDecimal cnyPerUnit, Instant validFrom, Instant validUntil) {

    public ExchangeRate {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(validFrom, "validFrom");
        if (cnyPerUnit.signum() <= 0) {
            throw new IllegalArgumentException("a rate is positive: " + cnyPerUnit);
        }
        cnyPerUnit = cnyPerUnit.setScale(4, RoundingMode.HALF_UP);
    }

    /** The rate as the wire writes it ({@code exchange_rate}): four decimals, like {@code 7.1500}. */
    public String wire() {
        return cnyPerUnit.toPlainString();
    }

    /** What an amount in this rate's currency costs in yuan: rounded half up to the fen (X2). */
    public Money toCny(Money amount) {
        if (!amount.currency().equals(currency)) {
            throw new IllegalArgumentException("a " + currency + " rate does not price " + amount);
        }
        long fen = BigDecimal.valueOf(amount.minor()).multiply(cnyPerUnit).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        return Money.cny(fen);
    }
}
