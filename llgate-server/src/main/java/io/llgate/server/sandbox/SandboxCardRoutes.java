package io.llgate.server.sandbox;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.AdminInput;
import io.llgate.server.http.Json;
import java.util.Map;

/**
 * The sandbox control of the card issuers: answer a card charge the issuer left pending (test cards ending
 * {@value SandboxCardIssuer#TIMEOUT}), as paid or declined. The charge is named by its {@code oid_paybill}.
 */
public final class SandboxCardRoutes {
    private final SandboxCardIssuer issuer;

    public SandboxCardRoutes(SandboxCardIssuer issuer) {
        this.issuer = issuer;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/sandbox/card-charges/{oid_paybill}/resolve", this::resolve);
    }

    private void resolve(Context ctx) {
        String reference = ctx.pathParam("oid_paybill");
        boolean success = resolve(reference, AdminInput.body(ctx).text("result", 32).orElse(null));
        Json.write(ctx, 200, Map.of("oid_paybill", reference, "result", success ? "SUCCESS" : "FAILURE"));
    }

    /** Answers the pending card charge {@code reference} with {@code result}, SUCCESS or FAILURE; true when paid. */
    boolean resolve(String reference, String result) {
        if (result == null || !(result.equalsIgnoreCase("SUCCESS") || result.equalsIgnoreCase("FAILURE"))) {
            throw new AdminException(400, "result must be SUCCESS or FAILURE");
        }
        boolean success = result.equalsIgnoreCase("SUCCESS");
        if (!issuer.resolve(reference, success)) {
            throw new AdminException(404, "no card charge " + reference + " is pending at the sandbox issuer "
                    + "(only cards ending " + SandboxCardIssuer.TIMEOUT + " stay pending)");
        }
        return success;
    }
}
