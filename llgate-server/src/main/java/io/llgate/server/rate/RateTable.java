package io.llgate.server.rate;

import io.llgate.server.kernel.Currencies;
import io.llgate.server.kernel.ExchangeRate;
import io.llgate.server.kernel.ExchangeRates;
import io.llgate.server.kernel.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * The exchange-rate table products price foreign-currency orders with: yuan per unit of each supported currency,
 * four decimals, each rate in force for a window of time. A new rate without an end ends the rate in force when it
 * begins; one with its own end lays over the rate beneath for its window only. Where windows overlap, the latest to
 * begin is in force. Rates are never deleted, so an order's rate is found by its id after it ended.
 */
public final class RateTable implements ExchangeRates {
    /** Four decimals at most (X2): a fifth would be rounded away when prices are computed. */
    public static final int DECIMALS = 4;
    /** Above any currency's worth in yuan; keeps a typing slip (a missing point) out of the table. */
    public static final BigDecimal MAX_RATE = new BigDecimal("100000");
    /** What a yuan costs in yuan. */
    public static final BigDecimal CNY_RATE = new BigDecimal("1.0000");
    /** The longest {@code createdBy}, as the column holds it. */
    public static final int MAX_CREATED_BY = 64;
    /** Where every database's timestamps still hold; a window reaching past it is a typing slip. */
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");
    private static final Pattern RATE_TEXT = Pattern.compile("\\d{1,12}(\\.\\d{1,12})?");

    private final Jdbi jdbi;
    private final Clock clock;
    private final RateStore store = new RateStore();

    public RateTable(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Optional<ExchangeRate> at(Currency currency, Instant at) {
        return jdbi.withHandle(h -> store.at(h, currency, at)).map(StoredRate::rate);
    }

    @Override
    public Optional<ExchangeRate> byId(long id) {
        return stored(id).map(StoredRate::rate);
    }

    /** A rate by its id, with who set it. */
    public Optional<StoredRate> stored(long id) {
        return jdbi.withHandle(h -> store.byId(h, id));
    }

    /**
     * Stores a rate after checking it: a supported currency, a positive rate of at most four decimals (CNY only
     * 1.0000), a window that begins now or later and ends after it begins. Without its own end it ends, when it
     * begins, the rate in force then; refused rates store nothing.
     */
    public StoredRate set(NewRate rate) {
        Currency currency = rate.currency();
        if (!Currencies.SUPPORTED.contains(currency)) {
            throw new RateRefusedException("currency " + currency + " is not supported; supported: " + supported());
        }
        BigDecimal value = checked(rate.cnyPerUnit());
        if (currency.equals(Money.CNY) && value.compareTo(CNY_RATE) != 0) {
            throw new RateRefusedException("the CNY rate is always 1.0000, not " + rate.cnyPerUnit().toPlainString());
        }
        String createdBy = rate.createdBy().isBlank() ? "unknown" : rate.createdBy().strip();
        if (createdBy.length() > MAX_CREATED_BY) {
            throw new RateRefusedException("created_by is too long: at most " + MAX_CREATED_BY + " characters");
        }
        // The databases keep microseconds and would round the rest, possibly to after the instant it was set at.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant from = rate.validFrom().map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(now);
        if (from.isBefore(now)) {
            throw new RateRefusedException("valid_from " + from + " is in the past (the gateway's time is " + now
                    + "): a rate takes effect now or later; leave valid_from out for now");
        }
        Instant until = rate.validUntil().map(t -> t.truncatedTo(ChronoUnit.MICROS)).orElse(null);
        if (!from.isBefore(LAST) || until != null && until.isAfter(LAST)) {
            throw new RateRefusedException((from.isBefore(LAST) ? "valid_until" : "valid_from")
                    + " must be before the year 10000");
        }
        if (until != null && !until.isAfter(from)) {
            throw new RateRefusedException("valid_until " + until + " must be after valid_from " + from);
        }
        return jdbi.inTransaction(h -> {
            store.lockCurrency(h, currency);
            if (until == null) {
                store.endAt(h, currency, from);
            }
            long id = store.insert(h, currency, value, from, until, now, createdBy);
            return store.byId(h, id).orElseThrow();
        });
    }

    /** The rate in force at {@code at} of each supported currency that has one, in the reference table's order. */
    public List<StoredRate> current(Instant at) {
        Map<Currency, StoredRate> first = new LinkedHashMap<>();
        for (StoredRate r : jdbi.withHandle(h -> store.allAt(h, at))) {
            first.putIfAbsent(r.rate().currency(), r);
        }
        List<StoredRate> inForce = new ArrayList<>();
        for (Currency c : Currencies.SUPPORTED) {
            if (first.containsKey(c)) {
                inForce.add(first.get(c));
            }
        }
        return inForce;
    }

    /** The rates in force now; see {@link #current(Instant)}. */
    public List<StoredRate> current() {
        return current(clock.instant());
    }

    /** Every rate of {@code currency} (of every currency when empty), ended ones too, the latest to begin first. */
    public List<StoredRate> history(Optional<Currency> currency, int limit) {
        return jdbi.withHandle(h -> store.history(h, currency.orElse(null), limit));
    }

    /**
     * Stores {@code rates} from {@code from} on, for the currencies that have no rate at all yet; answers how many.
     * What an operator set is never replaced, so starting again with the same table changes nothing.
     */
    public int seed(Map<Currency, BigDecimal> rates, Instant from, String createdBy) {
        return jdbi.inTransaction(h -> {
            int seeded = 0;
            for (Map.Entry<Currency, BigDecimal> entry : rates.entrySet()) {
                store.lockCurrency(h, entry.getKey());
                if (!store.hasAny(h, entry.getKey())) {
                    store.insert(h, entry.getKey(), checked(entry.getValue()), from, null,
                            clock.instant().truncatedTo(ChronoUnit.MICROS), createdBy);
                    seeded++;
                }
            }
            return seeded;
        });
    }

    /**
     * A rate as an operator writes it, such as {@code 7.1500}: digits with an optional point, at most four decimals
     * (trailing zeros aside); more are refused, never rounded.
     */
    public static BigDecimal parse(String text) {
        String trimmed = text.strip();
        if (!RATE_TEXT.matcher(trimmed).matches()) {
            throw new RateRefusedException("rate must be a decimal number of yuan per unit such as 7.1500, not "
                    + text);
        }
        return checked(new BigDecimal(trimmed));
    }

    /** The currency of an ISO code, refused unless supported. */
    public static Currency currency(String code) {
        return Currencies.of(code.strip()).orElseThrow(() -> new RateRefusedException("currency must be one of "
                + supported() + ", not " + code));
    }

    private static BigDecimal checked(BigDecimal rate) {
        if (rate.signum() <= 0) {
            throw new RateRefusedException("rate must be above 0, not " + rate.toPlainString());
        }
        if (rate.stripTrailingZeros().scale() > DECIMALS) {
            throw new RateRefusedException("rate " + rate.toPlainString() + " has more than " + DECIMALS
                    + " decimals; the table keeps 4 and does not round");
        }
        if (rate.compareTo(MAX_RATE) > 0) {
            throw new RateRefusedException("rate must be at most " + MAX_RATE.toPlainString() + ", not "
                    + rate.toPlainString());
        }
        return rate.setScale(DECIMALS);
    }

    private static String supported() {
        return String.join(", ", Currencies.SUPPORTED.stream().map(Currency::getCurrencyCode).toList());
    }
}
