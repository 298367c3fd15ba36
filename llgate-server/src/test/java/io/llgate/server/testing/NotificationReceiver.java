package io.llgate.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.awaitility.Awaitility;

/**
 * A merchant's notify_url on loopback: records every request exactly as received and answers
 * as told (by default the documented acknowledgement).
 */
public final class NotificationReceiver implements AutoCloseable {
    public static final String ACK = "{\"ret_code\":\"0000\",\"ret_msg\":\"ok\"}";

    /** One request as the merchant saw it. */
    public record Received(Instant at, String method, String path, Map<String, List<String>> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What to answer: HTTP status, body, and headers beyond the default JSON content type. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public Answer(int status, String body) {
            this(status, body, Map.of());
        }
    }

    private final HttpServer server;
    // Not copy-on-write: a load run receives tens of thousands of notifications.
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Received, Answer> responder = r -> new Answer(200, ACK);

    public NotificationReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** An answer that waits until {@code released} opens, then acknowledges: a merchant endpoint that hangs. */
    public static Answer hangUntil(CountDownLatch released) {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Answer(200, ACK);
    }

    public String url() {
        return url("/notify");
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(Function<Received, Answer> newResponder) {
        this.responder = newResponder;
    }

    public List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** Waits until at least {@code count} requests arrived and returns them all. */
    public List<Received> await(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= count);
        return received();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Received r = new Received(Instant.now(), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body);
        received.add(r);
        Answer answer;
        try {
            answer = responder.apply(r);
        } catch (RuntimeException e) {
            answer = new Answer(500, "receiver failed");
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
