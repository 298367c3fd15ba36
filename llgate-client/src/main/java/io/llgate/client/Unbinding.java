package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A card unbind, spec 22 §5: the payer and the binding to remove. Checked on construction by the gateway's rules.
 *
 * @param platform the shared-user namespace the binding was made in, or null
 * @param payType  the product family the binding belongs to, or null for any
 */
public record Unbinding(String userId, String noAgree, String platform, BindPayType payType) {

    public Unbinding {
        Check.text("user_id", userId, 32);
        Check.text("no_agree", noAgree, 32);
        platform = Check.optionalText("platform", platform, 32);
    }

    /** The payer's binding, whatever its product. */
    public static Unbinding of(String userId, String noAgree) {
        return new Unbinding(userId, noAgree, null, null);
    }

    /** The same unbind, in this shared-user namespace. */
    public Unbinding platform(String platform) {
        return new Unbinding(userId, noAgree, platform, payType);
    }

    /** The same unbind, only if the binding belongs to this product family. */
    public Unbinding payType(BindPayType payType) {
        return new Unbinding(userId, noAgree, platform, payType);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("user_id", userId);
        f.put("platform", platform);
        f.put("pay_type", payType == null ? null : payType.wireValue());
        f.put("no_agree", noAgree);
        return f;
    }
}
