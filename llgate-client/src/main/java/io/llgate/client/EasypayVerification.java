package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An easypay verify (spec 20 §7): the applied order, its token and the code the payer received.
 *
 * @param dtOrder optional; when given it must be the order's
 */
public record EasypayVerification(String noOrder, String dtOrder, String moneyOrder, String token, String verifyCode) {

    public EasypayVerification {
        Check.text("no_order", noOrder, 32);
        dtOrder = dtOrder == null ? null : Check.dateTime("dt_order", dtOrder);
        moneyOrder = Check.amount("money_order", moneyOrder);
        Check.text("token", token, 64);
        Check.matching("verify_code", verifyCode, "[0-9]{1,6}", "the SMS code's digits");
    }

    /** The verify of an apply's order with the payer's code. */
    public static EasypayVerification of(EasypayRequest applied, String token, String verifyCode) {
        return new EasypayVerification(applied.noOrder(), applied.dtOrder(), applied.moneyOrder(), token, verifyCode);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("no_order", noOrder);
        f.put("dt_order", dtOrder);
        f.put("money_order", moneyOrder);
        f.put("token", token);
        f.put("verify_code", verifyCode);
        return f;
    }
}
