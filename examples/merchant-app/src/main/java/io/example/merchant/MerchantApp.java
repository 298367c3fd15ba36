package io.example.merchant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.llgate.client.InvalidFieldException;
import io.llgate.client.LlGateClient;
import io.llgate.client.LlGateException;
import io.llgate.client.notify.NotificationHandler;
import io.llgate.client.notify.NotificationResponse;
import io.llgate.protocol.Amounts;
import io.llgate.protocol.FlatJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A shop's back office on the JDK's HTTP server: a form to pay a supplier, a page per payout, and the
 * {@code notify_url} where LLGate reports each payout's result.
 * <pre>
 * POST /payouts                     supplier, card_no, acct_name, amount (form fields)
 * POST /payouts/{no_order}/confirm  confirms a payout the gateway held for review
 * GET  /payouts/{no_order}          the payout
 * GET  /suppliers/{supplier}        what the supplier has been paid
 * POST /llgate/notify               the notify_url
 * </pre>
 */
public final class MerchantApp implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final SupplierPayouts payouts;
    private final NotificationHandler notifications;

    private MerchantApp(LlGateClient client, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        payouts = new SupplierPayouts(client, url() + "/llgate/notify", Clock.systemUTC());
        // The in-memory store suits one process; several processes share a JdbcNotificationStore instead.
        notifications = NotificationHandler.builder(client.notificationVerifier(), payouts::onNotification).build();
        server.setExecutor(executor);
        server.createContext("/llgate/notify", this::notify);
        server.createContext("/payouts", this::payouts);
        server.createContext("/suppliers/", this::supplier);
    }

    /** Starts the app on a port of loopback (0 picks a free one), paying out through the client. */
    public static MerchantApp start(LlGateClient client, int port) {
        MerchantApp app = new MerchantApp(client, port);
        app.server.start();
        return app;
    }

    /**
     * Runs the app against a running gateway as its demo merchant: {@code LLGATE_URL} (default
     * {@code http://127.0.0.1:8080}), {@code LLGATE_MERCHANT_DIR} (default {@code ./data/demo-merchant}, the files
     * {@code llgate serve} writes) and {@code PORT} (default 8090).
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(System.getenv().getOrDefault("LLGATE_MERCHANT_DIR", "./data/demo-merchant"));
        LlGateClient client = LlGateClient.builder()
                .baseUri(System.getenv().getOrDefault("LLGATE_URL", "http://127.0.0.1:8080"))
                .oidPartner(Files.readString(dir.resolve("oid_partner.txt")).trim())
                .merchantPrivateKey(Files.readString(dir.resolve("merchant_private_key.pem")))
                .gatewayPublicKey(Files.readString(dir.resolve("llgate_public_key.pem")))
                .build();
        MerchantApp app = start(client, Integer.parseInt(System.getenv().getOrDefault("PORT", "8090")));
        System.out.println("Merchant app on " + app.url() + "; pay a supplier with:");
        System.out.println("  curl -s " + app.url() + "/payouts -d supplier=acme -d card_no=6216610000012345678"
                + " --data-urlencode acct_name=李明 -d amount=12.34");
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public SupplierPayouts payouts() {
        return payouts;
    }

    /** The notify_url: the raw body goes to the SDK's handler, whose answer goes back as it is. */
    private void notify(HttpExchange exchange) throws IOException {
        NotificationResponse response = notifications.handle(exchange.getRequestBody().readAllBytes());
        send(exchange, response.status(), response.contentType(), response.body());
    }

    private void payouts(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        String method = exchange.getRequestMethod();
        try {
            if (path.length == 2 && method.equals("POST")) {
                Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                json(exchange, 200, view(payouts.pay(form.get("supplier"), form.get("card_no"), form.get("acct_name"),
                        form.get("amount"))));
            } else if (path.length == 4 && path[3].equals("confirm") && method.equals("POST")) {
                json(exchange, 200, view(payouts.confirm(path[2])));
            } else if (path.length == 3 && method.equals("GET")) {
                SupplierPayouts.Payout payout = payouts.find(path[2]).orElse(null);
                if (payout == null) {
                    json(exchange, 404, Map.of("error", "no payout " + path[2]));
                } else {
                    json(exchange, 200, view(payout));
                }
            } else {
                json(exchange, 404, Map.of("error", "no such page"));
            }
        } catch (InvalidFieldException | IllegalArgumentException e) {
            json(exchange, 400, Map.of("error", e.getMessage()));
        } catch (LlGateException e) {
            json(exchange, 502, Map.of("error", e.getMessage()));
        }
    }

    private void supplier(HttpExchange exchange) throws IOException {
        String supplier = exchange.getRequestURI().getPath().substring("/suppliers/".length());
        json(exchange, 200, Map.of("supplier", supplier, "paid", Amounts.format(payouts.paidTo(supplier))));
    }

    private static Map<String, String> view(SupplierPayouts.Payout p) {
        Map<String, String> view = new LinkedHashMap<>();
        view.put("no_order", p.noOrder());
        view.put("supplier", p.supplier());
        view.put("amount", Amounts.format(p.amountFen()));
        view.put("status", p.status().name());
        view.put("oid_paybill", p.oidPaybill());
        view.put("confirm_code", p.confirmCode());
        view.put("problem", p.problem());
        return view;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void json(HttpExchange exchange, int status, Map<String, String> body) throws IOException {
        send(exchange, status, "application/json;charset=utf-8", FlatJson.write(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
