package io.llgate.server.kernel;

import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/** The rate table products price foreign-currency orders with. */
public interface ExchangeRates {

    /** The rate of {@code currency} in force at {@code at}; empty when the table has none (a product refuses, 8006). */
    Optional<ExchangeRate> at(Currency currency, Instant at);

    /** The rate an order was priced at, by its id, even when it is no longer in force. */
    Optional<ExchangeRate> byId(long id);
}
