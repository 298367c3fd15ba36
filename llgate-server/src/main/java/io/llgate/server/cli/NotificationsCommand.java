package io.llgate.server.cli;

import static io.llgate.server.cli.MerchantCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.notify.NotificationStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llgate notifications}: what the gateway sent to merchants, attempt by attempt; resending and cancelling. */
@Command(name = "notifications",
        description = "Lists and inspects asynchronous notifications with every delivery attempt; resends and "
                + "cancels them, one or a merchant's in bulk.",
        subcommands = {
                NotificationsCommand.ListNotifications.class,
                NotificationsCommand.Show.class,
                NotificationsCommand.Resend.class,
                NotificationsCommand.Cancel.class
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

        @Option(names = "--status", paramLabel = "STATUS",
                description = "Only PENDING, DELIVERED, EXHAUSTED or CANCELLED ones.")
        NotificationStatus status;

        @Option(names = "--from", paramLabel = "INSTANT",
                description = "Only those created at or after this ISO-8601 instant, e.g. 2024-06-12T08:00:00Z.")
        Instant from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "Only those created before this instant.")
        Instant to;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "At most this many (1 to 1000). Default 100.")
        int limit;

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("merchant", merchant);
            query.put("no_order", noOrder);
            query.put("status", status == null ? null : status.name());
            query.put("from", from == null ? null : from.toString());
            query.put("to", to == null ? null : to.toString());
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
                if (n.hasNonNull("cancelled_at")) {
                    out.println("cancelled:      " + text(n, "cancelled_at"));
                }
                if (n.hasNonNull("chaos")) {
                    out.println("sandbox chaos:  " + text(n, "chaos"));
                }
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

    /** {@code llgate notifications resend}: one more attempt with the same body, for one or a merchant's many. */
    @Command(name = "resend", description = {
            "Sends notifications again with the same body: one by ID, at once; or with --merchant every "
                    + "EXHAUSTED one of a merchant (or those the options pick), paced at --rate per second.",
            "An exhausted or delivered notification gets one extra attempt; a cancelled one is never sent again."})
    static final class Resend implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Mixin
        Target target;

        @Option(names = "--status", paramLabel = "STATUS",
                description = "With --merchant: those in EXHAUSTED (the default) or DELIVERED.")
        NotificationStatus status;

        @Option(names = "--rate", paramLabel = "N",
                description = "With --merchant: at most N notifications a second (default 10; up to 1000).")
        Double rate;

        @Override
        public Integer call() {
            boolean bulk = target.bulk(spec, status != null || rate != null);
            try (GatewayClient client = admin.client(spec)) {
                PrintWriter out = spec.commandLine().getOut();
                if (!bulk) {
                    JsonNode n = client.adminPost("/admin/notifications/" + target.id + "/resend", Map.of())
                            .path("notification");
                    out.println("Notification " + target.id + " is queued to be sent again now (" + text(n, "status")
                            + ", attempts so far " + attempts(n) + ").");
                    out.flush();
                    return 0;
                }
                Map<String, Object> body = target.body();
                body.put("status", status == null ? null : status.name());
                body.put("rate", rate);
                JsonNode answer = client.adminPost("/admin/notifications/resend", body);
                String what = text(answer, "status") + " notifications of merchant " + target.merchant;
                if (answer.path("count").asInt() == 0) {
                    out.println("No " + what + " to resend.");
                } else if (target.dryRun) {
                    out.println("Would resend " + answer.path("count").asInt() + " " + what + ": " + ids(answer));
                } else {
                    out.println("Resending " + answer.path("count").asInt() + " " + what + " at "
                            + perSecond(answer.path("rate").asDouble()) + " a second, the last at "
                            + text(answer, "last_attempt_at") + ": " + ids(answer));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code llgate notifications cancel}: stops pending notifications for good. */
    @Command(name = "cancel", description = {
            "Cancels pending notifications: one by ID, or with --merchant every pending one of a merchant.",
            "A cancelled notification is never attempted again (an attempt under way still ends and is recorded); "
                    + "it stays visible with its attempts."})
    static final class Cancel implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Mixin
        Target target;

        @Override
        public Integer call() {
            boolean bulk = target.bulk(spec, false);
            try (GatewayClient client = admin.client(spec)) {
                PrintWriter out = spec.commandLine().getOut();
                if (!bulk) {
                    JsonNode n = client.adminPost("/admin/notifications/" + target.id + "/cancel", Map.of())
                            .path("notification");
                    out.println("Notification " + target.id + " is cancelled (attempts made " + attempts(n) + ").");
                    out.flush();
                    return 0;
                }
                JsonNode answer = client.adminPost("/admin/notifications/cancel", target.body());
                int count = answer.path("count").asInt();
                String what = "pending notifications of merchant " + target.merchant;
                out.println(count == 0 ? "No " + what + " to cancel."
                        : (target.dryRun ? "Would cancel " : "Cancelled ") + count + " " + what + ": " + ids(answer));
                out.flush();
            }
            return 0;
        }
    }

    /**
     * What a resend or cancel takes: one notification by ID, or a merchant's, optionally created in a time
     * range; and whether only to show them.
     */
    static final class Target {
        @Parameters(arity = "0..1", paramLabel = "ID", description = "The notification's id.")
        Long id;

        @Option(names = "--merchant", paramLabel = "ID",
                description = "Instead of an ID: this merchant's (oid_partner) notifications.")
        String merchant;

        @Option(names = "--from", paramLabel = "INSTANT",
                description = "With --merchant: only those created at or after this ISO-8601 instant.")
        Instant from;

        @Option(names = "--to", paramLabel = "INSTANT",
                description = "With --merchant: only those created before this ISO-8601 instant.")
        Instant to;

        @Option(names = "--dry-run", description = "With --merchant: show which it would take and change nothing.")
        boolean dryRun;

        /** True for --merchant, false for an ID; a usage error unless exactly one is given. */
        boolean bulk(CommandSpec spec, boolean moreBulkOptions) {
            if ((id == null) == (merchant == null)) {
                throw new ParameterException(spec.commandLine(), "give either a notification ID or --merchant");
            }
            if (id != null && (from != null || to != null || dryRun || moreBulkOptions)) {
                throw new ParameterException(spec.commandLine(),
                        "--status, --from, --to, --dry-run and --rate go with --merchant, not with an ID");
            }
            return merchant != null;
        }

        /** The bulk call's body. */
        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("merchant", merchant);
            body.put("from", from == null ? null : from.toString());
            body.put("to", to == null ? null : to.toString());
            body.put("dry_run", dryRun);
            return body;
        }
    }

    private static String ids(JsonNode answer) {
        StringBuilder text = new StringBuilder();
        answer.path("ids").forEach(id -> text.append(text.isEmpty() ? "" : ", ").append(id.asText()));
        return text.toString();
    }

    private static String perSecond(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private static String attempts(JsonNode n) {
        return text(n, "attempts") + "/" + text(n, "max_attempts");
    }

    private static String head(String text) {
        String line = Table.oneLine(text);
        return line.length() > ANSWER_CHARS ? line.substring(0, ANSWER_CHARS) + "..." : line;
    }
}
