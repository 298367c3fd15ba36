package io.llgate.testkit;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form in a page, read and submitted the way a browser does it: attribute values unescaped, the action resolved
 * against the page, the fields encoded in the form's {@code accept-charset} (GBK for a GB2312 label, as browsers
 * do), line breaks sent as CR LF. Reads the forms of server-made pages (hidden and text inputs), not every HTML.
 *
 * @param fields the inputs that have a name, in document order
 */
record HtmlForm(String id, String method, URI action, Charset charset, Map<String, String> fields) {
    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([^\\s\"'<>/=]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`]+)))?");
    private static final Pattern META = Pattern.compile("<meta\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", "\u00a0");
    /** Input types a browser does not submit without a click or a choice. */
    private static final List<String> NOT_SUBMITTED = List.of("submit", "button", "reset", "image", "file",
            "checkbox", "radio");

    /** Every form of the page at {@code pageUri}, whose own charset is {@code pageCharset}. */
    static List<HtmlForm> in(String html, URI pageUri, Charset pageCharset) {
        List<HtmlForm> forms = new ArrayList<>();
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> attributes = attributes(form.group(1));
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                Map<String, String> a = attributes(input.group(1));
                String type = a.getOrDefault("type", "text").toLowerCase(Locale.ROOT);
                if (a.containsKey("name") && !a.containsKey("disabled") && !NOT_SUBMITTED.contains(type)) {
                    fields.put(a.get("name"), a.getOrDefault("value", ""));
                }
            }
            String action = attributes.getOrDefault("action", "");
            forms.add(new HtmlForm(attributes.get("id"), attributes.getOrDefault("method", "get").toLowerCase(Locale.ROOT),
                    action.isEmpty() ? pageUri : pageUri.resolve(action),
                    submissionCharset(attributes.get("accept-charset"), pageCharset), fields));
        }
        return forms;
    }

    /** The first form of the page that satisfies {@code wanted}. */
    static Optional<HtmlForm> find(String html, URI pageUri, Charset pageCharset, Predicate<HtmlForm> wanted) {
        return in(html, pageUri, pageCharset).stream().filter(wanted).findFirst();
    }

    /** The body a browser posts: {@code application/x-www-form-urlencoded} in the form's charset. */
    byte[] body() {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((name, value) -> body.add(URLEncoder.encode(crlf(name), charset) + "="
                + URLEncoder.encode(crlf(value), charset)));
        return body.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The charset a page's content type declares, UTF-8 when it declares none. */
    static Charset pageCharset(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        return m.find() ? charset(m.group(1)).orElse(StandardCharsets.UTF_8) : StandardCharsets.UTF_8;
    }

    /** The charset a page's own {@code <meta>} declares, UTF-8 when it declares none: for a page held as text. */
    static Charset declaredIn(String html) {
        Matcher meta = META.matcher(html);
        while (meta.find()) {
            Matcher m = CHARSET.matcher(meta.group());
            if (m.find()) {
                return charset(m.group(1)).orElse(StandardCharsets.UTF_8);
            }
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * The charset a browser encodes the form in: the first of {@code accept-charset} it knows, else the page's.
     * Browsers treat GB2312 as GBK (WHATWG Encoding Standard).
     */
    private static Charset submissionCharset(String acceptCharset, Charset pageCharset) {
        if (acceptCharset != null) {
            for (String label : acceptCharset.trim().split("[\\s,]+")) {
                Optional<Charset> known = charset(label);
                if (known.isPresent()) {
                    return known.get();
                }
            }
        }
        return pageCharset;
    }

    private static Optional<Charset> charset(String label) {
        String name = label.trim().toUpperCase(Locale.ROOT);
        try {
            return Optional.of(Charset.forName(name.equals("GB2312") ? "GBK" : name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> attributes(String tagContent) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tagContent);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            attributes.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value == null ? "" : unescape(value));
        }
        return attributes;
    }

    /**
     * An attribute value as the HTML parser gives it: the markup's own line breaks become LF before character
     * references are read, so only a referenced CR survives as CR.
     */
    private static String unescape(String raw) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        return REFERENCE.matcher(text).replaceAll(m -> {
            String ref = m.group(1);
            String plain;
            if (ref.startsWith("#x") || ref.startsWith("#X")) {
                plain = Character.toString(Integer.parseInt(ref.substring(2), 16));
            } else if (ref.startsWith("#")) {
                plain = Character.toString(Integer.parseInt(ref.substring(1)));
            } else {
                plain = NAMED.getOrDefault(ref, m.group());
            }
            return Matcher.quoteReplacement(plain);
        });
    }

    /** Form submission writes every line break as CR LF (HTML's "newline normalization"). */
    private static String crlf(String text) {
        return text.replaceAll("\r\n|\r|\n", "\r\n");
    }
}
