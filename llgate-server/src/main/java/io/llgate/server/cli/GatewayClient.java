package io.llgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.http.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * HTTP to a running gateway: its admin API (JSON with the bearer token) and its merchant API
 * (signed JSON, posted as given). Every failure to talk becomes a one-line {@link CliException}.
 */
final class GatewayClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI server;
    private final String adminToken;
    private final HttpClient http;

    /** A client for the gateway at {@code server}; {@code adminToken} may be null for merchant calls only. */
    GatewayClient(URI server, String adminToken) {
        this.server = server;
        this.adminToken = adminToken;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Reads a {@code --server} value: an http or https URL with a host and nothing after the port. */
    static URI parseServer(CommandSpec spec, String text) {
        String trimmed = text == null ? "" : text.trim().replaceAll("/+$", "");
        try {
            URI uri = new URI(trimmed);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // falls through to the same message
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "--server must be the gateway's base URL such as http://127.0.0.1:8080, not '" + text + "'");
    }

    URI server() {
        return server;
    }

    /** GET on the admin API; answers the JSON body of a 2xx reply. */
    JsonNode adminGet(String path) {
        return admin("GET", path, null);
    }

    JsonNode adminPost(String path, Object body) {
        return admin("POST", path, body);
    }

    JsonNode adminPatch(String path, Object body) {
        return admin("PATCH", path, body);
    }

    /**
     * GET on the admin API of something that is not JSON, such as a report file: answers the response of a 2xx
     * reply, and on an error the admin API's message as a {@link CliException}.
     */
    HttpResponse<byte[]> adminGetBytes(String path) {
        HttpRequest.Builder request = request(path).GET();
        if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        HttpResponse<byte[]> response = send(request.build());
        if (response.statusCode() / 100 != 2) {
            String message;
            try {
                JsonNode error = Json.MAPPER.readTree(response.body()).get("error");
                message = error != null && error.isTextual() ? error.asText() : null;
            } catch (IOException e) {
                message = null;
            }
            throw new CliException(message != null ? message
                    : server + path + " answered HTTP " + response.statusCode());
        }
        return response;
    }

    /** Posts a merchant API body exactly as given and answers the reply text. */
    String merchantPost(String path, String json) {
        HttpResponse<byte[]> response = send(request(path)
                .header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            throw new CliException(path + " answered HTTP " + response.statusCode() + ": " + head(text));
        }
        return text;
    }

    /** Fails with the "no gateway" message unless the gateway answers its liveness check. */
    void checkAlive() {
        HttpResponse<byte[]> response = send(request("/health/live").GET().build());
        if (response.statusCode() != 200) {
            throw new CliException(server + " answers, but not like an LLGate gateway (GET /health/live gave HTTP "
                    + response.statusCode() + ")");
        }
    }

    /** A path with query parameters; null values are left out. */
    static String withQuery(String path, Map<String, String> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return path + query;
    }

    /** One path segment, encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode admin(String method, String path, Object body) {
        HttpRequest.Builder request = request(path).header("Accept", "application/json");
        if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
        }
        HttpResponse<byte[]> response = send(request.build());
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            throw new CliException(server + path + " answered HTTP " + response.statusCode()
                    + (text.isBlank() ? " with an empty body (see the gateway's log)"
                            : " with something that is not LLGate's admin API: " + head(text)));
        }
        if (response.statusCode() / 100 != 2) {
            JsonNode error = json.get("error");
            throw new CliException(error != null && error.isTextual() ? error.asText()
                    : "HTTP " + response.statusCode() + " " + head(json.toString()));
        }
        return json;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path)).timeout(TIMEOUT);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new CliException("the gateway at " + server + " did not answer in time");
        } catch (IOException e) {
            if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
                throw new CliException("no gateway at " + server + " (is `llgate serve` running?)");
            }
            throw new CliException("cannot talk to the gateway at " + server + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static String head(String text) {
        String line = Table.oneLine(text.strip());
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    @Override
    public void close() {
        http.close();
    }
}
