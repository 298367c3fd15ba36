package io.llgate.server.cli;

import static io.llgate.server.cli.MerchantCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.notify.NotificationStatus;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llgate notifications}: what the gateway sent to merchants, attempt by attempt, and resending. */
@Command(name = "notifications",
        description = "Lists and inspects asynchronous notifications with every delivery attempt, and resends them.",
        subcommands = {
                NotificationsCommand.ListNotifications.class,
                NotificationsCommand.Show.class,
                NotificationsCommand.Resend.class
        })
public final class NotificationsCommand implements Runnable {
    /** How many characters of a merchant's answer a table shows. */
    private static final int ANSWER_CHARS = 60;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code llgate notifications list}: the newest notifications first. */
    @Command(name = "list", description = "Lists notifications, newest first.")
    static final class ListNotifications implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Option(names = "--merchant", paramLabel = "ID", description = "Only this merchant's (oid_partner).")
        String merchant;

        @Option(names = "--no-order", paramLabel = "NO", description = "Only those about this merchant order number.")
        String noOrder;

        @Option(names = "--status", paramLabel = "STATUS", description = "Only PENDING, DELIVERED or EXHAUSTED ones.")
        NotificationStatus status;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "At most this many (1 to 1000). Default 100.")
        int limit;

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("merchant", merchant);
            query.put("no_order", noOrder);
            query.put("status", status == null ? null : status.name());
            query.put("limit", Integer.toString(limit));
            try (GatewayClient client = admin.client(spec)) {
                JsonNode list = client.adminGet(GatewayClient.withQuery("/admin/notifications", query))
                        .path("notifications");
                PrintWriter out = spec.commandLine().getOut();
                if (list.isEmpty()) {
                    out.println("No notifications match.");
                    out.flush();
                    return 0;
                }
                Table table = new Table("ID", "CREATED", "MERCHANT", "NO_ORDER", "RESULT", "STATUS", "ATTEMPTS",
                        "NEXT_ATTEMPT");
                for (JsonNode n : list) {
                    table.row(text(n, "id"), text(n, "created_at"), text(n, "oid_partner"), text(n, "no_order"),
                            text(n, "result"), text(n, "status"), attempts(n),
                            "PENDING".equals(text(n, "status")) ? text(n, "next_attempt_at") : "-");
                }
                table.print(out);
            }
            return 0;
        }
    }

    /** {@code llgate notifications show}: one notification, its exact body and every attempt. */
    @Command(name = "show", description = "Shows one notification: its exact body and every attempt "
            + "(time, duration, HTTP status, outcome, the first bytes of the answer).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(paramLabel = "ID", description = "The notification's id (see 'llgate notifications list').")
        long id;

        @Override
        public Integer call() {
            try (GatewayClient client = admin.client(spec)) {
                JsonNode detail = client.adminGet("/admin/notifications/" + id);
                PrintWriter out = spec.commandLine().getOut();
                JsonNode n = detail.path("notification");
                out.println("notification:   " + text(n, "id") + "  " + text(n, "status"));
                out.println("merchant:       " + text(n, "oid_partner"));
                out.println("product:        " + text(n, "product"));
                out.println("no_order:       " + text(n, "no_order") + "  (reference " + text(n, "reference") + ")");
                out.println("result:         " + text(n, "result"));
                out.println("url:            " + text(n, "url"));
                out.println("attempts:       " + attempts(n));
                out.println("created:        " + text(n, "created_at"));
                out.println("delivered:      " + text(n, "delivered_at"));
                if ("PENDING".equals(text(n, "status"))) {
                    out.println("next attempt:   " + text(n, "next_attempt_at"));
                }
                out.println("body:           " + text(detail, "body"));
                out.println();
                JsonNode attempts = detail.path("attempts");
                if (attempts.isEmpty()) {
                    out.println("No attempt yet.");
                    out.flush();
                    return 0;
                }
                Table table = new Table("#", "STARTED", "DURATION", "HTTP", "OUTCOME", "ANSWER");
                for (JsonNode a : attempts) {
                    String answer = a.hasNonNull("response_head") ? text(a, "response_head") : text(a, "error");
                    table.row(text(a, "attempt_no"), text(a, "started_at"), text(a, "duration_ms") + " ms",
                            text(a, "http_status"), text(a, "outcome"), head(answer));
                }
                table.print(out);
            }
            return 0;
        }
    }

    /** {@code llgate notifications resend}: one more attempt, now, with the same body. */
    @Command(name = "resend", description = "Sends a notification again now with the same body; an exhausted or "
            + "delivered one gets one extra attempt.")
    static final class Resend implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(paramLabel = "ID", description = "The notification's id.")
        long id;

        @Override
        public Integer call() {
            try (GatewayClient client = admin.client(spec)) {
                JsonNode n = client.adminPost("/admin/notifications/" + id + "/resend", Map.of()).path("notification");
                PrintWriter out = spec.commandLine().getOut();
                out.println("Notification " + id + " is queued to be sent again now (" + text(n, "status")
                        + ", attempts so far " + attempts(n) + ").");
                out.flush();
            }
            return 0;
        }
    }

    private static String attempts(JsonNode n) {
        return text(n, "attempts") + "/" + text(n, "max_attempts");
    }

    private static String head(String text) {
        String line = Table.oneLine(text);
        return line.length() > ANSWER_CHARS ? line.substring(0, ANSWER_CHARS) + "..." : line;
    }
}
