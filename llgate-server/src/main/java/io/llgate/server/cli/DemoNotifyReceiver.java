package io.llgate.server.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The demo merchant's notify_url on 127.0.0.1: verifies each notification's signature with the gateway
 * public key and acknowledges it with exactly the documented answer, as a merchant's server must.
 */
final class DemoNotifyReceiver implements AutoCloseable {
    static final String ACK = "{\"ret_code\":\"0000\",\"ret_msg\":\"ok\"}";
    private static final String REFUSAL = "{\"ret_code\":\"9999\",\"ret_msg\":\"signature does not verify\"}";

    /** One notification as it arrived, and what the receiver answered. */
    record Notification(String body, Map<String, String> fields, String notificationId, String attempt,
                        boolean signatureValid, String answer) {
    }

    private final HttpServer server;
    private final PublicKey gatewayKey;
    private final BlockingQueue<Notification> received = new LinkedBlockingQueue<>();

    DemoNotifyReceiver(PublicKey gatewayKey) throws IOException {
        this.gatewayKey = gatewayKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/llgate-demo/notify";
    }

    /** The first notification about {@code noOrder} arriving within {@code wait}, or null. */
    Notification await(String noOrder, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Notification n = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (n == null || noOrder.equals(n.fields().get("no_order"))) {
                return n;
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String answer;
        int status = 200;
        try {
            Map<String, String> fields = FlatJson.parse(body);
            SignType type = SignType.parse(fields.get("sign_type")).orElse(SignType.RSA);
            boolean valid = MessageSignature.verify(gatewayKey, type, fields).valid();
            // A merchant acknowledges only what it could verify; the gateway then tries again later.
            answer = valid ? ACK : REFUSAL;
            received.add(new Notification(body, fields,
                    exchange.getRequestHeaders().getFirst("X-LLGate-Notification-Id"),
                    exchange.getRequestHeaders().getFirst("X-LLGate-Attempt"), valid, answer));
        } catch (MalformedMessageException e) {
            status = 400;
            answer = "not a JSON notification";
        }
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
