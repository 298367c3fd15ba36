package io.llgate.server.cli;

import static io.llgate.server.cli.MerchantCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llgate settlement}: settle ended business days now, and list the settlements made. */
@Command(name = "settlement",
        description = {"Settles merchants' unsettled funds of ended business days (the gateway does it by itself "
                + "at each day's cut-off), and lists the settlements made."},
        subcommands = {SettlementCommand.Run.class, SettlementCommand.ListSettlements.class})
public final class SettlementCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code llgate settlement run}: settles every unsettled day up to a date. */
    @Command(name = "run", description = {
            "Settles every merchant's unsettled funds of every ended business day up to --date (default: the last "
                    + "ended one) that is not settled yet: they move from unsettled to available.",
            "Running it again changes nothing. A day that has not ended is refused."})
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Option(names = "--date", paramLabel = "YYYYMMDD", description = "Settle up to this business day.")
        String date;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("date", date == null ? null : BusinessDayOptions.day(spec, "--date", date));
            try (GatewayClient client = admin.client(spec)) {
                JsonNode answer = client.adminPost("/admin/settlements/run", body);
                PrintWriter out = spec.commandLine().getOut();
                JsonNode settled = answer.path("settled");
                if (settled.isEmpty()) {
                    out.println("Nothing to settle through " + text(answer, "through") + ".");
                } else {
                    out.println("Settled " + settled.size() + " merchant days (per currency) through " + text(answer, "through") + ":");
                    print(out, settled);
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code llgate settlement list}: the settlements made, newest day first. */
    @Command(name = "list", description = "Lists settlements, newest business day first.")
    static final class ListSettlements implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Option(names = "--merchant", paramLabel = "ID", description = "Only this merchant's (oid_partner).")
        String merchant;

        @Option(names = "--date", paramLabel = "YYYYMMDD", description = "Only this business day's.")
        String date;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most this many. Default 100.")
        int limit;

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("merchant", merchant);
            query.put("date", date == null ? null : BusinessDayOptions.day(spec, "--date", date));
            query.put("limit", Integer.toString(limit));
            try (GatewayClient client = admin.client(spec)) {
                JsonNode list = client.adminGet(GatewayClient.withQuery("/admin/settlements", query)).path("settlements");
                PrintWriter out = spec.commandLine().getOut();
                if (list.isEmpty()) {
                    out.println("No settlements match.");
                    out.flush();
                    return 0;
                }
                print(out, list);
            }
            return 0;
        }
    }

    private static void print(PrintWriter out, JsonNode settlements) {
        Table table = new Table("SETTLE_DATE", "MERCHANT", "CURRENCY", "AMOUNT", "AT");
        for (JsonNode s : settlements) {
            table.row(text(s, "settle_date"), text(s, "oid_partner"), text(s, "currency"), text(s, "amount"),
                    text(s, "created_at"));
        }
        table.print(out);
    }
}
