package io.llgate.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.llgate.client.notify.InvalidNotificationException;
import io.llgate.client.notify.Notification;
import io.llgate.client.notify.NotificationHandler;
import io.llgate.client.notify.NotificationVerifier;
import io.llgate.client.notify.PaymentNotification;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The sandbox merchant's {@code notify_url} and {@code url_return} on loopback. It records every notification with
 * its headers, verifies it, and answers like a correct merchant ({@code 0000} for what verifies, HTTP 400 for what
 * does not) until a test tells it otherwise: fail the next attempts, answer slowly, or answer something else. At
 * {@code url_return} it records and verifies every browser return and shows the payer a page.
 */
public final class MerchantReceiver implements AutoCloseable {
    private static final String RETURN_PATH = "/return";
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final String FAILURE = "{\"ret_code\":\"9999\",\"ret_msg\":\"told to fail by the test\"}";

    /** What the receiver does; each change replaces the whole behaviour. */
    private record Behaviour(int failuresLeft, Duration delay, Integer fixedStatus, String fixedBody) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final NotificationVerifier verifier;
    private final Clock clock;
    private final List<ReceivedNotification> received = new CopyOnWriteArrayList<>();
    private final List<ReceivedReturn> returns = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private Behaviour behaviour = new Behaviour(0, Duration.ZERO, null, null);

    MerchantReceiver(NotificationVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.createContext(RETURN_PATH, this::handleReturn);
        server.start();
    }

    /** The URL to give as {@code notify_url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    /** The URL to give as {@code url_return}. */
    public String returnUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + RETURN_PATH;
    }

    /** Every browser return so far, in arrival order. */
    public List<ReceivedReturn> returns() {
        return List.copyOf(returns);
    }

    /** Answers like a correct merchant again: no failures, no delay, acknowledgement of what verifies. */
    public void acknowledge() {
        set(new Behaviour(0, Duration.ZERO, null, null));
    }

    /** Answers the next {@code attempts} requests with HTTP 500, then as before. */
    public void failNext(int attempts) {
        synchronized (lock) {
            behaviour = new Behaviour(attempts, behaviour.delay(), behaviour.fixedStatus(), behaviour.fixedBody());
        }
    }

    /** Waits this long before answering each request; longer than the gateway's timeout makes the attempt time out. */
    public void delay(Duration wait) {
        synchronized (lock) {
            behaviour = new Behaviour(behaviour.failuresLeft(), wait, behaviour.fixedStatus(), behaviour.fixedBody());
        }
    }

    /** Answers every request with this status and body, e.g. 200 and {@code success}, which is no acknowledgement. */
    public void answer(int status, String body) {
        synchronized (lock) {
            behaviour = new Behaviour(behaviour.failuresLeft(), behaviour.delay(), status, body);
        }
    }

    /** Every request so far, in arrival order, every attempt of every notification. */
    public List<ReceivedNotification> requests() {
        return List.copyOf(received);
    }

    /**
     * The first verified notification of this kind about the order (a refund's {@code no_refund}) that {@code matches},
     * if one came. Fails at once when a request about the order did not verify: a test must not wait out a
     * notification it cannot believe.
     */
    <T extends Notification> Optional<T> firstVerified(String noOrder, Class<T> kind, Predicate<T> matches) {
        for (ReceivedNotification r : received) {
            if (!r.noOrder().map(noOrder::equals).orElse(false)) {
                continue;
            }
            if (r.rejection().isPresent()) {
                throw new AssertionError("a notification about " + noOrder + " did not verify: "
                        + r.rejection().get() + "\n" + r.text());
            }
            Notification n = r.notification().orElseThrow();
            if (kind.isInstance(n) && matches.test(kind.cast(n))) {
                return Optional.of(kind.cast(n));
            }
        }
        return Optional.empty();
    }

    private void set(Behaviour next) {
        synchronized (lock) {
            behaviour = next;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Optional<Notification> notification = Optional.empty();
        Optional<String> rejection = Optional.empty();
        try {
            notification = Optional.of(verifier.verify(body));
        } catch (InvalidNotificationException e) {
            rejection = Optional.of(e.getMessage());
        }
        Behaviour now;
        synchronized (lock) {
            now = behaviour;
            if (now.failuresLeft() > 0) {
                behaviour = new Behaviour(now.failuresLeft() - 1, now.delay(), now.fixedStatus(), now.fixedBody());
            }
        }
        int status;
        String answer;
        if (now.failuresLeft() > 0) {
            status = 500;
            answer = FAILURE;
        } else if (now.fixedStatus() != null) {
            status = now.fixedStatus();
            answer = now.fixedBody();
        } else if (notification.isPresent()) {
            status = 200;
            answer = NotificationHandler.ACKNOWLEDGEMENT;
        } else {
            status = 400;
            answer = FlatJson.write(Map.of("ret_code", "1001", "ret_msg", rejection.orElseThrow()));
        }
        received.add(new ReceivedNotification(clock.instant(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body, notification, rejection, status, answer));
        if (!now.delay().isZero()) {
            try {
                Thread.sleep(now.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        try {
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (IOException e) {
            // The gateway gave up waiting (a delay past its timeout) and closed the connection.
            exchange.close();
        }
    }

    /**
     * A browser return, posted or (card payment H5 page) in the query: the form comes in the order's charset, which a merchant knows from its own page and the
     * receiver does not, so it reads the form as UTF-8 and, failing that, as GB18030 (which reads GBK and GB2312
     * forms too). Only the right charset makes the signature verify.
     */
    private void handleReturn(HttpExchange exchange) throws IOException {
        // The card payment H5 page returns with a browser GET, url_return?res_data=...: its query is the form.
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body = exchange.getRequestMethod().equals("GET")
                ? (query == null ? "" : query).getBytes(StandardCharsets.US_ASCII)
                : exchange.getRequestBody().readAllBytes();
        String form = new String(body, StandardCharsets.US_ASCII);
        Optional<PaymentNotification> payment = Optional.empty();
        Optional<Charset> charset = Optional.empty();
        Optional<String> rejection = Optional.empty();
        for (Charset candidate : List.of(StandardCharsets.UTF_8, GB18030)) {
            try {
                payment = Optional.of(verifier.verifyReturnForm(form, candidate));
                charset = Optional.of(candidate);
                rejection = Optional.empty();
                break;
            } catch (InvalidNotificationException e) {
                rejection = rejection.or(() -> Optional.of(e.getMessage()));
            }
        }
        returns.add(new ReceivedReturn(clock.instant(), exchange.getRequestHeaders().getFirst("Content-Type"), body,
                payment, charset, rejection));
        String page = "<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>支付结果</title></head><body>"
                + "<p id=\"verdict\">" + (payment.isPresent() ? "verified" : "not verified") + "</p></body></html>";
        byte[] out = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
        exchange.sendResponseHeaders(payment.isPresent() ? 200 : 400, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    /** A field of a URL-encoded form that may not verify, read as UTF-8. */
    static Optional<String> fieldIn(String urlEncoded, String name) {
        for (String pair : urlEncoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The no_order (a refund's no_refund) of a body that may not verify; null when it is not JSON or has none. */
    static String noOrderIn(byte[] body) {
        try {
            Map<String, String> fields = FlatJson.parse(body);
            return fields.getOrDefault("no_order", fields.get("no_refund"));
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
