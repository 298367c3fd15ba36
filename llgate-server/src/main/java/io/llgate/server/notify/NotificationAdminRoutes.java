package io.llgate.server.notify;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.llgate.server.http.AdminException;
import io.llgate.server.http.AdminInput;
import io.llgate.server.http.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /admin/notifications}: list, show one with every attempt, resend and cancel, one or in bulk. */
public final class NotificationAdminRoutes {
    /** The bulk resend's pace when none is asked for: notifications per second. */
    static final double DEFAULT_RATE = 10;
    static final double MAX_RATE = 1000;

    private final Notifications notifications;

    public NotificationAdminRoutes(Notifications notifications) {
        this.notifications = notifications;
    }

    /** What a bulk resend answers: what it took (or on a dry run would take) and when the paced attempts are due. */
    record BulkResend(String merchant, NotificationStatus status, Instant from, Instant to, boolean dryRun, double rate,
                      int count, List<Long> ids, Instant firstAttemptAt, Instant lastAttemptAt) {
    }

    /** What a bulk cancel answers: what it cancelled, or on a dry run would cancel. */
    record BulkCancel(String merchant, Instant from, Instant to, boolean dryRun, int count, List<Long> ids) {
    }

    public void addTo(RoutesConfig routes) {
        routes.get("/admin/notifications", this::list);
        routes.get("/admin/notifications/{id}", this::show);
        routes.post("/admin/notifications/resend", this::resendAll);
        routes.post("/admin/notifications/cancel", this::cancelAll);
        routes.post("/admin/notifications/{id}/resend", this::resend);
        routes.post("/admin/notifications/{id}/cancel", this::cancel);
    }

    private void list(Context ctx) {
        int limit = AdminInput.wholeNumber(ctx, "limit", 1, 1000).orElse(100);
        Json.write(ctx, 200, Map.of("notifications", notifications.list(listFilter(ctx), limit)));
    }

    /** The list's filter from the query: merchant, no_order, reference, status, from, to; the console reads the same. */
    static Notifications.Filter listFilter(Context ctx) {
        return new Notifications.Filter(AdminInput.query(ctx, "merchant").orElse(null),
                AdminInput.query(ctx, "no_order").orElse(null), AdminInput.query(ctx, "reference").orElse(null),
                status(AdminInput.query(ctx, "status").orElse(null)),
                instant("from", AdminInput.query(ctx, "from").orElse(null)),
                instant("to", AdminInput.query(ctx, "to").orElse(null)));
    }

    private void show(Context ctx) {
        Json.write(ctx, 200, notifications.find(id(ctx))
                .orElseThrow(() -> new AdminException(404, "no notification " + ctx.pathParam("id"))));
    }

    private void resend(Context ctx) {
        long id = id(ctx);
        resend(id);
        Json.write(ctx, 202, notifications.find(id).orElseThrow());
    }

    /** Resends one notification now: 404 when there is none, 409 when it was cancelled. */
    public void resend(long id) {
        Notifications.Change change = notifications.resend(id)
                .orElseThrow(() -> new AdminException(404, "no notification " + id));
        if (!change.made()) {
            throw new AdminException(409, "notification " + id + " is CANCELLED; a cancelled notification is never sent again");
        }
    }

    private void cancel(Context ctx) {
        long id = id(ctx);
        cancel(id);
        Json.write(ctx, 200, notifications.find(id).orElseThrow());
    }

    /** Cancels one pending notification: 404 when there is none, 409 when it is not pending. */
    void cancel(long id) {
        Notifications.Change change = notifications.cancel(id)
                .orElseThrow(() -> new AdminException(404, "no notification " + id));
        if (!change.made()) {
            throw new AdminException(409, "notification " + id + " is " + change.status()
                    + "; only a PENDING notification can be cancelled");
        }
    }

    private void resendAll(Context ctx) {
        AdminInput.Body body = AdminInput.body(ctx);
        BulkResend done = resendAll(body);
        Json.write(ctx, done.dryRun() ? 200 : 202, done);
    }

    /** A bulk resend as the body asks for it, or on {@code dry_run} what it would take. */
    BulkResend resendAll(AdminInput.Body body) {
        String merchant = merchant(body);
        NotificationStatus status = body.text("status", 32).map(NotificationAdminRoutes::status)
                .orElse(NotificationStatus.EXHAUSTED);
        if (status != NotificationStatus.EXHAUSTED && status != NotificationStatus.DELIVERED) {
            throw new AdminException(400, "status must be EXHAUSTED or DELIVERED: pending notifications are being sent "
                    + "already (resend one by id to send it now) and cancelled ones are never sent again");
        }
        Notifications.Filter filter = filter(body, merchant, status);
        boolean dryRun = dryRun(body);
        double rate = rate(body);
        Notifications.Batch batch = notifications.resendAll(filter, rate, dryRun);
        return new BulkResend(merchant, status, filter.from(), filter.to(), dryRun, rate,
                batch.ids().size(), batch.ids(), batch.firstAttemptAt(), batch.lastAttemptAt());
    }

    private void cancelAll(Context ctx) {
        Json.write(ctx, 200, cancelAll(AdminInput.body(ctx)));
    }

    /** A bulk cancel of pending notifications as the body asks for it, or on {@code dry_run} what it would take. */
    BulkCancel cancelAll(AdminInput.Body body) {
        String merchant = merchant(body);
        Notifications.Filter filter = filter(body, merchant, NotificationStatus.PENDING);
        boolean dryRun = dryRun(body);
        Notifications.Batch batch = notifications.cancelAll(filter, dryRun);
        return new BulkCancel(merchant, filter.from(), filter.to(), dryRun, batch.ids().size(), batch.ids());
    }

    private String merchant(AdminInput.Body body) {
        String merchant = blankToNull(body.text("merchant", 64).orElse(null));
        if (merchant == null) {
            throw new AdminException(400, "merchant is required: the oid_partner whose notifications to take");
        }
        if (!notifications.merchantExists(merchant)) {
            throw new AdminException(404, "no merchant " + merchant);
        }
        return merchant;
    }

    private static Notifications.Filter filter(AdminInput.Body body, String merchant, NotificationStatus status) {
        Instant from = instant("from", body.text("from", 64).orElse(null));
        Instant to = instant("to", body.text("to", 64).orElse(null));
        if (from != null && to != null && !from.isBefore(to)) {
            throw new AdminException(400, "from must be before to");
        }
        return new Notifications.Filter(merchant, null, null, status, from, to);
    }

    private static boolean dryRun(AdminInput.Body body) {
        return body.bool("dry_run").orElse(false);
    }

    private static double rate(AdminInput.Body body) {
        return body.positiveNumber("rate", MAX_RATE, "notifications per second").orElse(DEFAULT_RATE);
    }

    private static NotificationStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return NotificationStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, "unknown status " + text + " " + Arrays.toString(NotificationStatus.values())
                    .replace('[', '(').replace(']', ')'));
        }
    }

    private static Instant instant(String name, String text) {
        return text == null || text.isBlank() ? null : AdminInput.instant(name, text);
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new AdminException(404, "no notification " + ctx.pathParam("id"));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
