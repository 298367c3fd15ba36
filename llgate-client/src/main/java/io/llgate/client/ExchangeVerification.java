package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.Map;

/** An exchange payment verify (spec 23 §5): the applied order, its user, its token and the code the payer received. */
public record ExchangeVerification(String userId, String noOrder, String token, String verifyCode) {

    public ExchangeVerification {
        Check.text("user_id", userId, 32);
        Check.text("no_order", noOrder, 32);
        Check.text("token", token, 64);
        Check.matching("verify_code", verifyCode, "[0-9]{6}", "the SMS code's six digits");
    }

    /** The verify of an apply's order with the payer's code. */
    public static ExchangeVerification of(ExchangeRequest applied, String token, String verifyCode) {
        return new ExchangeVerification(applied.userId(), applied.noOrder(), token, verifyCode);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("api_version", "1.0");
        f.put("user_id", userId);
        f.put("no_order", noOrder);
        f.put("token", token);
        f.put("verify_code", verifyCode);
        return f;
    }
}
