package io.llgate.server.sandbox;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.PayLoad;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo shop's server side of the merchant API, as any merchant's server: it signs requests with the demo
 * merchant's private key, posts them as JSON over HTTP to the gateway, and believes a reply only when its
 * signature verifies with the gateway's public key.
 */
final class DemoMerchantClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String oidPartner;
    private final PrivateKey key;
    private final PublicKey gatewayKey;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private DemoMerchantClient(String oidPartner, PrivateKey key, PublicKey gatewayKey) {
        this.oidPartner = oidPartner;
        this.key = key;
        this.gatewayKey = gatewayKey;
    }

    static DemoMerchantClient of(DemoMerchant demo, PublicKey gatewayKey) {
        try {
            return new DemoMerchantClient(demo.oidPartner(),
                    RsaKeys.parsePrivate(Files.readString(demo.privateKeyFile())), gatewayKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo merchant's private key " + demo.privateKeyFile(), e);
        }
    }

    String oidPartner() {
        return oidPartner;
    }

    /** The fields signed with the demo merchant's key: empty ones left out, then sign_type and sign. */
    LinkedHashMap<String, String> sign(Map<String, String> fields) {
        return MessageSignature.sign(key, SignType.RSA, fields);
    }

    /**
     * Signs the fields and posts them to {@code base + path}. A reply that does not verify is not shown: the
     * address comes from the browser's request, and the shop passes on only what the gateway signed.
     */
    DemoCall call(String base, String path, LinkedHashMap<String, String> fields) {
        return post(base, path, fields, false);
    }

    /** As {@link #call}, the signed request sealed into {@code pay_load} with the gateway's public key. */
    DemoCall sealed(String base, String path, LinkedHashMap<String, String> fields) {
        return post(base, path, fields, true);
    }

    private DemoCall post(String base, String path, LinkedHashMap<String, String> fields, boolean sealed) {
        LinkedHashMap<String, String> signed = sign(fields);
        String signSource = SignSource.of(signed);
        String body = FlatJson.write(signed);
        if (sealed) {
            LinkedHashMap<String, String> outer = new LinkedHashMap<>();
            outer.put("oid_partner", oidPartner);
            outer.put("pay_load", PayLoad.seal(gatewayKey, body));
            body = FlatJson.write(outer);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(TIMEOUT)
                            .header("Content-Type", "application/json;charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return DemoCall.unanswered(path, signSource, body, "no answer from " + base + path + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DemoCall.unanswered(path, signSource, body, "interrupted while waiting for " + base + path);
        }
        LinkedHashMap<String, String> reply;
        try {
            reply = FlatJson.parse(response.body());
        } catch (MalformedMessageException e) {
            return DemoCall.unanswered(path, signSource, body, "HTTP " + response.statusCode()
                    + ": the answer is not a JSON object");
        }
        if (!reply.containsKey("sign") || !MessageSignature.verify(gatewayKey, SignType.RSA, reply).valid()) {
            return DemoCall.unanswered(path, signSource, body, "HTTP " + response.statusCode()
                    + ": the reply's signature does not verify with the gateway's public key");
        }
        return DemoCall.answered(path, signSource, body, reply);
    }

    @Override
    public void close() {
        http.close();
    }
}
