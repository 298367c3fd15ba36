package io.llgate.server.orderquery;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.Fields;
import io.llgate.protocol.RetCode;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.ReplyFormat;
import io.llgate.server.kernel.OrderLookup;
import io.llgate.server.kernel.QueriedOrders;
import io.llgate.server.kernel.QueriedOrders.QueriedOrder;
import io.llgate.server.kernel.Refusal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The payment result query, {@code /orderquery.htm} and {@code /llwalletapi/orderquery.htm} (11 §4, 20 §12): one
 * order by {@code no_order} or {@code oid_paybill}, of whichever product made it (E17, E18: one implementation).
 * Version 1.1 adds {@code memo} and {@code bank_name}, which are not signed; each order names the fields its reply
 * leaves out of the signature (an MPAY order's {@code card_no}, 21 M12). Every product that declares
 * {@link QueriedOrders} is asked; when two products' orders share a {@code no_order}, the newer is answered.
 */
public final class OrderQueryRoutes {
    private static final Set<String> QUERY_VERSIONS = Set.of("1.0", "1.1");

    private final Supplier<List<QueriedOrders>> products;
    private final MerchantApi api;

    public OrderQueryRoutes(Supplier<List<QueriedOrders>> products, MerchantApi api) {
        this.products = products;
        this.api = api;
    }

    public void addTo(RoutesConfig routes) {
        // No product check: a merchant keeps seeing its orders after losing the product.
        routes.post("/llwalletapi/orderquery.htm", api.plainFormatted(null, this::query));
        routes.post("/orderquery.htm", api.plainFormatted(null, this::query));
    }

    /** The found order's fields, signed but for those the order leaves out of its signature. */
    private MerchantApi.FormattedReply query(ApiRequest r) {
        String version = FieldChecks.version(r, "query_version", false, QUERY_VERSIONS).orElse("1.0");
        Optional<String> noOrder = FieldChecks.optionalText(r, Fields.NO_ORDER, 32);
        // O7: oid_paybill is String(14) on this page and 18 elsewhere; up to 32 is accepted.
        Optional<String> oidPaybill = FieldChecks.optionalText(r, Fields.OID_PAYBILL, 32);
        if (noOrder.isEmpty() && oidPaybill.isEmpty()) {
            throw Refusal.badField(Fields.NO_ORDER);
        }
        Optional<String> dtOrder = r.optional(Fields.DT_ORDER).map(v -> FieldChecks.dateTime(r, Fields.DT_ORDER));
        FieldChecks.optionalText(r, "user_id", 32);
        OrderLookup lookup = new OrderLookup(noOrder, oidPaybill);
        boolean withMemo = version.equals("1.1");
        QueriedOrder found = products.get().stream()
                .flatMap(p -> p.find(r.merchant().ref(), lookup, dtOrder, withMemo).stream())
                .max(Comparator.comparing(QueriedOrder::createdAt))
                .orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        LinkedHashMap<String, String> reply = new LinkedHashMap<>();
        reply.put(Fields.RET_CODE, RetCode.SUCCESS.code());
        reply.put(Fields.RET_MSG, RetCode.SUCCESS.message());
        reply.putAll(found.reply());
        return new MerchantApi.FormattedReply(reply, ReplyFormat.signedExcept(found.unsignedFields()));
    }
}
