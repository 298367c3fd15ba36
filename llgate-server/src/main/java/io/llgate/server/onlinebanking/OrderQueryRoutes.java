package io.llgate.server.onlinebanking;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.Replies;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The payment result query, {@code /llwalletapi/orderquery.htm} and {@code /orderquery.htm} (O9): one
 * order by {@code no_order} or {@code oid_paybill}. Version 1.1 adds {@code memo} and {@code bank_name},
 * which are not signed.
 */
public final class OrderQueryRoutes {
    static final Set<String> UNSIGNED_FIELDS = Set.of("memo", "bank_name");
    private static final Set<String> QUERY_VERSIONS = Set.of("1.0", "1.1");
    static final String WAITING_MEMO = "等待付款";

    private final OnlineBankingPayments payments;
    private final MerchantApi api;
    private final Clock clock;

    public OrderQueryRoutes(OnlineBankingPayments payments, MerchantApi api, Clock clock) {
        this.payments = payments;
        this.api = api;
        this.clock = clock;
    }

    public void addTo(RoutesConfig routes) {
        // No product check: a merchant keeps seeing its orders after losing the product.
        routes.post("/llwalletapi/orderquery.htm", api.plain(null, UNSIGNED_FIELDS, this::query));
        routes.post("/orderquery.htm", api.plain(null, UNSIGNED_FIELDS, this::query));
    }

    private LinkedHashMap<String, String> query(ApiRequest r) {
        String version = FieldChecks.version(r, "query_version", false, QUERY_VERSIONS).orElse("1.0");
        Optional<String> noOrder = FieldChecks.optionalText(r, "no_order", 32);
        // O7: oid_paybill is String(14) on this page and 18 elsewhere; up to 32 is accepted.
        Optional<String> oidPaybill = FieldChecks.optionalText(r, "oid_paybill", 32);
        if (noOrder.isEmpty() && oidPaybill.isEmpty()) {
            throw Refusal.badField("no_order");
        }
        Optional<String> dtOrder = r.optional("dt_order").map(v -> FieldChecks.dateTime(r, "dt_order"));
        FieldChecks.optionalText(r, "user_id", 32);
        OnlineBankingOrder order = payments.find(r.merchant().id(), noOrder, oidPaybill)
                .filter(o -> dtOrder.map(o.dtOrder()::equals).orElse(true))
                .orElseThrow(() -> Refusal.of(RetCode.NO_RECORD));
        OrderStatus status = order.statusAt(clock.instant());
        LinkedHashMap<String, String> reply = Replies.success(r.merchant().oidPartner());
        reply.put("no_order", order.noOrder());
        reply.put("dt_order", order.dtOrder());
        reply.put("oid_paybill", order.oidPaybill());
        reply.put("money_order", Amounts.format(order.moneyOrder()));
        reply.put("result_pay", status.resultPay());
        if (status == OrderStatus.SUCCESS) {
            reply.put("settle_date", order.settleDate());
        }
        reply.put("info_order", order.infoOrder());
        reply.put("pay_type", order.payTypeIfKnown().map(PayType::code).orElse(null));
        reply.put("bank_code", order.bankCode());
        if (version.equals("1.1")) {
            reply.put("memo", switch (status) {
                case WAITING -> WAITING_MEMO;
                case CLOSED -> OnlineBankingPayments.CLOSED_MEMO;
                default -> order.memo();
            });
            reply.put("bank_name", order.bankCodeIfChosen().flatMap(payments.banks()::find).map(Bank::bankName)
                    .orElse(null));
        }
        return reply;
    }
}
