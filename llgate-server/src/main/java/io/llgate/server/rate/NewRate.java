package io.llgate.server.rate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * A rate to store: yuan per one unit of {@code currency}, in force from {@code validFrom} (now when empty) and, when
 * {@code validUntil} is given, only until then; {@code createdBy} says who set it.
 */
public record NewRate(Currency currency, BigDecimal cnyPerUnit, Optional<Instant> validFrom,
                      Optional<Instant> validUntil, String createdBy) {

    public NewRate {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(cnyPerUnit, "cnyPerUnit");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(createdBy, "createdBy");
    }

    /** A rate in force from now on, until another replaces it. */
    public static NewRate now(Currency currency, BigDecimal cnyPerUnit, String createdBy) {
        return new NewRate(currency, cnyPerUnit, Optional.empty(), Optional.empty(), createdBy);
    }
}
