package io.llgate.server.cli;

import static io.llgate.server.cli.MerchantCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llgate rates}: the exchange rates exchange payments are priced at; list them and set one. */
@Command(name = "rates",
        description = {"Lists and sets the exchange rates (yuan per unit of a currency, four decimals) that exchange "
                + "payments are priced at."},
        subcommands = {RatesCommand.ListRates.class, RatesCommand.Set.class})
public final class RatesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code llgate rates list}: the rates in force, or a currency's history. */
    @Command(name = "list", description = {"Lists the rate in force of each currency, and the currencies without one "
            + "(exchange orders in those are refused). With --history, every rate, ended ones too, latest first."})
    static final class ListRates implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Option(names = "--currency", paramLabel = "CODE", description = "Only this currency's, such as USD.")
        String currency;

        @Option(names = "--history", description = "Every rate, ended and scheduled ones too, latest to begin first.")
        boolean history;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "With --history, at most this many. Default 100.")
        int limit;

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("currency", currency == null ? null : currency.trim().toUpperCase(Locale.ROOT));
            if (history) {
                query.put("history", "true");
                query.put("limit", Integer.toString(limit));
            }
            try (GatewayClient client = admin.client(spec)) {
                JsonNode answer = client.adminGet(GatewayClient.withQuery("/admin/rates", query));
                PrintWriter out = spec.commandLine().getOut();
                JsonNode rates = answer.path("rates");
                if (rates.isEmpty()) {
                    out.println(history ? "No rates match." : "No rate is in force.");
                } else {
                    Table table = new Table("ID", "CURRENCY", "RATE", "VALID_FROM", "VALID_UNTIL", "SET_AT", "SET_BY");
                    for (JsonNode r : rates) {
                        table.row(text(r, "id"), text(r, "currency"), text(r, "rate"), text(r, "valid_from"),
                                text(r, "valid_until"), text(r, "created_at"), text(r, "created_by"));
                    }
                    table.print(out);
                }
                JsonNode missing = answer.path("without_rate");
                if (!missing.isEmpty()) {
                    StringBuilder codes = new StringBuilder();
                    missing.forEach(c -> codes.append(codes.isEmpty() ? "" : ", ").append(c.asText()));
                    out.println("Without a rate (exchange orders refused): " + codes);
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code llgate rates set}: stores a rate. */
    @Command(name = "set", description = {
            "Sets a currency's rate in yuan per unit, at most four decimals (more are refused, not rounded).",
            "Without --until it takes effect at --from (default now) and ends the rate in force then; with --until it "
                    + "is in force for that window only, over the rate beneath."})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(index = "0", paramLabel = "CURRENCY", description = "The currency, such as USD.")
        String currency;

        @Parameters(index = "1", paramLabel = "RATE", description = "Yuan per unit, such as 7.1500.")
        String rate;

        @Option(names = "--from", paramLabel = "INSTANT",
                description = "In force from then on, ISO-8601 such as 2024-06-12T08:00:00Z (UTC without a zone). "
                        + "Default now.")
        String from;

        @Option(names = "--until", paramLabel = "INSTANT", description = "In force only until then (exclusive).")
        String until;

        @Option(names = "--by", paramLabel = "NAME", description = "Who sets it, as the table records it. Default admin.")
        String by;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("currency", currency.trim().toUpperCase(Locale.ROOT));
            body.put("rate", rate);
            body.put("valid_from", from);
            body.put("valid_until", until);
            body.put("created_by", by);
            try (GatewayClient client = admin.client(spec)) {
                JsonNode r = client.adminPost("/admin/rates", body);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Rate " + text(r, "id") + ": 1 " + text(r, "currency") + " = " + text(r, "rate")
                        + " CNY from " + text(r, "valid_from")
                        + (r.path("valid_until").isNull() ? "" : " until " + text(r, "valid_until")) + ".");
                out.flush();
            }
            return 0;
        }
    }
}
