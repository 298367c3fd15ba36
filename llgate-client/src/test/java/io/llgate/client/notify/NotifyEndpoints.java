package io.llgate.client.notify;

import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A merchant's notify_url on two kinds of web server, each wired to a {@link NotificationHandler} the way the
 * SDK guide (docs/merchant/sdk.md) shows: pass the raw body in, write the response's status, content type and body back.
 */
final class NotifyEndpoints {
    private NotifyEndpoints() {
    }

    /** A running endpoint: its URL, and how to stop it. */
    record Endpoint(String url, Runnable stop) implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }

    /** The JDK's own HTTP server. */
    static Endpoint jdkHttpServer(NotificationHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/llgate/notify", exchange -> {
            NotificationResponse response = handler.handle(exchange.getRequestBody().readAllBytes());
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new Endpoint("http://127.0.0.1:" + server.getAddress().getPort() + "/llgate/notify", () -> server.stop(0));
    }

    /** Javalin (Jetty underneath, so a servlet container). */
    static Endpoint javalin(NotificationHandler handler) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/llgate/notify", ctx -> {
                NotificationResponse response = handler.handle(ctx.bodyAsBytes());
                ctx.status(response.status()).contentType(response.contentType()).result(response.body());
            });
        }).start("127.0.0.1", 0);
        return new Endpoint("http://127.0.0.1:" + app.port() + "/llgate/notify", app::stop);
    }
}
