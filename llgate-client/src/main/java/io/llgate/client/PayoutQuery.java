package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A payout result query, spec 10 §7: by the merchant's {@code no_order}, the gateway's {@code oid_paybill},
 * or both (which must name the same order, else 9092).
 */
public record PayoutQuery(String noOrder, String oidPaybill) {

    /** At least one of the two, each within its length. */
    public PayoutQuery {
        noOrder = Check.optionalText("no_order", noOrder, 32);
        oidPaybill = Check.optionalText("oid_paybill", oidPaybill, 32);
        if (noOrder == null && oidPaybill == null) {
            throw new InvalidFieldException("no_order", "is required when oid_paybill is not given");
        }
    }

    /** The query for the merchant's payout number. */
    public static PayoutQuery byNoOrder(String noOrder) {
        return new PayoutQuery(Check.text("no_order", noOrder, 32), null);
    }

    /** The query for the gateway's payout number. */
    public static PayoutQuery byOidPaybill(String oidPaybill) {
        return new PayoutQuery(null, Check.text("oid_paybill", oidPaybill, 32));
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("no_order", noOrder);
        f.put("oid_paybill", oidPaybill);
        f.put("query_version", "1.0");
        return f;
    }
}
