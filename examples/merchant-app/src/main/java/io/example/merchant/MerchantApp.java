package io.example.merchant;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.llgate.client.InvalidFieldException;
import io.llgate.client.LlGateClient;
import io.llgate.client.LlGateException;
import io.llgate.client.OnlineBankingForm;
import io.llgate.client.notify.InvalidNotificationException;
import io.llgate.client.notify.Notification;
import io.llgate.client.notify.NotificationHandler;
import io.llgate.client.notify.NotificationResponse;
import io.llgate.client.notify.NotificationVerifier;
import io.llgate.client.notify.PaymentNotification;
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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A shop on the JDK's HTTP server: its checkout, where payers pay by online banking, and its back office, which
 * pays suppliers out; the {@code notify_url} where LLGate reports both, and the {@code url_return} payers come
 * back to.
 * <pre>
 * POST /checkout                    user_id, goods, amount, optional bank_code (form fields): the page that takes
 *                                   the payer to the gateway
 * GET  /orders/{no_order}           the order
 * POST /llgate/return               the url_return
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
    private final ShopOrders shop;
    private final NotificationVerifier verifier;
    private final NotificationHandler notifications;

    private MerchantApp(LlGateClient client, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        payouts = new SupplierPayouts(client, url() + "/llgate/notify", Clock.systemUTC());
        shop = new ShopOrders(client, url() + "/llgate/notify", url() + "/llgate/return", Clock.systemUTC());
        verifier = client.notificationVerifier();
        // The in-memory store suits one process; several processes share a JdbcNotificationStore instead.
        notifications = NotificationHandler.builder(verifier, this::onNotification).build();
        server.setExecutor(executor);
        server.createContext("/llgate/notify", this::notify);
        server.createContext("/llgate/return", this::returned);
        server.createContext("/checkout", this::checkout);
        server.createContext("/orders/", this::order);
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
        System.out.println("Merchant app on " + app.url() + "; make an order to pay by online banking with:");
        System.out.println("  curl -s " + app.url() + "/checkout -d user_id=u_1 --data-urlencode goods=羽毛球拍"
                + " -d amount=88.80 > checkout.html   (then open checkout.html in a browser)");
        System.out.println("Pay a supplier with:");
        System.out.println("  curl -s " + app.url() + "/payouts -d supplier=acme -d card_no=6216610000012345678"
                + " --data-urlencode acct_name=李明 -d amount=12.34");
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public SupplierPayouts payouts() {
        return payouts;
    }

    public ShopOrders shop() {
        return shop;
    }

    /** One notify_url for both businesses: a notification names the order, and each knows its own. */
    private void onNotification(Notification notification) {
        if (notification instanceof PaymentNotification n && shop.owns(n.noOrder())) {
            shop.onNotification(n);
        } else {
            payouts.onNotification(notification);
        }
    }

    /** The checkout: the order is made, and the payer's browser gets the page that posts it to the gateway. */
    private void checkout(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            json(exchange, 405, Map.of("error", "post the checkout form"));
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        try {
            OnlineBankingForm payment = shop.checkout(form.get("user_id"), form.get("goods"), form.get("amount"),
                    form.get("bank_code"), exchange.getRemoteAddress().getAddress().getHostAddress());
            send(exchange, 200, payment.contentType(), payment.htmlBytes());
        } catch (InvalidFieldException e) {
            json(exchange, 400, Map.of("error", e.getMessage()));
        }
    }

    /**
     * The url_return: the payer's browser posts the signed result here (in UTF-8, the charset of the shop's pages).
     * Only a verified return is believed, and even then the shop confirms it before saying the order is paid.
     */
    private void returned(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
        ShopOrders.Order order;
        try {
            order = shop.onReturn(verifier.verifyReturnForm(body, StandardCharsets.UTF_8));
        } catch (InvalidNotificationException | IllegalArgumentException e) {
            page(exchange, 400, "无法确认支付结果", "This return cannot be believed: " + e.getMessage());
            return;
        } catch (LlGateException e) {
            page(exchange, 502, "正在确认支付结果", "The payment is being confirmed; the order page will show it.");
            return;
        }
        if (order.status() == ShopOrders.Status.PAID) {
            page(exchange, 200, "支付成功", "Order " + order.noOrder() + " is paid: " + Amounts.format(order.amountFen()));
        } else {
            page(exchange, 200, "正在确认支付结果", "Order " + order.noOrder() + " is not confirmed yet.");
        }
    }

    private void order(HttpExchange exchange) throws IOException {
        String noOrder = exchange.getRequestURI().getPath().substring("/orders/".length());
        Optional<ShopOrders.Order> order = shop.find(noOrder);
        if (order.isEmpty()) {
            json(exchange, 404, Map.of("error", "no order " + noOrder));
            return;
        }
        Map<String, String> view = new LinkedHashMap<>();
        view.put("no_order", order.get().noOrder());
        view.put("goods", order.get().goods());
        view.put("amount", Amounts.format(order.get().amountFen()));
        view.put("status", order.get().status().name());
        view.put("oid_paybill", order.get().oidPaybill());
        json(exchange, 200, view);
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

    /** A page for the payer's browser, its text escaped. */
    private static void page(HttpExchange exchange, int status, String heading, String text) throws IOException {
        send(exchange, status, "text/html;charset=utf-8", "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
                + "<meta charset=\"UTF-8\"><title>" + escape(heading) + "</title></head><body>"
                + "<h1 id=\"outcome\">" + escape(heading) + "</h1><p>" + escape(text) + "</p></body></html>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] out) throws IOException {
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
