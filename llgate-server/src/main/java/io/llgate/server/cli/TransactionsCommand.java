package io.llgate.server.cli;

import static io.llgate.server.cli.MerchantCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llgate transactions}: every product's transactions, newest first, and one with everything known of it. */
@Command(name = "transactions",
        description = "Lists every product's transactions (payouts, payments, refunds, ...) newest first, and shows "
                + "one with its timeline, ledger postings, refunds and notifications.",
        subcommands = {TransactionsCommand.ListTransactions.class, TransactionsCommand.Show.class})
public final class TransactionsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code llgate transactions list}: one page, and the option that gives the next. */
    @Command(name = "list", description = "Lists transactions, newest first, a page at a time.")
    static final class ListTransactions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Option(names = "--merchant", paramLabel = "ID", description = "Only this merchant's (oid_partner).")
        String merchant;

        @Option(names = "--product", paramLabel = "IDS",
                description = "Only these products, comma-separated (instant-payment, online-banking, refund, ...).")
        String product;

        @Option(names = "--status", paramLabel = "STATUS", description = "Only those in this state, e.g. SUCCESS.")
        String status;

        @Option(names = "--search", paramLabel = "NO",
                description = "Only those with this no_order, oid_paybill, oid_refundno or no_refund.")
        String search;

        @Option(names = "--from", paramLabel = "INSTANT",
                description = "Only those created at or after this ISO-8601 instant, e.g. 2024-06-12T08:00:00Z.")
        Instant from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "Only those created before this instant.")
        Instant to;

        @Option(names = "--after", paramLabel = "CURSOR", description = "The page after the one that printed it.")
        String after;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "At most this many (1 to 500). Default 50.")
        int limit;

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("merchant", merchant);
            query.put("product", product);
            query.put("status", status);
            query.put("q", search);
            query.put("from", from == null ? null : from.toString());
            query.put("to", to == null ? null : to.toString());
            query.put("after", after);
            query.put("limit", Integer.toString(limit));
            try (GatewayClient client = admin.client(spec)) {
                JsonNode page = client.adminGet(GatewayClient.withQuery("/admin/transactions", query));
                PrintWriter out = spec.commandLine().getOut();
                if (page.path("transactions").isEmpty()) {
                    out.println("No transactions match.");
                    out.flush();
                    return 0;
                }
                Table table = new Table("REF", "CREATED", "MERCHANT", "NO_ORDER", "OID_PAYBILL", "REFUND_NO", "AMOUNT",
                        "STATUS");
                for (JsonNode t : page.path("transactions")) {
                    table.row(text(t, "ref"), text(t, "created_at"), text(t, "merchant"), text(t, "no_order"),
                            text(t, "oid_paybill"), text(t, "refund_number"), text(t, "amount"), text(t, "status"));
                }
                table.print(out);
                if (page.hasNonNull("next")) {
                    out.println("More: add --after " + text(page, "next"));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code llgate transactions show}: one transaction in detail. */
    @Command(name = "show", description = "Shows one transaction: its fields, timeline, ledger postings, refunds and "
            + "notifications (see 'llgate notifications show' for a notification's attempts).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(paramLabel = "REF", description = "The transaction's reference, e.g. instant-payment:42 "
                + "(see 'llgate transactions list').")
        String ref;

        @Override
        public Integer call() {
            try (GatewayClient client = admin.client(spec)) {
                JsonNode detail = client.adminGet("/admin/transactions/" + ref);
                PrintWriter out = spec.commandLine().getOut();
                JsonNode t = detail.path("transaction");
                out.println(text(t, "ref") + "  " + text(t, "status") + "  " + text(t, "amount") + " "
                        + text(t, "currency"));
                out.println("merchant:     " + text(t, "merchant"));
                out.println("no_order:     " + text(t, "no_order"));
                out.println("oid_paybill:  " + text(t, "oid_paybill"));
                if (t.hasNonNull("refund_number")) {
                    out.println("oid_refundno: " + text(t, "refund_number"));
                }
                if (detail.hasNonNull("refund_of")) {
                    out.println("refund of:    " + text(detail, "refund_of"));
                }
                detail.path("facts").properties().forEach(f -> out.println(f.getKey() + ": " + f.getValue().asText()));
                out.println();
                out.println("Timeline:");
                detail.path("timeline").forEach(m -> out.println("  " + text(m, "at") + "  " + text(m, "what")));
                out.println("Ledger:");
                detail.path("postings").forEach(e -> {
                    out.println("  " + text(e, "kind") + "  " + text(e, "posted_at"));
                    e.path("postings").forEach(p -> out.println("    " + text(p, "account") + "  " + text(p, "amount")));
                });
                if (!detail.path("refunds").isEmpty()) {
                    out.println("Refunds:");
                    detail.path("refunds").forEach(r -> out.println("  " + text(r, "ref") + "  "
                            + text(r, "refund_number") + "  " + text(r, "amount") + "  " + text(r, "status")));
                }
                out.println("Notifications:");
                detail.path("notifications").forEach(n -> {
                    JsonNode s = n.path("notification");
                    out.println("  " + text(s, "id") + "  " + text(s, "status") + "  attempts " + text(s, "attempts")
                            + "/" + text(s, "max_attempts") + "  " + text(s, "url"));
                });
                out.flush();
            }
            return 0;
        }
    }
}
