package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An online banking payment result query, spec 11 §4: by the merchant's {@code no_order}, the gateway's
 * {@code oid_paybill}, or both (which must name the same order, else 9092).
 *
 * @param dtOrder optional: the order time, which must then match the order's
 * @param userId optional: the payer's user id at the merchant
 * @param queryVersion {@code 1.0} (the default), or {@code 1.1}, whose reply adds {@code memo} and {@code bank_name}
 */
public record OnlineBankingQuery(String noOrder, String oidPaybill, String dtOrder, String userId, String queryVersion) {
    static final Set<String> QUERY_VERSIONS = Set.of("1.0", "1.1");

    /** At least one of the order numbers, each within its length, and the optional fields as the gateway checks them. */
    public OnlineBankingQuery {
        queryVersion = Check.oneOf("query_version", queryVersion == null ? "1.0" : queryVersion, QUERY_VERSIONS);
        noOrder = Check.optionalText("no_order", noOrder, 32);
        oidPaybill = Check.optionalText("oid_paybill", oidPaybill, 32);
        if (noOrder == null && oidPaybill == null) {
            throw new InvalidFieldException("no_order", "is required when oid_paybill is not given");
        }
        dtOrder = dtOrder == null || dtOrder.isEmpty() ? null : Check.dateTime("dt_order", dtOrder);
        userId = Check.optionalText("user_id", userId, 32);
    }

    /** The query for the merchant's order number, version 1.0. */
    public static OnlineBankingQuery byNoOrder(String noOrder) {
        return new OnlineBankingQuery(Check.text("no_order", noOrder, 32), null, null, null, null);
    }

    /** The query for the gateway's order number, version 1.0. */
    public static OnlineBankingQuery byOidPaybill(String oidPaybill) {
        return new OnlineBankingQuery(null, Check.text("oid_paybill", oidPaybill, 32), null, null, null);
    }

    /** The same query with {@code query_version} 1.0 or 1.1. */
    public OnlineBankingQuery withQueryVersion(String version) {
        return new OnlineBankingQuery(noOrder, oidPaybill, dtOrder, userId, version);
    }

    /** The same query, also requiring the order time to be {@code dtOrder}. */
    public OnlineBankingQuery withDtOrder(String dtOrder) {
        return new OnlineBankingQuery(noOrder, oidPaybill, dtOrder, userId, queryVersion);
    }

    /** The same query, with the payer's user id. */
    public OnlineBankingQuery withUserId(String userId) {
        return new OnlineBankingQuery(noOrder, oidPaybill, dtOrder, userId, queryVersion);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("no_order", noOrder);
        f.put("dt_order", dtOrder);
        f.put("oid_paybill", oidPaybill);
        f.put("query_version", queryVersion);
        f.put("user_id", userId);
        return f;
    }
}
