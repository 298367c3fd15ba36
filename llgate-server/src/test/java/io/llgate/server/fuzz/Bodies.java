package io.llgate.server.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.PayLoad;
import io.llgate.server.http.Json;
import io.llgate.server.testing.TestMerchant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Writes request bodies the way the fuzz cases describe them: signed, sealed, form-encoded or raw JSON text. */
final class Bodies {
    private Bodies() {
    }

    static String quote(String text) {
        try {
            return Json.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object of string members, except {@code rawField}, whose value is the JSON text {@code rawValue}. */
    static String objectWithRaw(Map<String, String> fields, String rawField, String rawValue) {
        StringJoiner members = new StringJoiner(",", "{", "}");
        fields.forEach((name, value) -> members.add(quote(name) + ":"
                + (name.equals(rawField) ? rawValue : quote(value))));
        if (rawField != null && !fields.containsKey(rawField)) {
            members.add(quote(rawField) + ":" + rawValue);
        }
        return members.toString();
    }

    /**
     * The JSON object text with {@code sign_type} and {@code sign} added over the fields as the gateway will read
     * them, so a number, array or object where text belongs still arrives correctly signed. Text that is not a
     * JSON object is returned as it is.
     */
    static String signText(TestMerchant merchant, String objectText) {
        LinkedHashMap<String, String> read;
        try {
            read = FlatJson.parse(objectText);
        } catch (MalformedMessageException | RuntimeException e) {
            return objectText;
        }
        LinkedHashMap<String, String> signed = merchant.sign(read);
        String tail = "," + quote("sign_type") + ":" + quote(signed.get("sign_type")) + "," + quote("sign") + ":"
                + quote(signed.get("sign")) + "}";
        String trimmed = objectText.strip();
        return read.isEmpty() ? "{" + tail.substring(1) : trimmed.substring(0, trimmed.length() - 1) + tail;
    }

    /** The outer body of a pay_load request: {@code oid_partner} and the inner text sealed for the gateway. */
    static String sealed(PublicKey gatewayKey, String oidPartner, String innerText) {
        LinkedHashMap<String, String> outer = new LinkedHashMap<>();
        outer.put("oid_partner", oidPartner);
        outer.put("pay_load", PayLoad.seal(gatewayKey, innerText));
        return FlatJson.write(outer);
    }

    /** The fields as a browser posts a form, UTF-8. */
    static String form(Map<String, String> fields) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((name, value) -> form.add(encode(name) + "=" + encode(value == null ? "" : value)));
        return form.toString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
