package io.llgate.server.refund;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.http.Replies;
import io.llgate.server.security.MerchantUrlGuard;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refund API: apply on {@code /exchangerefund.htm} and {@code /refund.htm}, which real clients call,
 * and the result query on {@code /refundquery.htm}.
 */
public final class RefundRoutes {
    private static final Logger log = LoggerFactory.getLogger(RefundRoutes.class);
    private final Refunds refunds;
    private final MerchantApi api;
    private final MerchantUrlGuard urlGuard;

    public RefundRoutes(Refunds refunds, MerchantApi api, MerchantUrlGuard urlGuard) {
        this.refunds = refunds;
        this.api = api;
        this.urlGuard = urlGuard;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/exchangerefund.htm", api.plain(RefundProduct.IDENTITY, this::applyOrQuery));
        routes.post("/refund.htm", api.plain(RefundProduct.IDENTITY, this::apply));
        routes.post("/refundquery.htm", api.plain(RefundProduct.IDENTITY, this::query));
    }

    /** R2: the spec's query sample posts to the apply path; a body with neither amount nor notify_url is a query. */
    private LinkedHashMap<String, String> applyOrQuery(ApiRequest r) {
        if (r.optional("money_refund").isEmpty() && r.optional("notify_url").isEmpty()) {
            return query(r);
        }
        return apply(r);
    }

    private LinkedHashMap<String, String> apply(ApiRequest r) {
        traderRefund(r);
        String noRefund = FieldChecks.text(r, "no_refund", 32);
        String dtRefund = FieldChecks.dateTime(r, "dt_refund");
        long money = moneyRefund(r);
        Optional<String> noOrder = FieldChecks.optionalText(r, "no_order", 32);
        // R11: oid_paybill is String(32) here and 18 elsewhere; up to 32 is accepted.
        Optional<String> oidPaybill = FieldChecks.optionalText(r, "oid_paybill", 32);
        if (noOrder.isEmpty() && oidPaybill.isEmpty()) {
            throw Refusal.badField("no_order");
        }
        Optional<String> dtOrder = r.optional("dt_order").map(v -> FieldChecks.dateTime(r, "dt_order"));
        String notifyUrl = FieldChecks.url(r, "notify_url", 128, urlGuard);
        Refund refund = refunds.apply(r.merchant(),
                new RefundRequest(noRefund, dtRefund, money, noOrder, dtOrder, oidPaybill, notifyUrl));
        return reply(r, refund);
    }

    /**
     * 12 §5: by {@code no_refund}, by {@code oid_refundno} or by both, which must name the same refund;
     * {@code dt_refund} is only format-checked, never a match key, and the reply carries the stored one.
     */
    private LinkedHashMap<String, String> query(ApiRequest r) {
        traderRefund(r);
        Optional<String> noRefund = FieldChecks.optionalText(r, "no_refund", 32);
        Optional<String> oidRefundno = FieldChecks.optionalText(r, "oid_refundno", 32);
        if (noRefund.isEmpty() && oidRefundno.isEmpty()) {
            throw Refusal.badField("no_refund");
        }
        r.optional("dt_refund").ifPresent(v -> FieldChecks.dateTime(r, "dt_refund"));
        Optional<Refund> found;
        try {
            found = refunds.find(r.merchant().id(), noRefund, oidRefundno);
        } catch (JdbiException e) {
            log.error("refund query of {} failed", r.merchant().oidPartner(), e);
            throw Refusal.of(RetCode.REFUND_QUERY_FAILED);
        }
        return reply(r, found.orElseThrow(() -> Refusal.of(RetCode.NO_RECORD)));
    }

    /**
     * R14: {@code trader_refund} names the merchant a refund is made or queried for. The gateway keeps no links
     * between merchants, so only the requesting merchant itself is allowed; any other answers 5504.
     */
    private static void traderRefund(ApiRequest r) {
        Optional<String> trader = FieldChecks.optionalText(r, "trader_refund", 18);
        if (trader.isPresent() && !trader.get().equals(r.merchant().oidPartner())) {
            throw Refusal.of(RetCode.NO_OPERATION_PERMISSION, "trader_refund");
        }
    }

    private LinkedHashMap<String, String> reply(ApiRequest r, Refund refund) {
        LinkedHashMap<String, String> reply = refunds.describe(refund, Replies.success(r.merchant().oidPartner()));
        // R4: settle_date only for a refund that succeeded.
        if (refund.status() == RefundStatus.SUCCESS) {
            reply.put("settle_date", refund.settleDate());
        }
        return reply;
    }

    /** R10: an amount that is missing is a missing field; one that is malformed, zero or negative is 5003. */
    private static long moneyRefund(ApiRequest r) {
        String text = r.required("money_refund");
        try {
            return Amounts.parseFen(text);
        } catch (FieldFormatException e) {
            throw Refusal.of(RetCode.REFUND_AMOUNT_WRONG, "money_refund");
        }
    }
}
