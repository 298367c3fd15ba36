package io.llgate.server.sandbox;

import io.llgate.server.kernel.Currencies;
import io.llgate.server.rate.RateTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's default exchange rates (docs/operator/rates.md): fixed, round values near the market's, so that an
 * exchange payment's price in yuan is the same on every sandbox. A sandbox gateway stores them at start for each
 * currency that has no rate at all yet; a production gateway stores none.
 */
public final class SandboxRates {
    /** Who the default rates are recorded as set by. */
    public static final String CREATED_BY = "sandbox defaults";
    /** The defaults are in force from the epoch on, so an order dated at any time finds its rate. */
    public static final Instant VALID_FROM = Instant.EPOCH;

    private SandboxRates() {
    }

    /** Yuan per unit of each supported currency, in the reference table's order. */
    public static Map<Currency, BigDecimal> defaults() {
        Map<String, String> byCode = Map.ofEntries(
                Map.entry("AUD", "4.7000"), Map.entry("CNY", "1.0000"), Map.entry("DKK", "1.0500"),
                Map.entry("EUR", "7.8000"), Map.entry("GBP", "9.1000"), Map.entry("HKD", "0.9150"),
                Map.entry("JPY", "0.0480"), Map.entry("NZD", "4.3000"), Map.entry("SEK", "0.6800"),
                Map.entry("SGD", "5.3500"), Map.entry("USD", "7.1500"));
        Map<Currency, BigDecimal> rates = new LinkedHashMap<>();
        for (Currency currency : Currencies.SUPPORTED) {
            rates.put(currency, new BigDecimal(byCode.get(currency.getCurrencyCode())));
        }
        return rates;
    }

    /** Stores the defaults for the currencies without any rate; answers how many were stored. */
    public static int seed(RateTable rates) {
        return rates.seed(defaults(), VALID_FROM, CREATED_BY);
    }
}
