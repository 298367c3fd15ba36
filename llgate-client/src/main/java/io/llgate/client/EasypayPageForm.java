package io.llgate.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed card payment form, ready for the payer's browser: the page (or the snippet) that posts it to the gateway's
 * WEB ({@code /payment/traveleasypay.htm}) or H5 ({@code /travlepay.htm}) page by itself, with a button for browsers
 * without scripts. Always UTF-8, as the spec asks of the merchant's page.
 *
 * @param action  the gateway's page
 * @param noOrder the merchant's order number
 * @param fields  exactly what the browser posts: the signed fields (WEB), or one {@code req_data} holding them (H5)
 */
public record EasypayPageForm(URI action, String noOrder, Map<String, String> fields) {
    private static final String FORM_ID = "llgate-easypay";
    private static final String CONTENT_TYPE = "text/html;charset=UTF-8";

    public EasypayPageForm {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The {@code Content-Type} to serve {@link #html()} with. */
    public String contentType() {
        return CONTENT_TYPE;
    }

    /** A whole page that declares UTF-8 and posts the form as soon as it loads. */
    public String html() {
        return BrowserForms.page(CONTENT_TYPE, formHtml());
    }

    public byte[] htmlBytes() {
        return html().getBytes(StandardCharsets.UTF_8);
    }

    /** The form and the script that submits it, for a UTF-8 page of the merchant's own. */
    public String formHtml() {
        return BrowserForms.form(FORM_ID, action, "UTF-8", fields);
    }
}
