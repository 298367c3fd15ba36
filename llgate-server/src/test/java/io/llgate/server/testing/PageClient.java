package io.llgate.server.testing;

import io.llgate.server.Gateway;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a browser: gets pages and posts forms to a gateway over HTTP, following no redirects,
 * so tests see every step. The Chromium tests do the same through a real browser.
 */
public final class PageClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Pattern HIDDEN_INPUT =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"return-form\"[^>]*action=\"([^\"]*)\"");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|amp|lt|gt|quot);");

    /** One answer: status, redirect target, content type and the body as text. */
    public record Page(int status, String location, String contentType, String html) {
        public boolean redirect() {
            return status == 303;
        }

        /** The hidden inputs of the page's forms, in order, unescaped. */
        public LinkedHashMap<String, String> hiddenFields() {
            LinkedHashMap<String, String> fields = new LinkedHashMap<>();
            Matcher m = HIDDEN_INPUT.matcher(html);
            while (m.find()) {
                fields.put(unescape(m.group(1)), unescape(m.group(2)));
            }
            return fields;
        }

        /** Where the return page's form posts, or null when the page has no such form. */
        public String returnFormAction() {
            Matcher m = FORM_ACTION.matcher(html);
            return m.find() ? unescape(m.group(1)) : null;
        }

        /** The value of the input with this id, unescaped, or null when the page has no such input. */
        public String inputValue(String id) {
            Matcher m = Pattern.compile("<input[^>]*id=\"" + Pattern.quote(id) + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
            return m.find() ? unescape(m.group(1)) : null;
        }

        /** Where the link with this id goes, unescaped, or null when the page has no such link. */
        public String link(String id) {
            Matcher m = Pattern.compile("<a href=\"([^\"]*)\" id=\"" + Pattern.quote(id) + "\"").matcher(html);
            return m.find() ? unescape(m.group(1)) : null;
        }

        /** The text of the element with this id (no nested markup), unescaped. */
        public String byId(String id) {
            Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
            return m.find() ? unescape(m.group(1)) : null;
        }
    }

    private final Gateway gateway;

    public PageClient(Gateway gateway) {
        this.gateway = gateway;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Page postForm(String path, Map<String, String> fields, Charset charset) {
        return postForm(path, formBody(fields, charset));
    }

    public Page postForm(String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The fields as a browser on a page in {@code charset} encodes a form. */
    public static byte[] formBody(Map<String, String> fields, Charset charset) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((name, value) -> body.add(URLEncoder.encode(name, charset) + "=" + URLEncoder.encode(value, charset)));
        return body.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static String unescape(String text) {
        return ENTITY.matcher(text).replaceAll(m -> {
            String entity = m.group(1);
            String plain = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                default -> String.valueOf((char) Integer.parseInt(entity.substring(1)));
            };
            return Matcher.quoteReplacement(plain);
        });
    }

    private URI uri(String path) {
        return path.startsWith("http") ? URI.create(path) : URI.create(gateway.baseUri() + path);
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            Matcher charset = Pattern.compile("charset=([\\w-]+)").matcher(contentType);
            String html = new String(response.body(), charset.find() ? Charset.forName(charset.group(1))
                    : StandardCharsets.UTF_8);
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    contentType, html);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
