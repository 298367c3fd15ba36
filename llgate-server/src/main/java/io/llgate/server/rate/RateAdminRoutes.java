package io.llgate.server.rate;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.AdminInput;
import io.llgate.server.http.Json;
import io.llgate.server.kernel.Currencies;
import io.llgate.server.kernel.ExchangeRate;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /admin/rates}: the rates in force, a currency's history, and setting a rate. */
public final class RateAdminRoutes {
    private static final int RATE_INPUT_LENGTH = 32;
    private static final int INSTANT_INPUT_LENGTH = 64;

    private final RateTable rates;

    public RateAdminRoutes(RateTable rates) {
        this.rates = rates;
    }

    /** A rate as the admin API shows it: the rate with four decimals, its window, who set it and when. */
    public record View(long id, String currency, String rate, Instant validFrom, Instant validUntil, Instant createdAt,
                       String createdBy) {
        public static View of(StoredRate stored) {
            ExchangeRate r = stored.rate();
            return new View(r.id(), r.currency().getCurrencyCode(), r.wire(), r.validFrom(), r.validUntil(),
                    stored.createdAt(), stored.createdBy());
        }
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/admin/rates", this::list);
        routes.post("/admin/rates", ctx -> Json.write(ctx, 201, View.of(set(AdminInput.body(ctx), "admin"))));
    }

    private void list(Context ctx) {
        Optional<Currency> currency = AdminInput.query(ctx, "currency").map(RateAdminRoutes::currency);
        boolean history = AdminInput.bool(ctx, "history").orElse(false);
        Instant at = AdminInput.instant(ctx, "at").orElse(null);
        int limit = AdminInput.wholeNumber(ctx, "limit", 1, 1000).orElse(100);
        if (history && at != null) {
            throw new AdminException(400, "at and history=true do not go together: the history holds every time");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (history) {
            answer.put("rates", rates.history(currency, limit).stream().map(View::of).toList());
        } else {
            List<StoredRate> current = at == null ? rates.current() : rates.current(at);
            List<StoredRate> shown = current.stream()
                    .filter(r -> currency.isEmpty() || r.rate().currency().equals(currency.get())).toList();
            answer.put("rates", shown.stream().map(View::of).toList());
            // The currencies an exchange order would be refused in (8006), so an operator sees a gap at once.
            answer.put("without_rate", Currencies.SUPPORTED.stream()
                    .filter(c -> currency.isEmpty() || c.equals(currency.get()))
                    .filter(c -> shown.stream().noneMatch(r -> r.rate().currency().equals(c)))
                    .map(Currency::getCurrencyCode).toList());
        }
        Json.write(ctx, 200, answer);
    }

    /**
     * Sets the rate the body describes ({@code currency}, {@code rate} as a string, optional {@code valid_from},
     * {@code valid_until}, {@code created_by}); every field is checked before anything is stored, a refusal is a 400.
     */
    public StoredRate set(AdminInput.Body body, String defaultCreatedBy) {
        Currency currency = currency(body.required("currency", 16));
        String rateText = body.required("rate", RATE_INPUT_LENGTH);
        Optional<Instant> from = body.text("valid_from", INSTANT_INPUT_LENGTH).filter(t -> !t.isBlank())
                .map(t -> AdminInput.instant("valid_from", t));
        Optional<Instant> until = body.text("valid_until", INSTANT_INPUT_LENGTH).filter(t -> !t.isBlank())
                .map(t -> AdminInput.instant("valid_until", t));
        String createdBy = body.text("created_by", RateTable.MAX_CREATED_BY).map(String::strip)
                .filter(t -> !t.isEmpty()).orElse(defaultCreatedBy);
        try {
            return rates.set(new NewRate(currency, RateTable.parse(rateText), from, until, createdBy));
        } catch (RateRefusedException e) {
            throw new AdminException(400, e.getMessage());
        }
    }

    private static Currency currency(String code) {
        try {
            return RateTable.currency(code);
        } catch (RateRefusedException e) {
            throw new AdminException(400, e.getMessage());
        }
    }
}
