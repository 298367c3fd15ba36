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
        return BrowserForms.page(contentType(), formHtml());
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
        return BrowserForms.form(FORM_ID, action, charsetName, fields);
    }
}
