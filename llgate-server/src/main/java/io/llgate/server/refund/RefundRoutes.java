package io.llgate.server.refund;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.protocol.Fields;
import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.Refusal;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
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
    private final RefundMessages messages;
    private final MerchantApi api;
    private final MerchantUrlGuard urlGuard;

    RefundRoutes(Refunds refunds, RefundMessages messages, MerchantApi api, MerchantUrlGuard urlGuard) {
        this.refunds = refunds;
        this.messages = messages;
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
        if (r.optional(Fields.MONEY_REFUND).isEmpty() && r.optional(Fields.NOTIFY_URL).isEmpty()) {
            return query(r);
        }
        return apply(r);
    }

    private LinkedHashMap<String, String> apply(ApiRequest r) {
        traderRefund(r);
        String noRefund = FieldChecks.text(r, Fields.NO_REFUND, 32);
        String dtRefund = FieldChecks.dateTime(r, Fields.DT_REFUND);
        long money = moneyRefund(r);
        Optional<String> noOrder = FieldChecks.optionalText(r, Fields.NO_ORDER, 32);
        // R11: oid_paybill is String(32) here and 18 elsewhere; up to 32 is accepted.
        Optional<String> oidPaybill = FieldChecks.optionalText(r, Fields.OID_PAYBILL, 32);
        if (noOrder.isEmpty() && oidPaybill.isEmpty()) {
            throw Refusal.badField(Fields.NO_ORDER);
        }
        Optional<String> dtOrder = r.optional(Fields.DT_ORDER).map(v -> FieldChecks.dateTime(r, Fields.DT_ORDER));
        String notifyUrl = FieldChecks.url(r, Fields.NOTIFY_URL, 128, urlGuard);
        Refund refund = refunds.apply(r.merchant().ref(),
                new RefundRequest(noRefund, dtRefund, money, noOrder, dtOrder, oidPaybill, notifyUrl));
        return messages.reply(refund, r.merchant().ref());
    }

    /**
     * 12 §5: by {@code no_refund}, by {@code oid_refundno} or by both, which must name the same refund;
     * {@code dt_refund} is only format-checked, never a match key, and the reply carries the stored one.
     */
    private LinkedHashMap<String, String> query(ApiRequest r) {
        traderRefund(r);
        Optional<String> noRefund = FieldChecks.optionalText(r, Fields.NO_REFUND, 32);
        Optional<String> oidRefundno = FieldChecks.optionalText(r, Fields.OID_REFUNDNO, 32);
        if (noRefund.isEmpty() && oidRefundno.isEmpty()) {
            throw Refusal.badField(Fields.NO_REFUND);
        }
        r.optional(Fields.DT_REFUND).ifPresent(v -> FieldChecks.dateTime(r, Fields.DT_REFUND));
        Optional<Refund> found;
        try {
            found = refunds.find(r.merchant().id(), noRefund, oidRefundno);
        } catch (JdbiException e) {
            log.error("refund query of {} failed", r.merchant().oidPartner(), e);
            throw Refusal.of(RetCode.REFUND_QUERY_FAILED);
        }
        return messages.reply(found.orElseThrow(() -> Refusal.of(RetCode.NO_RECORD)), r.merchant().ref());
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

    /** R10: an amount that is missing is a missing field; one that is malformed, zero or negative is 5003. */
    private static long moneyRefund(ApiRequest r) {
        String text = r.required(Fields.MONEY_REFUND);
        try {
            return Amounts.parseFen(text);
        } catch (FieldFormatException e) {
            throw Refusal.of(RetCode.REFUND_AMOUNT_WRONG, Fields.MONEY_REFUND);
        }
    }
}
