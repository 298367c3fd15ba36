package io.llgate.server.http;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.testing.TestMerchant.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Optional;

/** Calls a gateway from another loopback address (127.0.0.2, 127.0.0.3, ...), as a different source would. */
final class FromAddress {
    /** A merchant API answer and the Retry-After header it came with, if any. */
    record Answer(Reply reply, Optional<String> retryAfter) {
    }

    /** An admin API answer. */
    record AdminAnswer(int status, String body, Optional<String> retryAfter) {
    }

    private final HttpClient http;

    FromAddress(String loopbackAddress) {
        try {
            http = HttpClient.newBuilder().localAddress(InetAddress.getByName(loopbackAddress))
                    .connectTimeout(Duration.ofSeconds(5)).build();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Posts a JSON body to a merchant API path. */
    Answer post(Gateway gateway, String path, String body) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + path))
                .header("Content-Type", "application/json;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        LinkedHashMap<String, String> fields;
        try {
            fields = FlatJson.parse(response.body());
        } catch (MalformedMessageException e) {
            throw new AssertionError("the gateway answered something that is not JSON", e);
        }
        boolean signed = fields.containsKey("sign");
        boolean valid = signed && MessageSignature.verify(gateway.publicKey(), SignType.RSA, fields).valid();
        return new Answer(new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                new String(response.body(), StandardCharsets.UTF_8), fields, signed, valid),
                response.headers().firstValue("Retry-After"));
    }

    /** {@code GET} an admin API path with the given bearer token. */
    AdminAnswer admin(Gateway gateway, String path, String token) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + path))
                .header("Authorization", "Bearer " + token).GET());
        return new AdminAnswer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                response.headers().firstValue("Retry-After"));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
