package io.llgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The payer's browser, without a browser: opens pages and submits their forms over HTTP as a browser would, and
 * follows no redirect by itself, so the sandbox sees every step.
 */
final class PayerBrowser implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A page as the browser received it, its text decoded in the charset its content type declares. */
    record Page(URI uri, int status, Optional<String> location, String contentType, String html) {
        Charset charset() {
            return HtmlForm.pageCharset(contentType);
        }

        /** Where a redirect sends the browser next. */
        Optional<URI> next() {
            return location.map(uri::resolve);
        }

        /** The text of the element with this id, when it holds text only. */
        Optional<String> textOf(String id) {
            Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
            return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    Page open(URI uri) {
        return send(uri, HttpRequest.newBuilder(uri).GET());
    }

    Page submit(HtmlForm form) {
        if (!form.method().equals("post")) {
            throw new IllegalArgumentException("only forms that post are submitted here, not " + form.method());
        }
        return send(form.action(), HttpRequest.newBuilder(form.action())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())));
    }

    private Page send(URI uri, HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return new Page(uri, response.statusCode(), response.headers().firstValue("Location"), contentType,
                    new String(response.body(), HtmlForm.pageCharset(contentType)));
        } catch (IOException e) {
            throw new UncheckedIOException("the payer's browser could not open " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening " + uri, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
