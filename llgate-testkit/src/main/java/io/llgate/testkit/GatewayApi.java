package io.llgate.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The gateway's admin ({@code /admin/...}) and sandbox ({@code /sandbox/...}) HTTP APIs, called as an operator
 * calls them: JSON with the admin token. The scenario controls drive the gateway only through these, so they stay
 * what an operator can do whatever the gateway's insides look like.
 */
final class GatewayApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GatewayApi(URI baseUri, String adminToken) {
        this.baseUri = baseUri;
        this.adminToken = adminToken;
    }

    /** A path segment, percent-encoded. */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send(path, "GET", HttpRequest.BodyPublishers.noBody());
    }

    JsonNode post(String path, Map<String, ?> body) {
        return send(path, "POST", HttpRequest.BodyPublishers.ofString(json(body)));
    }

    JsonNode patch(String path, Map<String, ?> body) {
        return send(path, "PATCH", HttpRequest.BodyPublishers.ofString(json(body)));
    }

    /** Answers the JSON of a 2xx answer; any other status fails with the gateway's {@code error}. */
    private JsonNode send(String path, String method, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .method(method, body)
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered HTTP " + response.statusCode() + ": "
                        + (answer.hasNonNull("error") ? answer.get("error").asText() : response.body()));
            }
            return answer;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(path + " did not answer JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(path + " was interrupted", e);
        }
    }

    private static String json(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
