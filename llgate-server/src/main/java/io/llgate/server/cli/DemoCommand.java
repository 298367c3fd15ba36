package io.llgate.server.cli;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.InvalidKeyTextException;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.PayeeKind;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import io.llgate.protocol.WireTime;
import io.llgate.server.sandbox.DemoMerchant;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code llgate demo}: plays the sandbox's demo merchant against a running gateway, the way LianLian's SDK
 * does, and shows every step: a payout, its notification, the result query and the balance.
 */
@Command(name = "demo",
        description = {"Sends a payout as the sandbox's demo merchant to a running gateway, showing every step.",
                "Shows the signed request, the encrypted pay_load, the signed reply, the asynchronous notification "
                        + "(verified and acknowledged), the result query and the balance.",
                "Cards ending 0001 fail, 0002 wait for 'llgate sandbox resolve', 0003 are reversed after "
                        + "success, 0004 need a confirmation; any other card succeeds."})
public final class DemoCommand implements Callable<Integer> {
    static final String DEFAULT_CARD = "6216610000012345678";
    private static final Duration NOTIFICATION_WAIT = Duration.ofSeconds(60);
    private static final Set<String> NEEDS_CONFIRMATION = Set.of("4002", "4003", "4004");

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:LLGATE_SERVER:-http://127.0.0.1:8080}",
            description = "The gateway's base URL. Env LLGATE_SERVER; default http://127.0.0.1:8080.")
    String server;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:LLGATE_DATA_DIR:-./data}",
            description = "The gateway's data directory, which holds demo-merchant/. Env LLGATE_DATA_DIR; default ./data.")
    Path dataDir;

    @Option(names = "--card", paramLabel = "NO", defaultValue = DEFAULT_CARD,
            description = "The payee's card number; its last four digits choose the sandbox bank's answer. "
                    + "Default " + DEFAULT_CARD + " (success).")
    String card;

    @Option(names = "--amount", paramLabel = "AMOUNT", defaultValue = "12.34",
            description = "The payout amount in yuan, two decimals at most. Default 12.34.")
    String amount;

    private PrintWriter out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        out = spec.commandLine().getOut();
        if (!card.matches("\\d{6,32}")) {
            throw new ParameterException(spec.commandLine(), "--card must be 6 to 32 digits, not '" + card + "'");
        }
        String money;
        try {
            money = Amounts.format(Amounts.parseFen(amount.trim()));
        } catch (FieldFormatException e) {
            throw new ParameterException(spec.commandLine(),
                    "--amount must look like 12.34 (0.01 to 100000000.00), not '" + amount + "'");
        }
        URI base = GatewayClient.parseServer(spec, server);
        Path dir = dataDir.toAbsolutePath().normalize();
        DemoMerchant demo = DemoMerchant.in(dir).orElseThrow(() -> new CliException("no demo merchant in "
                + dir.resolve("demo-merchant") + ": start the gateway in sandbox mode with this data directory first "
                + "(./llgate serve --data-dir " + dir + ")"));
        PrivateKey merchantKey;
        PublicKey gatewayKey;
        try {
            merchantKey = RsaKeys.parsePrivate(read(demo.privateKeyFile()));
            gatewayKey = RsaKeys.parsePublic(read(demo.gatewayPublicKeyFile()));
        } catch (InvalidKeyTextException e) {
            throw new CliException("the key files in " + demo.directory() + " are unreadable: " + e.getMessage());
        }

        try (GatewayClient client = new GatewayClient(base, null);
             DemoNotifyReceiver receiver = new DemoNotifyReceiver(gatewayKey)) {
            client.checkAlive();
            out.println("LLGate demo: a payout of " + money + " yuan from merchant " + demo.oidPartner()
                    + " to card " + card);
            out.println("  gateway:             " + base);
            out.println("  merchant files:      " + demo.directory());
            out.println("  merchant key:        " + demo.privateKeyFile().getFileName() + " (signs requests)");
            out.println("  gateway public key:  " + demo.gatewayPublicKeyFile().getFileName()
                    + " (encrypts pay_load, verifies replies and notifications)");
            out.println("  notify_url:          " + receiver.url() + " (this command listens there)");

            LinkedHashMap<String, String> apply = payout(demo.oidPartner(), money, receiver.url());
            Map<String, String> reply = sealed(client, gatewayKey, merchantKey, "1. Payout apply",
                    "/paymentapi/payment.htm", apply);
            String code = reply.get("ret_code");
            if (NEEDS_CONFIRMATION.contains(code)) {
                out.println();
                out.println("   The gateway holds the order for review (" + code + " " + reply.get("ret_msg") + ").");
                out.println("   A merchant that reviewed it confirms with the confirm_code " + reply.get("confirm_code")
                        + ":");
                LinkedHashMap<String, String> confirm = new LinkedHashMap<>();
                confirm.put("api_version", "1.0");
                confirm.put("confirm_code", reply.get("confirm_code"));
                confirm.put("no_order", apply.get("no_order"));
                confirm.put("notify_url", receiver.url());
                confirm.put("oid_partner", demo.oidPartner());
                reply = sealed(client, gatewayKey, merchantKey, "1b. Payout confirm",
                        "/paymentapi/confirmPayment.htm", confirm);
                code = reply.get("ret_code");
            }
            if (!"0000".equals(code)) {
                throw new CliException("the gateway refused the payout: " + code + " " + reply.get("ret_msg")
                        + hint(code, demo, dir));
            }
            out.println("   Payout accepted: oid_paybill " + reply.get("oid_paybill") + ", now with the bank.");

            out.println();
            out.println("2. Asynchronous notification (to notify_url)");
            if (card.endsWith("0002")) {
                out.println("   The sandbox bank holds payouts to cards ending 0002; settle this one in another terminal:");
                out.println("   ./llgate sandbox resolve " + reply.get("oid_paybill") + " SUCCESS   (or FAILURE)");
            }
            DemoNotifyReceiver.Notification result = awaitNotification(receiver, apply.get("no_order"));
            if (card.endsWith("0003") && "SUCCESS".equals(result.fields().get("result_pay"))) {
                out.println();
                out.println("2b. The sandbox bank reverses payouts to cards ending 0003: a second notification follows");
                DemoNotifyReceiver.Notification next;
                do {
                    next = awaitNotification(receiver, apply.get("no_order"));
                } while ("SUCCESS".equals(next.fields().get("result_pay")));
            }

            LinkedHashMap<String, String> query = new LinkedHashMap<>();
            query.put("no_order", apply.get("no_order"));
            query.put("oid_partner", demo.oidPartner());
            query.put("query_version", "1.0");
            Map<String, String> queried = plain(client, gatewayKey, merchantKey, "3. Result query",
                    "/paymentapi/queryPayment.htm", query);
            out.println("   result_pay: " + queried.get("result_pay"));

            LinkedHashMap<String, String> balance = new LinkedHashMap<>();
            balance.put("api_version", "1.0");
            balance.put("oid_partner", demo.oidPartner());
            Map<String, String> balances = plain(client, gatewayKey, merchantKey, "4. Balance query",
                    "/traderAcctQuery.htm", balance);
            out.println("   amt_balance: " + balances.get("amt_balance") + "  amt_unsettle: "
                    + balances.get("amt_unsettle"));
            out.println();
            out.println("Done: payout " + apply.get("no_order") + " ended " + queried.get("result_pay") + ".");
            out.flush();
        }
        return 0;
    }

    /** An apply request as LianLian's SDK builds one, with a unique no_order. */
    private LinkedHashMap<String, String> payout(String oidPartner, String money, String notifyUrl) {
        String now = WireTime.dateTime(LocalDateTime.now(WireTime.BEIJING));
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("acct_name", "李明");
        f.put("api_version", "1.0");
        f.put("card_no", card);
        f.put("dt_order", now);
        f.put("flag_card", PayeeKind.PERSONAL.flagCard());
        f.put("info_order", "LLGate 演示付款");
        f.put("memo", "演示付款");
        f.put("money_order", money);
        f.put("no_order", "DEMO" + now + String.format("%04d", new SecureRandom().nextInt(10_000)));
        f.put("notify_url", notifyUrl);
        f.put("oid_partner", oidPartner);
        return f;
    }

    /** Signs, seals into pay_load, posts, and shows each step; answers the verified reply. */
    private Map<String, String> sealed(GatewayClient client, PublicKey gatewayKey, PrivateKey merchantKey,
                                       String title, String path, LinkedHashMap<String, String> inner) {
        out.println();
        out.println(title + " (" + path + ")");
        out.println("   Inner JSON:   " + FlatJson.write(inner));
        LinkedHashMap<String, String> signed = MessageSignature.sign(merchantKey, SignType.RSA, inner);
        out.println("   Sign source:  " + SignSource.of(signed));
        out.println("   Signature:    " + signed.get("sign") + "  (MD5withRSA, merchant private key)");
        String payLoad = PayLoad.seal(gatewayKey, FlatJson.write(signed));
        out.println("   pay_load:     " + shorten(payLoad) + "  (" + payLoad.length()
                + " chars: the signed inner JSON, encrypted for the gateway)");
        LinkedHashMap<String, String> outer = new LinkedHashMap<>();
        outer.put("oid_partner", inner.get("oid_partner"));
        outer.put("pay_load", payLoad);
        return send(client, gatewayKey, path, FlatJson.write(outer));
    }

    /** Signs and posts plain JSON, showing the request; answers the verified reply. */
    private Map<String, String> plain(GatewayClient client, PublicKey gatewayKey, PrivateKey merchantKey,
                                      String title, String path, LinkedHashMap<String, String> fields) {
        out.println();
        out.println(title + " (" + path + ")");
        LinkedHashMap<String, String> signed = MessageSignature.sign(merchantKey, SignType.RSA, fields);
        String body = FlatJson.write(signed);
        out.println("   Request:      " + body.replace(signed.get("sign"), shorten(signed.get("sign"), 24)));
        Map<String, String> reply = send(client, gatewayKey, path, body);
        if (!"0000".equals(reply.get("ret_code"))) {
            throw new CliException(path + " answered " + reply.get("ret_code") + " " + reply.get("ret_msg"));
        }
        return reply;
    }

    private Map<String, String> send(GatewayClient client, PublicKey gatewayKey, String path, String body) {
        String text = client.merchantPost(path, body);
        Map<String, String> reply;
        try {
            reply = FlatJson.parse(text);
        } catch (MalformedMessageException e) {
            throw new CliException(path + " answered something that is not JSON: " + shorten(text, 200));
        }
        out.println("   Reply:        " + display(reply));
        if (reply.get("llgate_sign_source") != null) {
            out.println("   The gateway's sign source (sandbox hint): " + reply.get("llgate_sign_source"));
        }
        if (!reply.containsKey("sign")) {
            out.println("   The reply is unsigned: the gateway could not identify the merchant or read the request.");
            return reply;
        }
        SignType type = SignType.parse(reply.get("sign_type")).orElse(SignType.RSA);
        boolean valid = MessageSignature.verify(gatewayKey, type, reply).valid();
        out.println("   Reply signature verifies with the gateway public key: " + (valid ? "yes" : "NO"));
        if (!valid) {
            throw new CliException("the reply's signature does not verify with the gateway public key in "
                    + "llgate_public_key.pem: is this data directory the running gateway's?");
        }
        return reply;
    }

    private DemoNotifyReceiver.Notification awaitNotification(DemoNotifyReceiver receiver, String noOrder)
            throws InterruptedException {
        out.println("   Waiting up to " + Durations.format(NOTIFICATION_WAIT) + "...");
        out.flush();
        DemoNotifyReceiver.Notification n = receiver.await(noOrder, NOTIFICATION_WAIT);
        if (n == null) {
            throw new CliException("no notification for " + noOrder + " arrived within "
                    + Durations.format(NOTIFICATION_WAIT) + "; see: ./llgate notifications list --no-order " + noOrder);
        }
        out.println("   Received:     " + display(n.fields()));
        out.println("   Headers:      X-LLGate-Notification-Id: " + n.notificationId() + ", X-LLGate-Attempt: "
                + n.attempt());
        out.println("   Signature verifies with the gateway public key: " + (n.signatureValid() ? "yes" : "NO"));
        out.println("   result_pay:   " + n.fields().get("result_pay"));
        out.println("   Answered:     " + n.answer());
        if (!n.signatureValid()) {
            throw new CliException("the notification's signature does not verify with the gateway public key");
        }
        return n;
    }

    private static String hint(String code, DemoMerchant demo, Path dir) {
        return switch (code) {
            case "3001" -> " (the gateway does not know merchant " + demo.oidPartner() + ": is it running with --data-dir "
                    + dir + "?)";
            case "4007", "1001" -> " (the gateway's keys do not match the files in " + demo.directory()
                    + ": is it running with --data-dir " + dir + "?)";
            default -> "";
        };
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A message as JSON with its long signature shortened; the signature is checked, not read. */
    private static String display(Map<String, String> fields) {
        LinkedHashMap<String, String> shown = new LinkedHashMap<>(fields);
        shown.computeIfPresent("sign", (name, sign) -> shorten(sign, 24));
        return FlatJson.write(shown);
    }

    private static String shorten(String text) {
        return shorten(text, 90);
    }

    private static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int tail = Math.min(20, max / 3);
        return text.substring(0, max - tail - 3) + "..." + text.substring(text.length() - tail);
    }
}
