package io.llgate.server.kernel;

import io.llgate.protocol.Amounts;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in hundredths of its currency's unit (fen for CNY, cents for USD, hundredths of a yen for JPY: see
 * {@link Currencies}) with its currency. Amounts of different currencies never add up; the wire carries units with
 * two decimals ({@link #wire()}).
 */
public record Money(long minor, Currency currency) {
    public static final Currency CNY = Currency.getInstance("CNY");

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money cny(long fen) {
        return new Money(fen, CNY);
    }

    public static Money of(long hundredths, Currency currency) {
        return new Money(hundredths, currency);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(minor, same(other).minor), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(minor, same(other).minor), currency);
    }

    public Money negated() {
        return new Money(Math.negateExact(minor), currency);
    }

    public boolean isZero() {
        return minor == 0;
    }

    /** The amount as the wire writes it: units with exactly two decimals, also for JPY. */
    public String wire() {
        return Amounts.format(minor);
    }

    private Money same(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
        return other;
    }

    @Override
    public String toString() {
        return wire() + " " + currency.getCurrencyCode();
    }
}
