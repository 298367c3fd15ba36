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

/** {@code llgate reconcile}: compares a business day's report, ledger and orders. */
@Command(name = "reconcile",
        description = {
                "Checks one business day, merchant by merchant: the published daily report file (or, where none is "
                        + "published, the file as it would be generated), the ledger's entries of the day and the "
                        + "successful payments and refunds must agree. Prints every difference by category.",
                "Exit code 0 when everything agrees, " + ReconcileCommand.DIFFERENCES + " when there are differences."})
public final class ReconcileCommand implements Callable<Integer> {
    /** The exit code when the check found differences: not a failure of the command, but not a clean day either. */
    static final int DIFFERENCES = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    AdminOptions admin;

    @Option(names = "--date", paramLabel = "YYYYMMDD", required = true, description = "The business day (settle_date).")
    String date;

    @Option(names = "--merchant", paramLabel = "ID", description = "Only this merchant (oid_partner).")
    String merchant;

    @Override
    public Integer call() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("date", BusinessDayOptions.day(spec, "--date", date));
        query.put("merchant", merchant);
        try (GatewayClient client = admin.client(spec)) {
            JsonNode result = client.adminGet(GatewayClient.withQuery("/admin/reconciliation", query));
            PrintWriter out = spec.commandLine().getOut();
            JsonNode merchants = result.path("merchants");
            if (merchants.isEmpty()) {
                out.println("No merchant existed on business day " + text(result, "settle_date") + ".");
            }
            for (JsonNode m : merchants) {
                String report = text(m, "report_name") + (m.path("published").asBoolean()
                        ? " revision " + text(m, "report_revision") : " (not published; generated for the check)");
                out.println(text(m, "oid_partner") + ": " + report + ", " + text(m, "report_lines") + " lines; "
                        + text(m, "order_rows") + " payments and refunds; " + text(m, "ledger_entries")
                        + " ledger entries: " + count(m.path("differences").size()));
                if (!m.path("differences").isEmpty()) {
                    Table table = new Table("  CATEGORY", "NO_ORDER", "OID_PAYBILL", "REFERENCE", "DETAIL");
                    for (JsonNode d : m.path("differences")) {
                        table.row("  " + text(d, "category"), text(d, "no_order"), text(d, "oid_paybill"),
                                text(d, "reference"), text(d, "detail"));
                    }
                    table.print(out);
                }
            }
            int total = result.path("difference_count").asInt();
            out.println("Business day " + text(result, "settle_date") + ": " + count(total) + ".");
            out.flush();
            return total == 0 ? 0 : DIFFERENCES;
        }
    }

    private static String count(int differences) {
        return differences == 0 ? "no differences" : differences + (differences == 1 ? " difference" : " differences");
    }
}
