package io.llgate.client;

import java.net.URI;
import java.util.Map;

/** The self-submitting forms a merchant's page hands the payer's browser, with a button for browsers without scripts. */
final class BrowserForms {
    private BrowserForms() {
    }

    /** A whole page in {@code contentType}'s charset holding {@code formHtml}. */
    static String page(String contentType, String formHtml) {
        return "<!DOCTYPE html>\n"
                + "<html lang=\"zh-CN\">\n"
                + "<head>\n"
                + "<meta http-equiv=\"content-type\" content=\"" + escape(contentType) + "\">\n"
                + "<title>正在前往支付</title>\n"
                + "</head>\n"
                + "<body>\n"
                + formHtml
                + "</body>\n"
                + "</html>\n";
    }

    /** The form, posting {@code fields} as hidden inputs to {@code action}, and the script that submits it. */
    static String form(String id, URI action, String charsetName, Map<String, String> fields) {
        StringBuilder html = new StringBuilder();
        html.append("<form id=\"").append(id).append("\" method=\"post\" action=\"")
                .append(escape(action.toString())).append("\" accept-charset=\"").append(escape(charsetName)).append("\">\n");
        fields.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">\n"));
        html.append("<p>正在前往支付页面……如果页面没有自动跳转，请点击下面的按钮。</p>\n")
                .append("<button type=\"submit\">去支付</button>\n")
                .append("</form>\n")
                .append("<script>document.getElementById(\"").append(id).append("\").submit();</script>\n");
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
