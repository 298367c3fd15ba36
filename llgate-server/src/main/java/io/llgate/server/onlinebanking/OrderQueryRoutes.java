package io.llgate.server.onlinebanking;

import io.llgate.protocol.Fields;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The payment result query, {@code /llwalletapi/orderquery.htm} and {@code /orderquery.htm} (O9): one
 * order by {@code no_order} or {@code oid_paybill}. Version 1.1 adds {@code memo} and {@code bank_name},
 * which are not signed.
 */
public final class OrderQueryRoutes {
    private static final Set<String> QUERY_VERSIONS = Set.of("1.0", "1.1");

    private final OnlineBankingPayments payments;
    private final MerchantApi api;

    public OrderQueryRoutes(OnlineBankingPayments payments, MerchantApi api) {
        this.payments = payments;
        this.api = api;
    }

    public void addTo(RoutesConfig routes) {
        // No product check: a merchant keeps seeing its orders after losing the product.
        routes.post("/llwalletapi/orderquery.htm", api.plain(null, OnlineBankingMessages.UNSIGNED_QUERY_FIELDS, this::query));
        routes.post("/orderquery.htm", api.plain(null, OnlineBankingMessages.UNSIGNED_QUERY_FIELDS, this::query));
    }

    private LinkedHashMap<String, String> query(ApiRequest r) {
        String version = FieldChecks.version(r, "query_version", false, QUERY_VERSIONS).orElse("1.0");
        Optional<String> noOrder = FieldChecks.optionalText(r, Fields.NO_ORDER, 32);
        // O7: oid_paybill is String(14) on this page and 18 elsewhere; up to 32 is accepted.
        Optional<String> oidPaybill = FieldChecks.optionalText(r, Fields.OID_PAYBILL, 32);
        if (noOrder.isEmpty() && oidPaybill.isEmpty()) {
            throw Refusal.badField(Fields.NO_ORDER);
        }
        Optional<String> dtOrder = r.optional(Fields.DT_ORDER).map(v -> FieldChecks.dateTime(r, Fields.DT_ORDER));
        FieldChecks.optionalText(r, "user_id", 32);
        return payments.query(r.merchant().ref(), noOrder, oidPaybill, dtOrder, version.equals("1.1"));
    }
}
