package io.llgate.server.console;

import io.javalin.config.RoutesConfig;
import io.llgate.server.http.AdminInput;
import io.llgate.server.http.Json;
import java.util.Map;

/** {@code GET /admin/audit}: the console's audit log, newest first. */
public final class AuditAdminRoutes {
    private final AuditLog audit;

    public AuditAdminRoutes(AuditLog audit) {
        this.audit = audit;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/admin/audit", ctx -> Json.write(ctx, 200,
                Map.of("entries", audit.latest(AdminInput.wholeNumber(ctx, "limit", 1, 1000).orElse(100)))));
    }
}
