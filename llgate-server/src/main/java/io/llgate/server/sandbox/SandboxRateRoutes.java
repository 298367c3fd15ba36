package io.llgate.server.sandbox;

import io.javalin.config.RoutesConfig;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.AdminInput;
import io.llgate.server.http.Json;
import io.llgate.server.rate.RateAdminRoutes;

/**
 * The sandbox control of the exchange-rate table: {@code POST /sandbox/rates} sets a currency's rate from now on,
 * ending the one in force, so a test prices its next exchange order at a rate it chose. Checked as the admin API
 * checks a rate; scheduling a rate for later is the admin API's.
 */
public final class SandboxRateRoutes {
    /** Who rates set through this control are recorded as set by. */
    static final String CREATED_BY = "sandbox";

    private final RateAdminRoutes rates;

    public SandboxRateRoutes(RateAdminRoutes rates) {
        this.rates = rates;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/sandbox/rates", ctx -> {
            AdminInput.Body body = AdminInput.body(ctx);
            for (String field : new String[] {"valid_from", "valid_until"}) {
                if (body.given(field)) {
                    throw new AdminException(400, field + " is not taken here: POST /sandbox/rates sets a rate from "
                            + "now on; POST /admin/rates schedules one");
                }
            }
            Json.write(ctx, 201, RateAdminRoutes.View.of(rates.set(body, CREATED_BY)));
        });
    }
}
