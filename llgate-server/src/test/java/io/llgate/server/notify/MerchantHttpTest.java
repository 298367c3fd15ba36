package io.llgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The notification client against real local servers: well-behaved ones, and raw sockets that misbehave. */
class MerchantHttpTest {
    private static final byte[] BODY = "{\"no_order\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> HEADERS = Map.of("Content-Type", "text/json;charset=utf-8");

    private final MerchantHttp client = new MerchantHttp(Duration.ofSeconds(2));
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        client.close();
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void sequentialPostsToOneOriginShareOneConnectionAndSendTheHeadersInOrder() throws Exception {
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        List<String> heads = new CopyOnWriteArrayList<>();
        HttpServer server = httpServer(exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            heads.add(exchange.getRequestHeaders().getFirst("Host") + " " + exchange.getRequestHeaders().getFirst("X-B")
                    + " " + exchange.getRequestHeaders().getFirst("Content-Length")
                    + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 200, "ok");
        });
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notify?a=1");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-B", "2");
        headers.put("X-A", "1");
        for (int i = 0; i < 4; i++) {
            MerchantHttp.Answer answer = client.post(uri, headers, BODY, 100, deadline(2_000));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        }
        assertThat(clientPorts).hasSize(4).containsOnly(clientPorts.get(0));
        assertThat(heads.get(0)).isEqualTo("127.0.0.1:" + server.getAddress().getPort() + " 2 " + BODY.length
                + " {\"no_order\":\"x\"}");
        assertThat(client.idleCount(uri)).isEqualTo(1);

        String request = new RawServer(socket -> {
            String echoed = readRequest(socket).replace("\r\n", "|");
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + echoed.length() + "\r\n\r\n" + echoed);
        }).post(client, headers);
        assertThat(request).startsWith("POST /notify HTTP/1.1|Host: 127.0.0.1:")
                .endsWith("|X-B: 2|X-A: 1|Content-Length: " + BODY.length + "||");
    }

    @Test
    void readsContentLengthChunkedAndCloseDelimitedBodies() throws Exception {
        HttpServer chunked = httpServer(exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"ret_code\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("\"0000\"}".getBytes(StandardCharsets.UTF_8));
            }
        });
        URI chunkedUri = URI.create("http://127.0.0.1:" + chunked.getAddress().getPort() + "/");
        assertThat(text(client.post(chunkedUri, HEADERS, BODY, 100, deadline(2_000)))).isEqualTo("{\"ret_code\":\"0000\"}");
        assertThat(client.idleCount(chunkedUri)).as("a chunked body read to its end").isEqualTo(1);

        assertAnswered("HTTP/1.1 200 OK\r\ntransfer-encoding: CHUNKED\r\n\r\n"
                + "5;name=value\r\nhello\r\n1\r\n,\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\n", "hello, world", 1);
        assertAnswered("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end", "until the end", 0);
        assertAnswered("HTTP/1.0 200 OK\r\nContent-Length: 4\r\n\r\nold!", "old!", 0);
        assertAnswered("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 3\r\n\r\nbye", "bye", 0);
    }

    /**
     * A server writing the raw answer (then, unless the client closes, waiting for the next request) gives the
     * body expected, and leaves its connection idle in the pool or not.
     */
    private void assertAnswered(String rawAnswer, String body, int idleAfter) throws IOException {
        RawServer server = new RawServer(socket -> {
            readRequest(socket);
            write(socket, rawAnswer);
            if (rawAnswer.contains("Content-Length") || rawAnswer.contains("CHUNKED")) {
                readRequest(socket);
            }
        });
        assertThat(text(server.answer(client))).isEqualTo(body);
        assertThat(client.idleCount(server.uri())).as("connections kept after %s", rawAnswer).isEqualTo(idleAfter);
    }

    @Test
    void aBodyLongerThanTheLimitIsCutAtTheLimitPlusOneAndItsConnectionClosed() throws Exception {
        HttpServer server = httpServer(exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 200, "x".repeat(10_000));
        });
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        assertThat(client.post(uri, HEADERS, BODY, 100, deadline(2_000)).body()).hasSize(101);
        assertThat(client.idleCount(uri)).isZero();

        RawServer chunked = new RawServer(socket -> {
            readRequest(socket);
            write(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "40\r\n" + "y".repeat(64) + "\r\n"
                    + "40\r\n" + "y".repeat(64) + "\r\n0\r\n\r\n");
        });
        MerchantHttp.Answer answer = chunked.answer(client, 100);
        assertThat(answer.body()).hasSize(101);
        assertThat(client.idleCount(chunked.uri())).isZero();
    }

    @Test
    void interimAnswersAreSkippedAndARedirectIsOnlyAStatus() throws Exception {
        RawServer interim = new RawServer(socket -> {
            readRequest(socket);
            write(socket, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        });
        MerchantHttp.Answer answer = interim.answer(client);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(text(answer)).isEqualTo("ok");

        AtomicInteger followed = new AtomicInteger();
        HttpServer server = httpServer(exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/elsewhere")) {
                followed.incrementAndGet();
                answer(exchange, 200, "{\"ret_code\":\"0000\"}");
            } else {
                exchange.getResponseHeaders().add("Location", "/elsewhere");
                answer(exchange, 302, "moved");
            }
        });
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notify");
        MerchantHttp.Answer redirect = client.post(uri, HEADERS, BODY, 100, deadline(2_000));
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(text(redirect)).isEqualTo("moved");
        assertThat(followed).hasValue(0);
    }

    @Test
    void aMalformedAnswerIsAnErrorAndARefusedConnectionToo() throws Exception {
        RawServer garbage = new RawServer(socket -> {
            readRequest(socket);
            write(socket, "SSH-2.0-OpenSSH_9.6\r\n\r\n");
        });
        assertThatThrownBy(() -> garbage.answer(client)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an HTTP/1 status line");
        assertThat(garbage.connections()).hasValue(1);

        RawServer badLength = new RawServer(socket -> {
            readRequest(socket);
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n");
        });
        assertThatThrownBy(() -> badLength.answer(client)).isInstanceOf(IOException.class);

        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        URI refused = URI.create("http://127.0.0.1:" + port + "/");
        assertThatThrownBy(() -> client.post(refused, HEADERS, BODY, 100, deadline(2_000)))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aServerThatNeverAnswersOrDripsEndsAtTheDeadline() throws Exception {
        RawServer silent = new RawServer(socket -> {
            readRequest(socket);
            sleep(5_000);
        });
        assertEndsAtTheDeadline(silent);

        // One byte every 100 ms, within the head, then within the body.
        assertEndsAtTheDeadline(dripping("HTTP/1.1 200 OK\r\nX-Slow: "));
        assertEndsAtTheDeadline(dripping("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"));
    }

    private RawServer dripping(String start) throws IOException {
        return new RawServer(socket -> {
            readRequest(socket);
            write(socket, start);
            for (int i = 0; i < 50; i++) {
                sleep(100);
                write(socket, "a");
            }
        });
    }

    private void assertEndsAtTheDeadline(RawServer server) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> server.answer(client, 100, deadline(500))).isInstanceOf(HttpTimeoutException.class);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(tookMs).isBetween(450L, 1_500L);
        assertThat(client.idleCount(server.uri())).isZero();
    }

    @Test
    void aKeptConnectionTheServerClosedWhileIdleIsRetriedOnceOnANewOne() throws Exception {
        // Each connection answers one request, keeps the connection seemingly alive, and closes it a moment later.
        RawServer oneShot = new RawServer(socket -> {
            readRequest(socket);
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            sleep(100);
        });
        assertThat(text(oneShot.answer(client))).isEqualTo("ok");
        assertThat(client.idleCount(oneShot.uri())).isEqualTo(1);
        sleep(300);
        assertThat(text(oneShot.answer(client))).isEqualTo("ok");
        assertThat(oneShot.connections()).hasValue(2);

        // A new connection closed before any answer is an error, not retried.
        RawServer hangingUp = new RawServer(socket -> readRequest(socket));
        assertThatThrownBy(() -> hangingUp.answer(client)).isInstanceOf(IOException.class);
        assertThat(hangingUp.connections()).hasValue(1);

        // A kept connection that fails after the answer began is not retried either.
        AtomicInteger requests = new AtomicInteger();
        RawServer cutOff = new RawServer(socket -> {
            readRequest(socket);
            requests.incrementAndGet();
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            readRequest(socket);
            requests.incrementAndGet();
            write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
        });
        assertThat(text(cutOff.answer(client))).isEqualTo("ok");
        assertThatThrownBy(() -> cutOff.answer(client)).isInstanceOf(IOException.class);
        assertThat(cutOff.connections()).hasValue(1);
        assertThat(requests).hasValue(2);
    }

    @Test
    void httpsChecksTheServersNameAndKeepsTheConnection() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        char[] password = "changeit".toCharArray();
        try (InputStream in = MerchantHttpTest.class.getResourceAsStream("localhost.p12")) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("localhost", keys.getCertificate("server"));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trustManagers.getTrustManagers(), null);

        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            clientPorts.add(exchange.getRemoteAddress().getPort());
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            answer(exchange, 200, "secure");
        });
        server.start();
        servers.add(() -> server.stop(0));
        int port = server.getAddress().getPort();

        try (MerchantHttp tls = new MerchantHttp(Duration.ofSeconds(2), clientTls.getSocketFactory())) {
            URI named = URI.create("https://localhost:" + port + "/notify");
            for (int i = 0; i < 2; i++) {
                MerchantHttp.Answer answer = tls.post(named, HEADERS, BODY, 100, deadline(5_000));
                assertThat(answer.status()).isEqualTo(200);
                assertThat(text(answer)).isEqualTo("secure");
            }
            assertThat(clientPorts).hasSize(2).containsOnly(clientPorts.get(0));
            assertThat(hosts).containsOnly("localhost:" + port);

            URI wrongName = URI.create("https://127.0.0.1:" + port + "/notify");
            assertThatThrownBy(() -> tls.post(wrongName, HEADERS, BODY, 100, deadline(5_000)))
                    .isInstanceOf(SSLHandshakeException.class);
        }
        // The JVM's own trust store does not know the test's certificate.
        assertThatThrownBy(() -> client.post(URI.create("https://localhost:" + port + "/"), HEADERS, BODY, 100,
                deadline(5_000))).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void onlyHttpAndHttpsUrlsWithAHost() {
        assertThatThrownBy(() -> client.post(URI.create("ftp://127.0.0.1/"), HEADERS, BODY, 100, deadline(1_000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.post(URI.create("http:/no-host"), HEADERS, BODY, 100, deadline(1_000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpServer httpServer(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", handler);
        server.start();
        servers.add(() -> server.stop(0));
        return server;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static long deadline(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static String text(MerchantHttp.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads one request, head and Content-Length body, and returns its head; throws at the end of the stream. */
    private static String readRequest(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream");
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int at = text.indexOf("Content-Length: ");
        int length = at < 0 ? 0 : Integer.parseInt(text.substring(at + 16, text.indexOf("\r\n", at)));
        in.readNBytes(length);
        return text;
    }

    @FunctionalInterface
    private interface Conversation {
        void talk(Socket socket) throws IOException;
    }

    /** A server socket that holds each connection's conversation, then closes it; counts the connections. */
    private final class RawServer {
        private final ServerSocket server;
        private final AtomicInteger connections = new AtomicInteger();

        RawServer(Conversation conversation) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            servers.add(server);
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    Socket socket;
                    try {
                        socket = server.accept();
                    } catch (IOException e) {
                        return;
                    }
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            conversation.talk(socket);
                        } catch (IOException e) {
                            // The client went away: the conversation ends.
                        }
                    });
                }
            });
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/notify");
        }

        AtomicInteger connections() {
            return connections;
        }

        MerchantHttp.Answer answer(MerchantHttp client) throws IOException {
            return answer(client, 100);
        }

        MerchantHttp.Answer answer(MerchantHttp client, int max) throws IOException {
            return answer(client, max, deadline(2_000));
        }

        MerchantHttp.Answer answer(MerchantHttp client, int max, long deadline) throws IOException {
            return client.post(uri(), HEADERS, BODY, max, deadline);
        }

        /** Posts and returns the answer's body as text. */
        String post(MerchantHttp client, Map<String, String> headers) throws IOException {
            return text(client.post(uri(), headers, BODY, 1000, deadline(2_000)));
        }
    }
}
