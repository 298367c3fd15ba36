package io.llgate.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pre-authorization status query, spec 20 §10: the authorization is named by {@code no_order},
 * {@code oid_paybill} or both (which must then name the same one), with its {@code dt_order}. Checked on
 * construction by the gateway's rules.
 *
 * @param noOrder    the merchant's order number, or null
 * @param oidPaybill the gateway's number of the authorization, or null
 * @param dtOrder    the authorization's order time
 */
public record PreAuthQuery(String noOrder, String oidPaybill, String dtOrder) {

    /** Checks the fields as the gateway does: at least one number, each at most 32 characters, a real time. */
    public PreAuthQuery {
        noOrder = Check.optionalText("no_order", noOrder, 32);
        oidPaybill = Check.optionalText("oid_paybill", oidPaybill, 32);
        if (noOrder == null && oidPaybill == null) {
            throw new InvalidFieldException("no_order", "or oid_paybill is required");
        }
        Check.dateTime("dt_order", dtOrder);
    }

    /** By the merchant's order number and order time. */
    public static PreAuthQuery byNoOrder(String noOrder, String dtOrder) {
        Check.text("no_order", noOrder, 32);
        return new PreAuthQuery(noOrder, null, dtOrder);
    }

    Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("api_version", "1.0");
        f.put("pay_type", PreAuthorizations.PAY_TYPE);
        f.put("no_order", noOrder);
        f.put("oid_paybill", oidPaybill);
        f.put("dt_order", dtOrder);
        return f;
    }
}
