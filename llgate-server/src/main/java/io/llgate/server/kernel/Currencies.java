package io.llgate.server.kernel;

import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The currencies merchants may price and be settled in (14 §1). Inside the gateway every amount, in every currency,
 * is a {@code long} of hundredths of the currency's unit (fen, cents, hundredths of a yen), so the wire's two
 * decimals map to it one way for all of them; a currency without a fraction (JPY) only ever holds whole units (X10).
 */
public final class Currencies {
    /** The supported currencies, in the order of the reference table. */
    public static final List<Currency> SUPPORTED = List.of("AUD", "CNY", "DKK", "EUR", "GBP", "HKD", "JPY", "NZD",
            "SEK", "SGD", "USD").stream().map(Currency::getInstance).toList();

    private Currencies() {
    }

    /** The supported currency of an ISO code as the wire writes it (upper case); empty for any other text. */
    public static Optional<Currency> of(String code) {
        return SUPPORTED.stream().filter(c -> c.getCurrencyCode().equals(code)).findFirst();
    }

    /** Whether {@code hundredths} is an amount the currency can hold: JPY has no fraction, so only whole yen. */
    public static boolean holds(Currency currency, long hundredths) {
        return currency.getDefaultFractionDigits() != 0 || hundredths % 100 == 0;
    }
}
