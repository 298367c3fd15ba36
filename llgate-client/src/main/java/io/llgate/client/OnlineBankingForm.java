package io.llgate.client;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed online banking form, ready for the payer's browser: the page (or the snippet) that posts it to the
 * gateway's {@code /payment/bankgateway.htm} by itself, with a button for browsers without scripts. Serve
 * {@link #htmlBytes()} with {@link #contentType()}, so the browser posts the form in the order's charset.
 *
 * @param action the gateway's {@code /payment/bankgateway.htm}
 * @param charsetName the order's {@code charset_name}, which the page declares
 * @param fields every field exactly as the browser will post it, {@code sign_type} and {@code sign} included
 */
public record OnlineBankingForm(URI action, String charsetName, Map<String, String> fields) {
    private static final String FORM_ID = "llgate-bankgateway";

    public OnlineBankingForm {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The merchant's order number. */
    public String noOrder() {
        return fields.get("no_order");
    }

    /** The {@code Content-Type} to serve {@link #htmlBytes()} with. */
    public String contentType() {
        return "text/html;charset=" + charsetName;
    }

    /** A whole page that declares the charset and posts the form as soon as it loads. */
    public String html() {
        return "<!DOCTYPE html>\n"
                + "<html lang=\"zh-CN\">\n"
                + "<head>\n"
                + "<meta http-equiv=\"content-type\" content=\"" + escape(contentType()) + "\">\n"
                + "<title>正在前往支付</title>\n"
                + "</head>\n"
                + "<body>\n"
                + formHtml()
                + "</body>\n"
                + "</html>\n";
    }

    /** The page in the order's charset (GBK for a GB2312 page, as browsers read one), for {@link #contentType()}. */
    public byte[] htmlBytes() {
        return html().getBytes(OnlineBankingRequest.pageEncoding(charsetName));
    }

    /**
     * The form and the script that submits it, for a page of the merchant's own, which must be served in the
     * order's charset.
     */
    public String formHtml() {
        StringBuilder html = new StringBuilder();
        html.append("<form id=\"").append(FORM_ID).append("\" method=\"post\" action=\"")
                .append(escape(action.toString())).append("\" accept-charset=\"").append(escape(charsetName)).append("\">\n");
        fields.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        html.append("<p>正在前往支付页面……如果页面没有自动跳转，请点击下面的按钮。</p>\n")
                .append("<button type=\"submit\">去支付</button>\n")
                .append("</form>\n")
                .append("<script>document.getElementById(\"").append(FORM_ID).append("\").submit();</script>\n");
        return html.toString();
    }

    /**
     * Text for an attribute value. Line breaks are written as character references: the HTML parser would
     * otherwise fold a CR LF in the markup into one LF, and the value posted would not be the value signed.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append("&#10;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
