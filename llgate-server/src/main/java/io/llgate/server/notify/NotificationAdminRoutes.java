package io.llgate.server.notify;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.Json;
import java.util.Locale;
import java.util.Map;

/** {@code /admin/notifications}: list, show one with every attempt, resend. */
public final class NotificationAdminRoutes {
    private final Notifications notifications;

    public NotificationAdminRoutes(Notifications notifications) {
        this.notifications = notifications;
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/admin/notifications", this::list);
        routes.get("/admin/notifications/{id}", this::show);
        routes.post("/admin/notifications/{id}/resend", this::resend);
    }

    private void list(Context ctx) {
        NotificationStatus status = null;
        String statusText = ctx.queryParam("status");
        if (statusText != null && !statusText.isBlank()) {
            try {
                status = NotificationStatus.valueOf(statusText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new AdminException(400, "unknown status " + statusText + " (PENDING, DELIVERED, EXHAUSTED)");
            }
        }
        int limit = intParam(ctx, "limit", 100);
        Json.write(ctx, 200, Map.of("notifications", notifications.list(new Notifications.Filter(
                blankToNull(ctx.queryParam("merchant")), blankToNull(ctx.queryParam("no_order")),
                blankToNull(ctx.queryParam("reference")), status, Math.max(1, Math.min(limit, 1000))))));
    }

    private void show(Context ctx) {
        Json.write(ctx, 200, notifications.find(id(ctx))
                .orElseThrow(() -> new AdminException(404, "no notification " + ctx.pathParam("id"))));
    }

    private void resend(Context ctx) {
        long id = id(ctx);
        if (!notifications.resend(id)) {
            throw new AdminException(404, "no notification " + id);
        }
        Json.write(ctx, 202, notifications.find(id).orElseThrow());
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new AdminException(404, "no notification " + ctx.pathParam("id"));
        }
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new AdminException(400, name + " must be a number");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
