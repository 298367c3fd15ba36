package io.llgate.server.http;

import io.llgate.server.kernel.Refusal;
import io.llgate.protocol.FieldRules;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.merchant.Merchant;
import java.util.Map;
import java.util.Optional;

/** A merchant request whose signature has been verified: the merchant and the signed fields. */
public record ApiRequest(Merchant merchant, Map<String, String> fields, SignType signType) {

    /**
     * The field's value looked up by trimmed key (real clients send keys like {@code "sign_type "}); 1004 naming
     * it when it is not text the gateway accepts ({@link FieldRules#isText}): every value the gateway reads from a
     * request passes here, so none that holds a NUL or another control character reaches a product or the store.
     */
    public Optional<String> field(String name) {
        Optional<String> value = MessageSignature.field(fields, name);
        if (value.isPresent() && !FieldRules.isText(name, value.get())) {
            throw Refusal.badField(name);
        }
        return value;
    }

    /** The field's value, or 1004 naming it when absent or empty. */
    public String required(String name) {
        return field(name).filter(v -> !v.isEmpty()).orElseThrow(() -> Refusal.badField(name));
    }

    /** The field's value when present and not empty. */
    public Optional<String> optional(String name) {
        return field(name).filter(v -> !v.isEmpty());
    }
}
