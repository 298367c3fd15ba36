package io.llgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTP that Jetty refuses before any route runs, written byte by byte: every answer is JSON, {@code 9901} on a
 * merchant path and the admin API's {@code {"error": ...}} on an admin path; where Jetty could not read the path
 * at all the answer carries both, so either client can read it. Never Jetty's HTML page, never a stack trace.
 */
class MalformedHttpTest {
    private static final String MERCHANT_PATH = "/traderAcctQuery.htm";
    private static final String ADMIN_PATH = "/admin/merchants";

    static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** Whose shape the answer must have: the merchant API's, the admin API's, or both when the path is unknown. */
    enum Shape { MERCHANT, ADMIN, BOTH }

    static Stream<Arguments> malformed() {
        return Stream.of(MERCHANT_PATH, ADMIN_PATH).flatMap(path -> {
            Shape known = path.equals(ADMIN_PATH) ? Shape.ADMIN : Shape.MERCHANT;
            String start = "POST " + path + " HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer "
                    + gateway.settings().adminToken() + "\r\nContent-Type: application/json\r\n";
            return Stream.of(
                    Arguments.of(path, "a request line of one word", "GARBAGE\r\n\r\n", 400, Shape.BOTH),
                    // Jetty reads a request line without a version as HTTP/0.9, which it does not speak.
                    Arguments.of(path, "a request line of two words", "GARBAGE " + path + "\r\n\r\n", 505, Shape.BOTH),
                    Arguments.of(path, "a request line without version", "POST " + path + "\r\n\r\n", 505, Shape.BOTH),
                    Arguments.of(path, "an unknown HTTP version", "POST " + path + " HTTP/7.1\r\nHost: gateway\r\n\r\n",
                            505, Shape.BOTH),
                    Arguments.of(path, "two Content-Lengths", start + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                            400, known),
                    Arguments.of(path, "a negative Content-Length", start + "Content-Length: -1\r\n\r\n{}", 400, known),
                    Arguments.of(path, "Content-Length with Transfer-Encoding",
                            start + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, known),
                    Arguments.of(path, "a 20 KB header", start + "X-Padding: " + "x".repeat(20_000)
                            + "\r\nContent-Length: 2\r\n\r\n{}", 431, known),
                    Arguments.of(path, "%00 in the path", start.replace(path, path + "%00") + "Content-Length: 2\r\n\r\n{}",
                            400, Shape.BOTH),
                    Arguments.of(path, "a header without a colon", start + "Content-Length 2\r\n\r\n{}", 400, known),
                    Arguments.of(path, "a header name with a space", start + "Content Length: 2\r\n\r\n{}", 400, known));
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void answeredAsJsonInThePathsShape(String path, String what, String request, int status, Shape shape)
            throws IOException {
        Answer answer = send(request.getBytes(StandardCharsets.ISO_8859_1));

        assertJson(answer, status, shape);
    }

    @org.junit.jupiter.api.Test
    void anAdminBodyOverOneMegabyteIsRefusedInTheAdminShape() throws IOException {
        byte[] body = ("{\"name\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        String head = "POST " + ADMIN_PATH + " HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer "
                + gateway.settings().adminToken() + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);

        Answer answer = send(request.toByteArray());

        assertJson(answer, 413, Shape.ADMIN);
        assertThat(answer.json().path("error").asText()).isEqualTo("the body is larger than 1 MB");
    }

    @org.junit.jupiter.api.Test
    void aChunkedAdminBodyOverOneMegabyteIsRefusedInTheAdminShape() throws IOException {
        String chunk = "x".repeat(64 * 1024);
        StringBuilder request = new StringBuilder("POST " + ADMIN_PATH + " HTTP/1.1\r\nHost: gateway\r\n"
                + "Authorization: Bearer " + gateway.settings().adminToken() + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 18; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");

        Answer answer = send(request.toString().getBytes(StandardCharsets.ISO_8859_1));

        assertJson(answer, 413, Shape.ADMIN);
    }

    private static void assertJson(Answer answer, int status, Shape shape) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).as(answer.text()).startsWith("application/json");
        assertThat(answer.text()).doesNotContainIgnoringCase("<html").doesNotContain("Exception", "at org.");
        JsonNode json = answer.json();
        assertThat(json.path("error").asText()).as(answer.text()).isNotBlank();
        switch (shape) {
            case ADMIN -> assertThat(json.size()).as(answer.text()).isEqualTo(1);
            case MERCHANT, BOTH -> {
                assertThat(json.path("ret_code").asText()).isEqualTo(ReplyChecks.ILLEGAL_MESSAGE.code());
                assertThat(json.path("ret_msg").asText()).isEqualTo(ReplyChecks.ILLEGAL_MESSAGE.msg());
            }
        }
    }

    /** An answer as it came over the wire: status, headers (names in lower case) and body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }
    }

    private static Answer send(byte[] request) throws IOException {
        try (Socket socket = new Socket(gateway.baseUri().getHost(), gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // Jetty may answer and close before it has read everything sent; the answer is still there to read.
            }
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
            byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed mid-answer: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
