package io.llgate.server.cli;

import static io.llgate.server.cli.MerchantCommand.putIfGiven;
import static io.llgate.server.cli.MerchantCommand.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llgate sandbox}: the sandbox's controls (absent from a production gateway). */
@Command(name = "sandbox",
        description = "Sandbox controls: settle payouts and refunds the sandbox bank holds, complete online banking "
                + "orders, answer card charges the sandbox issuer left pending, read the texts sent to a mobile, move "
                + "the gateway's clock.",
        subcommands = {SandboxCommand.Resolve.class, SandboxCommand.ResolveRefund.class, SandboxCommand.Complete.class,
                SandboxCommand.ResolveCardCharge.class, SandboxCommand.Sms.class, SandboxCommand.AdvanceClock.class})
public final class SandboxCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The outcomes a held payout can be given. */
    enum Result { SUCCESS, FAILURE }

    /** {@code llgate sandbox resolve}: settles a payout held by the sandbox bank. */
    @Command(name = "resolve",
            description = "Settles a payout the sandbox bank holds (cards ending 0002) as paid or failed; "
                    + "the merchant is then notified.")
    static final class Resolve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(index = "0", paramLabel = "OID_PAYBILL", description = "The payout's oid_paybill.")
        String oidPaybill;

        @Parameters(index = "1", paramLabel = "RESULT", description = "SUCCESS or FAILURE.")
        Result result;

        @Override
        public Integer call() {
            try (GatewayClient client = admin.client(spec)) {
                client.adminPost("/sandbox/payouts/" + GatewayClient.segment(oidPaybill) + "/resolve",
                        Map.of("result", result.name()));
                PrintWriter out = spec.commandLine().getOut();
                out.println("Payout " + oidPaybill + " resolved as " + result + "; the merchant will be notified.");
                out.flush();
            }
            return 0;
        }
    }

    /** {@code llgate sandbox resolve-refund}: answers a refund held by the sandbox bank. */
    @Command(name = "resolve-refund",
            description = "Answers a refund the sandbox bank holds (amounts ending .92): SUCCESS returns the money to "
                    + "the payer, FAILURE gives the merchant its money back; the merchant is then notified.")
    static final class ResolveRefund implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(index = "0", paramLabel = "REFUND", description = "The refund's no_refund or oid_refundno.")
        String reference;

        @Parameters(index = "1", paramLabel = "RESULT", description = "SUCCESS or FAILURE.")
        Result result;

        @Option(names = "--oid-partner", paramLabel = "ID",
                description = "The merchant, when several use the same no_refund.")
        String oidPartner;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("result", result.name());
            putIfGiven(body, "oid_partner", oidPartner);
            try (GatewayClient client = admin.client(spec)) {
                JsonNode refund = client.adminPost("/sandbox/refunds/" + GatewayClient.segment(reference) + "/resolve",
                        body);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Refund " + text(refund, "no_refund") + " (" + text(refund, "oid_refundno") + ") resolved as "
                        + result + "; the merchant will be notified.");
                out.flush();
            }
            return 0;
        }
    }

    /** What the bank can answer for an online banking order. */
    enum Outcome { PAID, DECLINED }

    /** {@code llgate sandbox complete}: the bank's answer for an online banking order, without a browser. */
    @Command(name = "complete",
            description = "Completes an online banking order waiting at the cashier or the bank, as the bank would: "
                    + "paid (the merchant is notified and its unsettled balance credited) or declined.")
    static final class Complete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(index = "0", paramLabel = "NO_ORDER|OID_PAYBILL", description = "The order's no_order or oid_paybill.")
        String reference;

        @Parameters(index = "1", paramLabel = "RESULT", description = "paid or declined.")
        Outcome outcome;

        @Option(names = "--oid-partner", paramLabel = "OID",
                description = "The merchant, when several merchants have an order with this no_order.")
        String oidPartner;

        @Override
        public Integer call() {
            try (GatewayClient client = admin.client(spec)) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("result", outcome.name().toLowerCase(Locale.ROOT));
                putIfGiven(body, "oid_partner", oidPartner);
                JsonNode order = client.adminPost("/sandbox/online-banking/" + GatewayClient.segment(reference)
                        + "/complete", body);
                PrintWriter out = spec.commandLine().getOut();
                out.println("Order " + text(order, "no_order") + " (oid_paybill " + text(order, "oid_paybill")
                        + ") is now " + text(order, "result_pay") + ".");
                if (order.hasNonNull("return_page")) {
                    out.println("The payer's return to url_return, once: " + client.server() + text(order, "return_page"));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code llgate sandbox resolve-card-charge}: the card issuer's late answer to a pending card charge. */
    @Command(name = "resolve-card-charge",
            description = "Answers a card charge the sandbox issuer left pending (cards ending 9000), as the bank "
                    + "would: paid or declined; the merchant is then notified.")
    static final class ResolveCardCharge implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(index = "0", paramLabel = "OID_PAYBILL", description = "The card payment's oid_paybill.")
        String oidPaybill;

        @Parameters(index = "1", paramLabel = "RESULT", description = "paid or declined.")
        Outcome outcome;

        @Override
        public Integer call() {
            try (GatewayClient client = admin.client(spec)) {
                client.adminPost("/sandbox/card-charges/" + GatewayClient.segment(oidPaybill) + "/resolve",
                        Map.of("result", outcome == Outcome.PAID ? Result.SUCCESS.name() : Result.FAILURE.name()));
                PrintWriter out = spec.commandLine().getOut();
                out.println("Card charge " + oidPaybill + " is now " + (outcome == Outcome.PAID ? "paid" : "declined")
                        + "; the merchant will be notified.");
                out.flush();
            }
            return 0;
        }
    }

    /** {@code llgate sandbox sms}: the sandbox's SMS inbox of a mobile. */
    @Command(name = "sms",
            description = "Shows the texts the sandbox sent to a mobile instead of texting it (verification codes of "
                    + "card payments), newest first, with their codes.")
    static final class Sms implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Option(names = "--mobile", paramLabel = "MOBILE", required = true, description = "The payer's mobile.")
        String mobile;

        @Override
        public Integer call() {
            try (GatewayClient client = admin.client(spec)) {
                JsonNode inbox = client.adminGet(GatewayClient.withQuery("/sandbox/sms", Map.of("mobile", mobile)));
                PrintWriter out = spec.commandLine().getOut();
                if (inbox.path("messages").isEmpty()) {
                    out.println("No text was sent to " + mobile + ".");
                }
                for (JsonNode message : inbox.path("messages")) {
                    out.println(text(message, "sent_at") + "  code " + text(message, "code") + "  merchant "
                            + text(message, "oid_partner") + "  transaction " + text(message, "transaction"));
                    out.println("  " + text(message, "text"));
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code llgate sandbox advance-clock}: moves the gateway's clock forward. */
    @Command(name = "advance-clock",
            description = "Moves the gateway's clock forward, e.g. 24h to let unconfirmed payouts close; "
                    + "due notification retries and bank settlements then run.")
    static final class AdvanceClock implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AdminOptions admin;

        @Parameters(paramLabel = "DURATION", description = "How far: 500ms, 5s, 2m, 1h, 1d or ISO-8601 such as PT24H.")
        Duration by;

        @Override
        public Integer call() {
            try (GatewayClient client = admin.client(spec)) {
                JsonNode clock = client.adminPost("/sandbox/clock/advance", Map.of("by", by.toString()));
                PrintWriter out = spec.commandLine().getOut();
                out.println("The gateway's clock now reads " + text(clock, "now") + " (ahead of real time by "
                        + text(clock, "offset") + ").");
                out.flush();
            }
            return 0;
        }
    }
}
