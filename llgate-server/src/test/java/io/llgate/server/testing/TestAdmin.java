package io.llgate.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.llgate.server.Gateway;
import io.llgate.server.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The admin and sandbox APIs as an operator calls them: over HTTP, with the sandbox bearer token. */
public final class TestAdmin {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: HTTP status and the JSON body. */
    public record Response(int status, JsonNode json) {
    }

    private final Gateway gateway;
    private final Duration timeout;

    public TestAdmin(Gateway gateway) {
        this(gateway, Duration.ofSeconds(10));
    }

    /** An operator that waits up to {@code timeout} for each answer: runs over a large day take longer than tests'. */
    public TestAdmin(Gateway gateway, Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response patch(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code GET /admin/notifications/{id}}: the notification, its exact body and every attempt. */
    public JsonNode notification(long id) {
        Response r = get("/admin/notifications/" + id);
        assertThat(r.status()).as("GET notification %d: %s", id, r.json()).isEqualTo(200);
        return r.json();
    }

    /** {@code GET /admin/notifications?query}, newest first. */
    public List<JsonNode> list(String query) {
        Response r = get("/admin/notifications?" + query);
        assertThat(r.status()).as("list %s: %s", query, r.json()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        r.json().get("notifications").forEach(found::add);
        return found;
    }

    /** The ids of the notifications about a merchant's order, oldest first. */
    public List<Long> idsOfOrder(String noOrder) {
        List<Long> ids = new ArrayList<>(list("no_order=" + noOrder).stream().map(n -> n.get("id").asLong()).toList());
        ids.sort(null);
        return ids;
    }

    /** Waits for the first notification about a merchant's order to be queued and returns its id. */
    public long awaitNotification(String noOrder) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !idsOfOrder(noOrder).isEmpty());
        return idsOfOrder(noOrder).get(0);
    }

    /** Waits until a notification reaches the status. */
    public void awaitStatus(long id, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals(status));
    }

    /** The status of a notification: PENDING, DELIVERED or EXHAUSTED. */
    public String status(long id) {
        return notification(id).get("notification").get("status").asText();
    }

    /** Its recorded attempts, in order. */
    public List<JsonNode> attempts(long id) {
        List<JsonNode> attempts = new ArrayList<>();
        notification(id).get("attempts").forEach(attempts::add);
        return attempts;
    }

    private URI uri(String path) {
        return URI.create(gateway.baseUri() + path);
    }

    private Response send(HttpRequest.Builder request) {
        request.header("Authorization", "Bearer " + gateway.settings().adminToken()).timeout(timeout);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
