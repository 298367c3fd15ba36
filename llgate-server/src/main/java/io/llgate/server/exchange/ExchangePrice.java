package io.llgate.server.exchange;

import io.llgate.server.kernel.ExchangeRate;
import io.llgate.server.kernel.Money;
import io.llgate.server.merchant.FeeRate;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an order priced in a foreign currency comes to, fixed at apply: the rate (X2, yuan per unit of the order's
 * currency), what the payer's card is charged in yuan, the merchant's fee in the order's currency and what is settled
 * to the merchant in it (X3: the order's amount less the fee).
 * A CNY order is priced like any other, at the table's CNY rate (1.0000).
 *
 * @param rateId the rate table's row the order was priced at
 */
record ExchangePrice(Money order, long rateId, String exchangeRate, Money pay, Money fee, Money settle) {

    /** Prices {@code order} at {@code rate} with the merchant's fee. */
    static ExchangePrice of(Money order, ExchangeRate rate, FeeRate feeRate) {
        Money fee = fee(order, feeRate);
        return new ExchangePrice(order, rate.id(), rate.wire(), rate.toCny(order), fee, order.minus(fee));
    }

    /**
     * The merchant's fee on {@code order}, in its currency: rounded half up to the cent, and for a currency without a
     * fraction (JPY) to the whole unit, so the settled amount is one the currency can hold.
     */
    static Money fee(Money order, FeeRate feeRate) {
        if (order.currency().getDefaultFractionDigits() != 0) {
            return Money.of(feeRate.feeOn(order.minor()), order.currency());
        }
        long units = BigDecimal.valueOf(order.minor()).multiply(BigDecimal.valueOf(feeRate.basisPoints()))
                .divide(BigDecimal.valueOf(1_000_000), 0, RoundingMode.HALF_UP).longValueExact();
        return Money.of(units * 100, order.currency());
    }
}
