package io.llgate.server.notify;

import io.llgate.server.console.Console;
import io.llgate.server.console.ConsoleAction;
import io.llgate.server.console.ConsoleCall;
import io.llgate.server.console.ConsoleFrame;
import io.llgate.server.console.ConsoleNav;
import io.llgate.server.http.AdminException;
import io.llgate.server.security.Masking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's notification pages: the list by status and merchant, one notification with every attempt and a
 * curl command replaying it, resend and cancel, and bulk resend and cancel after a dry run. They read and act
 * through {@link Notifications} and the admin routes' own checks, so each does what its admin call does.
 */
public final class NotificationConsolePages {
    private static final String PATH = ConsoleNav.NOTIFICATIONS.path();
    private static final int LIST_LIMIT = 100;

    private final Notifications notifications;
    private final NotificationAdminRoutes admin;

    public NotificationConsolePages(Notifications notifications, NotificationAdminRoutes admin) {
        this.notifications = notifications;
        this.admin = admin;
    }

    /** The list page: filters, counts by merchant and status, the newest matches, the bulk forms. */
    public record ListPage(ConsoleFrame frame, Map<String, String> filter, List<NotificationStatus> statuses,
                           List<Notifications.StatusCount> counts, List<Notifications.Summary> notifications,
                           String query) {
    }

    /** One notification: what was sent (masked), the headers, every attempt, and a curl command replaying it. */
    public record DetailPage(ConsoleFrame frame, Notifications.Summary notification, String body,
                             List<AttemptView> attempts, String curl, boolean bodyMasked) {
    }

    /**
     * One notification as console pages show it: the body sent (masked), every attempt with its headers, and a curl
     * command replaying it; the transaction pages show the notifications of a transaction with it too.
     */
    public record Shown(Notifications.Summary notification, String body, List<AttemptView> attempts, String curl,
                        boolean bodyMasked) {

        public static Shown of(Notifications.Detail detail) {
            long id = detail.notification().id();
            String body = Masking.text(detail.body());
            List<AttemptView> attempts = detail.attempts().stream()
                    .map(a -> new AttemptView(a, Delivery.headers(id, a.attemptNo()), Masking.text(a.responseHead())))
                    .toList();
            return new Shown(detail.notification(), body, attempts,
                    NotificationConsolePages.curl(detail.notification(), body), !body.equals(detail.body()));
        }
    }

    /** One attempt as the page shows it: the headers it sent and the first bytes of the answer, masked. */
    public record AttemptView(Notifications.Attempt attempt, Map<String, String> headers, String answerHead) {
    }

    /** A bulk resend's or cancel's dry run, and the form that does it for real. */
    public record BulkPage(ConsoleFrame frame, String kind, Map<String, String> fields, List<Long> ids,
                           String firstAttemptAt, String lastAttemptAt) {
    }

    public void addTo(Console console) {
        console.page(PATH, ConsoleNav.NOTIFICATIONS, this::list);
        console.page(PATH + "/{id}", ConsoleNav.NOTIFICATIONS, this::detail);
        console.action(PATH + "/bulk-resend", ConsoleNav.NOTIFICATIONS, this::resendAll);
        console.action(PATH + "/bulk-cancel", ConsoleNav.NOTIFICATIONS, this::cancelAll);
        console.action(PATH + "/{id}/resend", ConsoleNav.NOTIFICATIONS, call -> {
            long id = id(call);
            admin.resend(id);
            return ConsoleAction.changed(PATH + "/" + id, "已重发 · Resent notification " + id + ".",
                    "notification.resend", "notification " + id, null);
        });
        console.action(PATH + "/{id}/cancel", ConsoleNav.NOTIFICATIONS, call -> {
            long id = id(call);
            admin.cancel(id);
            return ConsoleAction.changed(PATH + "/" + id, "已取消 · Cancelled notification " + id + ".",
                    "notification.cancel", "notification " + id, null);
        });
    }

    private void list(ConsoleCall call) {
        Notifications.Filter filter = NotificationAdminRoutes.listFilter(call.ctx());
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("merchant", call.query("merchant").orElse(""));
        shown.put("no_order", call.query("no_order").orElse(""));
        shown.put("status", filter.status() == null ? "" : filter.status().name());
        call.render("console/notifications.jte", new ListPage(call.frame("通知 Notifications"), shown,
                List.of(NotificationStatus.values()), notifications.countsByMerchant(),
                notifications.list(filter, LIST_LIMIT), call.ctx().queryString() == null ? "" : call.ctx().queryString()));
    }

    private void detail(ConsoleCall call) {
        long id = id(call);
        Notifications.Detail detail = notifications.find(id)
                .orElseThrow(() -> new AdminException(404, "no notification " + id));
        Shown shown = Shown.of(detail);
        call.render("console/notification.jte", new DetailPage(call.frame("通知 Notification " + id),
                shown.notification(), shown.body(), shown.attempts(), shown.curl(), shown.bodyMasked()));
    }

    private ConsoleAction resendAll(ConsoleCall call) {
        NotificationAdminRoutes.BulkResend done = admin.resendAll(call.body(Set.of(), Set.of("rate")));
        if (done.dryRun()) {
            call.render("console/notifications-bulk.jte", new BulkPage(call.frame("批量重发 Bulk resend"), "resend",
                    bulkFields(call, "status", "rate"), done.ids(), text(done.firstAttemptAt()),
                    text(done.lastAttemptAt())));
            return ConsoleAction.shown();
        }
        return ConsoleAction.changed(PATH + "?merchant=" + done.merchant(), "已安排重发 " + done.count()
                        + " 条 · Resending " + done.count() + " notifications.", "notification.bulk-resend",
                "merchant " + done.merchant(), done.status() + " " + range(done.from(), done.to()) + ", " + done.count()
                        + " notifications " + done.ids() + " at " + done.rate() + "/s");
    }

    private ConsoleAction cancelAll(ConsoleCall call) {
        NotificationAdminRoutes.BulkCancel done = admin.cancelAll(call.body(Set.of(), Set.of()));
        if (done.dryRun()) {
            call.render("console/notifications-bulk.jte", new BulkPage(call.frame("批量取消 Bulk cancel"), "cancel",
                    bulkFields(call), done.ids(), null, null));
            return ConsoleAction.shown();
        }
        return ConsoleAction.changed(PATH + "?merchant=" + done.merchant(), "已取消 " + done.count()
                        + " 条 · Cancelled " + done.count() + " notifications.", "notification.bulk-cancel",
                "merchant " + done.merchant(), range(done.from(), done.to()) + ", " + done.count()
                        + " notifications " + done.ids());
    }

    /** The fields of a bulk form, to post again without dry_run once the operator confirms. */
    private static Map<String, String> bulkFields(ConsoleCall call, String... more) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : List.of("merchant", "from", "to")) {
            call.field(name).ifPresent(v -> fields.put(name, v));
        }
        for (String name : more) {
            call.field(name).ifPresent(v -> fields.put(name, v));
        }
        return fields;
    }

    /**
     * The delivery as a shell command: the same URL, headers and body (the body as the page shows it, which differs
     * from what was sent only where masking hid a card, ID or mobile number).
     */
    static String curl(Notifications.Summary n, String body) {
        StringBuilder curl = new StringBuilder("curl -sS -X POST ").append(quote(n.url()));
        Delivery.headers(n.id(), n.attempts() + 1).forEach((name, value) ->
                curl.append(" \\\n  -H ").append(quote(name + ": " + value)));
        return curl.append(" \\\n  --data-binary ").append(quote(body)).toString();
    }

    /** A shell word in single quotes, any single quote in it closed, escaped and reopened. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String range(Object from, Object to) {
        return "created " + (from == null ? "any time" : "from " + from) + (to == null ? "" : " to " + to);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static long id(ConsoleCall call) {
        try {
            return Long.parseLong(call.path("id"));
        } catch (NumberFormatException e) {
            throw new AdminException(404, "no notification " + call.path("id"));
        }
    }
}
