package io.llgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.server.notify.NotifyChaos;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
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

/** {@code llgate merchant}: register, list, show, top up and change merchants through the admin API. */
@Command(name = "merchant",
        description = "Registers, lists, shows, tops up and changes merchants (admin API).",
        subcommands = {
                MerchantCommand.Add.class,
                MerchantCommand.ListMerchants.class,
                MerchantCommand.Show.class,
                MerchantCommand.TopUp.class,
                MerchantCommand.Update.class
        })
public final class MerchantCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code llgate merchant add}: registers a merchant with its public key. */
    @Command(name = "add", description = "Registers a merchant: the equivalent of uploading its public key to LianLian.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Option(names = "--oid-partner", paramLabel = "ID", required = true,
                description = "The merchant's id, 18 digits as LianLian assigns them.")
        String oidPartner;

        @Option(names = "--public-key", paramLabel = "KEY", required = true,
                description = "The merchant's RSA public key (PEM or base64, X.509 or PKCS#1), or a file holding it.")
        String publicKey;

        @Option(names = "--name", paramLabel = "NAME", description = "A name for people.")
        String name;

        @Option(names = "--products", paramLabel = "LIST",
                description = "Comma-separated products: instant-payment, online-banking, refund. Default all.")
        String products;

        @Option(names = "--balance", paramLabel = "AMOUNT", description = "Opening available balance, e.g. 1000.00.")
        String balance;

        @Option(names = "--ip-allow-list", paramLabel = "LIST",
                description = "Comma-separated source addresses or CIDR blocks allowed to call; default any.")
        String ipAllowList;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("oid_partner", oidPartner);
            body.put("public_key", TextOrFile.read(publicKey));
            putIfGiven(body, "name", name);
            putIfGiven(body, "products", products);
            putIfGiven(body, "balance", balance == null ? null : amount(spec, "--balance", balance));
            putIfGiven(body, "ip_allow_list", ipAllowList);
            try (GatewayClient client = admin.client(spec)) {
                JsonNode merchant = client.adminPost("/admin/merchants", body);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Registered merchant " + merchant.path("oid_partner").asText() + ".");
                print(out, merchant);
            }
            return 0;
        }
    }

    /** {@code llgate merchant list}: every merchant in a table. */
    @Command(name = "list", description = "Lists every merchant with its status, balances and products.")
    static final class ListMerchants implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Override
        public Integer call() {
            try (GatewayClient client = admin.client(spec)) {
                JsonNode merchants = client.adminGet("/admin/merchants").path("merchants");
                PrintWriter out = spec.commandLine().getOut();
                if (merchants.isEmpty()) {
                    out.println("No merchants yet; add one with: llgate merchant add --oid-partner ID --public-key KEY");
                    out.flush();
                    return 0;
                }
                Table table = new Table("OID_PARTNER", "NAME", "STATUS", "AVAILABLE", "UNSETTLED", "RESERVED",
                        "PRODUCTS");
                for (JsonNode m : merchants) {
                    table.row(text(m, "oid_partner"), text(m, "name"), text(m, "status"), text(m, "amt_balance"),
                            text(m, "amt_unsettle"), text(m, "amt_reserved"), list(m.path("products")));
                }
                table.print(out);
            }
            return 0;
        }
    }

    /** {@code llgate merchant show}: one merchant in full. */
    @Command(name = "show", description = "Shows one merchant: status, products, allow-list, balances, public key.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(paramLabel = "ID", description = "The merchant's oid_partner.")
        String oidPartner;

        @Override
        public Integer call() {
            try (GatewayClient client = admin.client(spec)) {
                print(spec.commandLine().getOut(),
                        client.adminGet("/admin/merchants/" + GatewayClient.segment(oidPartner)));
            }
            return 0;
        }
    }

    /** {@code llgate merchant topup}: credits a merchant's available balance. */
    @Command(name = "topup", description = "Adds money to a merchant's available balance.")
    static final class TopUp implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(index = "0", paramLabel = "ID", description = "The merchant's oid_partner.")
        String oidPartner;

        @Parameters(index = "1", paramLabel = "AMOUNT", description = "The amount in yuan, e.g. 500.00.")
        String amount;

        @Option(names = "--reference", paramLabel = "TEXT",
                description = "The merchant's reference for this top-up (1 to 64 letters, digits, '.', '_', '/' or '-'); "
                        + "a second top-up of the merchant with the same one is refused. Default a new one.")
        String reference;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("amount", amount(spec, "AMOUNT", amount));
            putIfGiven(body, "reference", reference);
            try (GatewayClient client = admin.client(spec)) {
                JsonNode merchant = client.adminPost("/admin/merchants/" + GatewayClient.segment(oidPartner)
                        + "/topup", body);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Topped up " + text(merchant, "oid_partner") + " by " + body.get("amount")
                        + "; available now " + text(merchant, "amt_balance") + ".");
                out.flush();
            }
            return 0;
        }
    }

    /** {@code llgate merchant update}: changes a merchant's key, products, allow-list, status, fee rate or notify chaos. */
    @Command(name = "update", description = "Changes a merchant's public key, products, IP allow-list, status, fee rate, or "
            + "(sandbox only) what the sandbox does to its notifications.")
    static final class Update implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(paramLabel = "ID", description = "The merchant's oid_partner.")
        String oidPartner;

        @Option(names = "--public-key", paramLabel = "KEY",
                description = "A new RSA public key (PEM or base64, X.509 or PKCS#1), or a file holding it.")
        String publicKey;

        @Option(names = "--products", paramLabel = "LIST",
                description = "Comma-separated products: instant-payment, online-banking, refund.")
        String products;

        @Option(names = "--ip-allow-list", paramLabel = "LIST",
                description = "Comma-separated addresses or CIDR blocks; an empty value allows any.")
        String ipAllowList;

        @Option(names = "--status", paramLabel = "STATUS",
                description = "ACTIVE or SUSPENDED (a suspended merchant's calls are refused with 1009).")
        String status;

        @Option(names = "--notify-chaos", paramLabel = "MODE",
                description = "Sandbox only, to test the merchant's notification handling: none; duplicate (every "
                        + "notification arrives twice); shuffle (each is held back a random time up to the delay, so "
                        + "different orders' arrive out of order); late (the first attempt waits for the delay).")
        NotifyChaos.Mode notifyChaos;

        @Option(names = "--notify-chaos-delay", paramLabel = "DURATION",
                description = "The delay of late, and the longest of shuffle: 500ms, 5s, 2m ... up to 1d. Default 10s.")
        Duration notifyChaosDelay;

        @Option(names = "--fee-rate-bp", paramLabel = "N",
                description = "The fee on payments the merchant receives from now on, in basis points "
                        + "(25 = 0.25%%), 0 to 1000. It shows in transaction reports and is given back pro rata on refunds.")
        Integer feeRateBp;

        @Option(names = "--report-refund-paybill", paramLabel = "COLUMN",
                description = "What refund rows of the merchant's detail report files write in column 5, oid_paybill: "
                        + "no_order (the original order's number, as LianLian documents; the default) or oid_refundno "
                        + "(the refund's own number). Files already published keep their content.")
        String reportRefundPaybill;

        @Option(names = "--report-layout", paramLabel = "LAYOUT",
                description = "How the merchant's report files are laid out: doc (the documented files, 19 columns "
                        + "joined by |; the default) or csv (as LianLian's SFTP delivers them: comma-separated with a "
                        + "Chinese header, and FKMX_ files for payouts). Files already published keep their content.")
        String reportLayout;

        @Option(names = "--list-signing", paramLabel = "LIST=MODE,...",
                description = "Whether lists in the merchant's query replies are signed over, for clients that build "
                        + "a list's sign source their own way: card_list=exclude leaves the branch number reply's list "
                        + "out of its signature; support_banklist=include or =exclude signs the support bank reply "
                        + "(unsigned by default) with its list in or out. An empty value restores the defaults.")
        String listSigning;

        @Option(names = "--card-sms-verification", paramLabel = "BOOLEAN", arity = "1",
                description = "Whether the merchant's card payments (easypay, MPAY) wait for the payer's SMS code: true (the "
                        + "default) or false, a \"No-SMS-verification\" account charged at apply.")
        Boolean cardSmsVerification;

        @Option(names = "--notify-card-holder", paramLabel = "BOOLEAN", arity = "1",
                description = "Whether the merchant's MPAY notifications carry the payer's id_type, id_no, acct_name and "
                        + "card_no: false (the default) or true.")
        Boolean notifyCardHolder;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            putIfGiven(body, "fee_rate_bp", feeRateBp);
            putIfGiven(body, "card_sms_verification", cardSmsVerification);
            putIfGiven(body, "notify_card_holder", notifyCardHolder);
            putIfGiven(body, "report_refund_paybill", reportRefundPaybill);
            putIfGiven(body, "report_layout", reportLayout);
            putIfGiven(body, "list_signing", listSigning);
            putIfGiven(body, "public_key", publicKey == null ? null : TextOrFile.read(publicKey));
            putIfGiven(body, "products", products);
            putIfGiven(body, "ip_allow_list", ipAllowList);
            putIfGiven(body, "status", status);
            putIfGiven(body, "notify_chaos", notifyChaos == null ? null : notifyChaos.id());
            putIfGiven(body, "notify_chaos_delay", notifyChaosDelay == null ? null : notifyChaosDelay.toString());
            if (body.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "nothing to change: give --public-key, --products, "
                        + "--ip-allow-list, --status, --notify-chaos, --notify-chaos-delay, --fee-rate-bp, "
                        + "--report-refund-paybill, --report-layout, --list-signing or --card-sms-verification");
            }
            try (GatewayClient client = admin.client(spec)) {
                JsonNode merchant = client.adminPatch("/admin/merchants/" + GatewayClient.segment(oidPartner), body);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Updated merchant " + text(merchant, "oid_partner") + ".");
                print(out, merchant);
            }
            return 0;
        }
    }

    static void print(PrintWriter out, JsonNode m) {
        out.println("oid_partner:    " + text(m, "oid_partner"));
        out.println("name:           " + text(m, "name"));
        out.println("status:         " + text(m, "status"));
        out.println("products:       " + list(m.path("products")));
        out.println("ip allow-list:  " + (m.path("ip_allow_list").isTextual() ? text(m, "ip_allow_list") : "any"));
        out.println("available:      " + text(m, "amt_balance") + "  (amt_balance)");
        out.println("unsettled:      " + text(m, "amt_unsettle") + "  (amt_unsettle)");
        out.println("reserved:       " + text(m, "amt_reserved") + "  (payouts in flight)");
        // The lines above are CNY; a merchant paid in other currencies has their balances after them.
        for (JsonNode b : m.path("balances")) {
            if (!text(b, "currency").equals("CNY")) {
                out.println(text(b, "currency") + ":            available " + text(b, "amt_balance") + ", unsettled "
                        + text(b, "amt_unsettle") + ", reserved " + text(b, "amt_reserved"));
            }
        }
        out.println("created:        " + text(m, "created_at"));
        out.println("notify chaos:   " + notifyChaos(m));
        out.println("fee rate:       " + m.path("fee_rate_bp").asInt() + " basis points");
        out.println("refund rows:    " + text(m, "report_refund_paybill") + " in oid_paybill (report files)");
        out.println("report layout:  " + text(m, "report_layout"));
        out.println("list signing:   " + (text(m, "list_signing").isEmpty() ? "defaults" : text(m, "list_signing")));
        out.println("card SMS codes: " + (m.path("card_sms_verification").asBoolean(true) ? "required" : "not used (charged at apply)"));
        out.println("public key:     " + text(m, "public_key"));
        out.flush();
    }

    /** The sandbox's notify_chaos setting, with its delay where the mode has one: "late, 10s". */
    private static String notifyChaos(JsonNode m) {
        String mode = text(m, "notify_chaos");
        if (!mode.equals("late") && !mode.equals("shuffle")) {
            return mode;
        }
        try {
            return mode + ", " + Durations.format(Duration.parse(text(m, "notify_chaos_delay")));
        } catch (DateTimeParseException e) {
            return mode + ", " + text(m, "notify_chaos_delay");
        }
    }

    /** A command-line amount in the admin API's form, or a usage error. */
    static String amount(CommandSpec spec, String option, String text) {
        try {
            return Amounts.format(Amounts.parseFen(text.trim()));
        } catch (FieldFormatException e) {
            throw new ParameterException(spec.commandLine(),
                    option + " must look like 100.00 (0.01 to 100000000.00), not '" + text + "'");
        }
    }

    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? "-" : value.asText();
    }

    private static String list(JsonNode array) {
        StringBuilder text = new StringBuilder();
        array.forEach(item -> text.append(text.isEmpty() ? "" : ",").append(item.asText()));
        return text.isEmpty() ? "-" : text.toString();
    }

    static void putIfGiven(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
