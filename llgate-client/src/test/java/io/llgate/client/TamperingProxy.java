package io.llgate.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/** Sits between the client and a real gateway and rewrites the gateway's answers: someone on the network. */
final class TamperingProxy implements AutoCloseable {
    private final HttpServer server;
    private final URI gateway;
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile UnaryOperator<String> rewrite = UnaryOperator.identity();

    TamperingProxy(URI gateway) throws IOException {
        this.gateway = gateway;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void rewrite(UnaryOperator<String> answer) {
        this.rewrite = answer;
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(gateway + exchange.getRequestURI().getPath()))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        byte[] out = rewrite.apply(answer).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
