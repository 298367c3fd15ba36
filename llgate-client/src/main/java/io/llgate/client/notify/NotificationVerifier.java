package io.llgate.client.notify;

import io.llgate.client.VerifiedMessage;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks that a notification really comes from the gateway: parses it, verifies its signature with the gateway's
 * public key and that it is for this merchant, and reads its fields. Works on the raw body of an asynchronous
 * notification and on the form parameters of a synchronous browser return. What kind of notification it is, and
 * how its fields are read, the {@link NotificationTypes} it was given decide. Thread-safe.
 */
public final class NotificationVerifier {
    private final PublicKey gatewayKey;
    private final String oidPartner;
    private final NotificationTypes types;

    /**
     * A verifier of the kinds of notification the gateway sends ({@link NotificationTypes#standard()}).
     *
     * @param gatewayPublicKey the key that verifies the gateway's signatures
     * @param oidPartner the merchant whose notifications these must be; null accepts any merchant's
     */
    public NotificationVerifier(PublicKey gatewayPublicKey, String oidPartner) {
        this(gatewayPublicKey, oidPartner, NotificationTypes.standard());
    }

    /**
     * A verifier that reads the kinds of notification registered in {@code types}: what has none of their shapes
     * is refused.
     */
    public NotificationVerifier(PublicKey gatewayPublicKey, String oidPartner, NotificationTypes types) {
        if (gatewayPublicKey == null) {
            throw new IllegalArgumentException("the gateway public key is required");
        }
        if (types == null) {
            throw new IllegalArgumentException("the notification types are required");
        }
        this.gatewayKey = gatewayPublicKey;
        this.oidPartner = oidPartner;
        this.types = types;
    }

    /** An asynchronous notification from its raw body: JSON in UTF-8, read from the request's input stream. */
    public Notification verify(byte[] body) {
        Map<String, String> fields;
        try {
            fields = FlatJson.parse(body);
        } catch (MalformedMessageException e) {
            throw new InvalidNotificationException("the notification is not a JSON object: " + e.getMessage());
        }
        return read(fields, new String(body, StandardCharsets.UTF_8));
    }

    /** An asynchronous notification from its body text. */
    public Notification verify(String body) {
        return verify(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A synchronous return (spec 01 §3): the form parameters the payer's browser posted to {@code url_return},
     * one value each. A single {@code res_data} parameter (the easypay H5 return) is read as the JSON it holds.
     * Only a successful payment is ever returned this way; rely on the asynchronous notification all the same.
     */
    public PaymentNotification verifyReturn(Map<String, String> formParameters) {
        Map<String, String> fields = formParameters;
        if (formParameters.containsKey("res_data") && !formParameters.containsKey("sign")) {
            try {
                fields = FlatJson.parse(formParameters.get("res_data"));
            } catch (MalformedMessageException e) {
                throw new InvalidNotificationException("res_data is not a JSON object: " + e.getMessage());
            }
        }
        VerifiedMessage message = verified(fields, FlatJson.write(fields));
        NotificationType kind = types.recognise(message);
        if (kind.decode(new NotificationFields(message)) instanceof PaymentNotification payment) {
            return payment;
        }
        throw new InvalidNotificationException("a browser return is always about a payment, not a " + kind.name());
    }

    /** A synchronous return from its {@code application/x-www-form-urlencoded} body (or query string), in UTF-8. */
    public PaymentNotification verifyReturnForm(String urlEncoded) {
        return verifyReturnForm(urlEncoded, StandardCharsets.UTF_8);
    }

    /**
     * A synchronous return from its {@code application/x-www-form-urlencoded} body, percent-encoded in
     * {@code charset}: the gateway's return page posts in the order's {@code charset_name}, and browsers send a
     * GBK or GB2312 page's form in GBK ({@code GB18030} reads GBK, GB2312 and GB18030 forms alike).
     */
    public PaymentNotification verifyReturnForm(String urlEncoded, Charset charset) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : urlEncoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
                value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
            } catch (IllegalArgumentException e) {
                throw new InvalidNotificationException("the return is not a URL-encoded form: " + e.getMessage());
            }
            if (parameters.putIfAbsent(name, value) != null) {
                throw new InvalidNotificationException("the return repeats the parameter " + name);
            }
        }
        return verifyReturn(parameters);
    }

    private Notification read(Map<String, String> fields, String text) {
        VerifiedMessage message = verified(fields, text);
        return types.decode(message);
    }

    /** The message once its signature verified and it is for this merchant. */
    private VerifiedMessage verified(Map<String, String> fields, String text) {
        if (MessageSignature.field(fields, "sign").filter(v -> !v.isBlank()).isEmpty()) {
            throw new InvalidNotificationException("the notification is not signed");
        }
        SignType type = SignType.parse(MessageSignature.field(fields, "sign_type").orElse(null))
                .orElseThrow(() -> new InvalidNotificationException("the notification has no known sign_type"));
        if (!MessageSignature.verify(gatewayKey, type, fields).valid()) {
            throw new InvalidNotificationException(
                    "the notification's signature does not verify with the gateway public key");
        }
        VerifiedMessage message = new VerifiedMessage(fields, text);
        String partner = message.field("oid_partner")
                .orElseThrow(() -> new InvalidNotificationException("the notification has no oid_partner"));
        if (oidPartner != null && !oidPartner.equals(partner)) {
            throw new InvalidNotificationException("the notification is for merchant " + partner + ", not " + oidPartner);
        }
        return message;
    }
}
