package io.example.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.client.LlGateClient;
import io.llgate.protocol.FlatJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The app, started for a test class, over HTTP as a browser or a script calls it. */
final class AppHttp implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final MerchantApp app;

    private AppHttp(MerchantApp app) {
        this.app = app;
    }

    /** Starts the app on a free port of loopback, calling the gateway through the client. */
    static AppHttp start(LlGateClient client) {
        return new AppHttp(MerchantApp.start(client, 0));
    }

    MerchantApp app() {
        return app;
    }

    /** Posts a form ({@code a=1&b=2}, already URL-encoded) and answers whatever the app answers. */
    HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(app.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Posts a form that the app must accept, and reads its JSON answer. */
    Map<String, String> post(String path, String form) throws Exception {
        return json(postForm(path, form));
    }

    /** Gets a JSON page that must exist. */
    Map<String, String> get(String path) throws Exception {
        return json(send(HttpRequest.newBuilder(URI.create(app.url() + path)).GET()));
    }

    static String utf8(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static Map<String, String> json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FlatJson.parse(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        app.close();
    }
}
