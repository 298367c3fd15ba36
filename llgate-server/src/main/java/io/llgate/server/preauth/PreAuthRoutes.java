package io.llgate.server.preauth;

import io.javalin.config.RoutesConfig;
import io.llgate.protocol.Amounts;
import io.llgate.protocol.FieldFormatException;
import io.llgate.protocol.Fields;
import io.llgate.protocol.RetCode;
import io.llgate.server.http.ApiRequest;
import io.llgate.server.http.FieldChecks;
import io.llgate.server.http.MerchantApi;
import io.llgate.server.kernel.Refusal;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * The pre-authorization API: capture on {@code /preauthComplete.htm} (20 §8), cancel on {@code /preauthCancel.htm}
 * (§9) and the status query on {@code /preauthquery.htm} (§10, E15).
 */
final class PreAuthRoutes {
    static final String CAPTURE = "/preauthComplete.htm";
    static final String CANCEL = "/preauthCancel.htm";
    static final String QUERY = "/preauthquery.htm";
    /** E14: LianLian's own samples spell {@code api_version} so. */
    private static final String API_VERSION_AS_SAMPLED = "api_verion";
    /** A well-formed amount: digits with at most two decimals, whatever its value. */
    private static final String AMOUNT_SHAPE = "\\d{1,12}(\\.\\d{1,2})?";

    private final PreAuths preAuths;
    private final PreAuthMessages messages;
    private final MerchantApi api;

    PreAuthRoutes(PreAuths preAuths, PreAuthMessages messages, MerchantApi api) {
        this.preAuths = preAuths;
        this.messages = messages;
        this.api = api;
    }

    void addTo(RoutesConfig routes) {
        routes.post(CAPTURE, api.plain(PreAuthProduct.IDENTITY, this::capture));
        routes.post(CANCEL, api.plain(PreAuthProduct.IDENTITY, this::cancel));
        // No product check: a merchant keeps seeing its authorizations after losing the product.
        routes.post(QUERY, api.plain(null, this::query));
    }

    private LinkedHashMap<String, String> capture(ApiRequest r) {
        FieldChecks.optionalText(r, "risk_item", 4096);
        PreAuth captured = preAuths.capture(r.merchant().ref(), change(r));
        return messages.captureReply(r.merchant().ref(), captured);
    }

    private LinkedHashMap<String, String> cancel(ApiRequest r) {
        PreAuth cancelled = preAuths.cancel(r.merchant().ref(), change(r));
        return messages.cancelReply(r.merchant().ref(), cancelled);
    }

    /** E15: one path for both hosts; {@code no_order} or {@code oid_paybill}; the state in {@code ret_code}. */
    private LinkedHashMap<String, String> query(ApiRequest r) {
        common(r);
        Optional<String> noOrder = FieldChecks.optionalText(r, Fields.NO_ORDER, 32);
        Optional<String> oidPaybill = FieldChecks.optionalText(r, Fields.OID_PAYBILL, 32);
        if (noOrder.isEmpty() && oidPaybill.isEmpty()) {
            throw Refusal.badField(Fields.NO_ORDER);
        }
        String dtOrder = FieldChecks.dateTime(r, Fields.DT_ORDER);
        return preAuths.query(r.merchant().ref(), noOrder, oidPaybill, dtOrder);
    }

    /** The fields capture and cancel share. */
    private static PreAuthChange change(ApiRequest r) {
        common(r);
        String userId = FieldChecks.text(r, PreAuthMessages.USER_ID, 32);
        String noOrder = FieldChecks.text(r, Fields.NO_ORDER, 32);
        String dtOrder = FieldChecks.dateTime(r, Fields.DT_ORDER);
        Optional<String> oidPaybill = FieldChecks.optionalText(r, Fields.OID_PAYBILL, 32);
        return new PreAuthChange(noOrder, oidPaybill, dtOrder, userId, moneyOrder(r));
    }

    /** The fields every pre-authorization call carries: {@code api_version} 1.0, {@code pay_type} F, a platform. */
    private static void common(ApiRequest r) {
        String version = r.optional(Fields.API_VERSION).isEmpty() && r.optional(API_VERSION_AS_SAMPLED).isPresent()
                ? API_VERSION_AS_SAMPLED : Fields.API_VERSION;
        FieldChecks.version(r, version, true, Set.of("1.0"));
        if (!r.required(Fields.PAY_TYPE).equals(PreAuthMessages.PAY_TYPE)) {
            throw Refusal.badField(Fields.PAY_TYPE);
        }
        FieldChecks.optionalText(r, "platform", 32);
    }

    /**
     * E14, E16: an amount with up to two decimals; one that is not an amount is 1004, one that is but cannot be
     * captured or cancelled (nothing, or beyond any order) is 7017, as are amounts the authorization refuses.
     */
    private static long moneyOrder(ApiRequest r) {
        String text = r.required(Fields.MONEY_ORDER);
        try {
            return Amounts.parseFen(text);
        } catch (FieldFormatException e) {
            if (text.matches(AMOUNT_SHAPE)) {
                throw Refusal.of(RetCode.AMOUNT_INCORRECT, Fields.MONEY_ORDER);
            }
            throw Refusal.badField(Fields.MONEY_ORDER);
        }
    }
}
