package io.llgate.server.ledger;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.protocol.Amounts;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.AdminInput;
import io.llgate.server.http.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /admin/settlements}: run settlement now, and list the settlements made. */
public final class SettlementAdminRoutes {
    private final Settlements settlements;

    public SettlementAdminRoutes(Settlements settlements) {
        this.settlements = settlements;
    }

    /** A settlement as the admin API shows it, the amount with two decimals in its currency. */
    record View(String oidPartner, String settleDate, String currency, String amount, Instant createdAt) {
        static View of(Settlements.Settlement s) {
            return new View(s.oidPartner(), s.settleDate(), s.currency().getCurrencyCode(), Amounts.format(s.amount()),
                    s.createdAt());
        }
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/admin/settlements/run", this::run);
        routes.get("/admin/settlements", this::list);
    }

    private void run(Context ctx) {
        Settlements.Run run = run(AdminInput.body(ctx));
        List<View> settled = run.settled().stream().map(View::of).toList();
        Json.write(ctx, 200, Map.of("through", run.through(), "count", settled.size(), "settled", settled));
    }

    /** Settles the ended business days through the body's {@code date} (or every ended day): 409 for a day not ended. */
    public Settlements.Run run(AdminInput.Body body) {
        Optional<LocalDate> day = body.text("date", 32).filter(d -> !d.isBlank()).map(this::day);
        try {
            return settlements.run(day);
        } catch (DayNotEndedException e) {
            throw new AdminException(409, e.getMessage());
        }
    }

    private void list(Context ctx) {
        Optional<String> merchant = AdminInput.query(ctx, "merchant");
        Optional<LocalDate> day = AdminInput.query(ctx, "date").map(this::day);
        int limit = AdminInput.wholeNumber(ctx, "limit", 1, 1000).orElse(100);
        Json.write(ctx, 200, Map.of("settlements", settlements.list(merchant, day, limit).stream().map(View::of).toList()));
    }

    private LocalDate day(String text) {
        try {
            return BusinessDays.parseDay(text);
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, "date: " + e.getMessage());
        }
    }
}
