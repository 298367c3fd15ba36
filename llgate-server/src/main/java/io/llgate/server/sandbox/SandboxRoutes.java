package io.llgate.server.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.server.bank.SandboxBank;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.Json;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/** Sandbox controls (never present in production mode): settle held payouts and move the clock. */
public final class SandboxRoutes {
    private final SandboxBank bank;
    private final SandboxClock clock;
    private final Runnable afterClockMove;

    public SandboxRoutes(SandboxBank bank, SandboxClock clock, Runnable afterClockMove) {
        this.bank = bank;
        this.clock = clock;
        this.afterClockMove = afterClockMove;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/sandbox/payouts/{oid_paybill}/resolve", this::resolve);
        routes.get("/sandbox/clock", ctx -> Json.write(ctx, 200, clockView()));
        routes.post("/sandbox/clock/advance", this::advance);
    }

    private void resolve(Context ctx) {
        String reference = ctx.pathParam("oid_paybill");
        String result = Json.text(Json.body(ctx), "result");
        if (result == null || !(result.equalsIgnoreCase("SUCCESS") || result.equalsIgnoreCase("FAILURE"))) {
            throw new AdminException(400, "result must be SUCCESS or FAILURE");
        }
        if (!bank.resolve(reference, result.toUpperCase(Locale.ROOT).equals("SUCCESS"))) {
            throw new AdminException(409, bank.status(reference).isPresent()
                    ? "payout " + reference + " is not held by the sandbox bank (only cards ending 0002 are)"
                    : "no payout " + reference + " at the sandbox bank");
        }
        Json.write(ctx, 202, Map.of("oid_paybill", reference, "result", result.toUpperCase(Locale.ROOT)));
    }

    private void advance(Context ctx) {
        JsonNode body = Json.body(ctx);
        String by = Json.text(body, "by");
        if (by == null) {
            throw new AdminException(400, "by is required: an ISO-8601 duration such as PT24H or P1D");
        }
        Duration duration;
        try {
            duration = Duration.parse(by.trim());
            clock.advance(duration);
        } catch (DateTimeParseException e) {
            throw new AdminException(400, "by must be an ISO-8601 duration such as PT24H or P1D");
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, e.getMessage());
        }
        afterClockMove.run();
        Json.write(ctx, 200, clockView());
    }

    private Map<String, Object> clockView() {
        return Map.of("now", clock.instant().toString(), "offset", clock.offset().toString());
    }
}
