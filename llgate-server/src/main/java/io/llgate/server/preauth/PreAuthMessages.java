package io.llgate.server.preauth;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.Fields;
import io.llgate.protocol.RetCode;
import io.llgate.server.kernel.MerchantRef;
import java.util.LinkedHashMap;

/**
 * The one mapper of pre-authorization's wire messages: the capture's reply (20 §8), the cancel's (§9) and the status
 * query's (§10), whose {@code ret_code} is the state. The API pipeline signs them.
 */
final class PreAuthMessages {
    /** The {@code pay_type} of an authorization: easypay's pre-authorization. */
    static final String PAY_TYPE = "F";
    static final String USER_ID = "user_id";

    /** The reply to a capture: the captured amount and the business day it is paid on. */
    LinkedHashMap<String, String> captureReply(MerchantRef merchant, PreAuth auth) {
        LinkedHashMap<String, String> reply = success(merchant, auth);
        reply.put(Fields.MONEY_ORDER, Amounts.format(auth.moneyOrder()));
        reply.put(Fields.SETTLE_DATE, auth.settleDate());
        reply.put(Fields.INFO_ORDER, auth.infoOrder());
        return reply;
    }

    /** The reply to a cancel. */
    LinkedHashMap<String, String> cancelReply(MerchantRef merchant, PreAuth auth) {
        LinkedHashMap<String, String> reply = success(merchant, auth);
        reply.put(USER_ID, auth.userId());
        return reply;
    }

    /**
     * The status query's reply: the state as it stands at the time of the query in {@code ret_code} and
     * {@code ret_msg}, and the captured amount once captured, else the authorized one.
     */
    LinkedHashMap<String, String> queryReply(MerchantRef merchant, PreAuth auth, PreAuthStatus status) {
        LinkedHashMap<String, String> reply = new LinkedHashMap<>();
        reply.put(Fields.RET_CODE, status.code());
        reply.put(Fields.RET_MSG, status.message());
        reply.putAll(order(merchant, auth));
        reply.put(Fields.MONEY_ORDER, Amounts.format(auth.moneyOrder()));
        return reply;
    }

    private static LinkedHashMap<String, String> success(MerchantRef merchant, PreAuth auth) {
        LinkedHashMap<String, String> reply = new LinkedHashMap<>();
        reply.put(Fields.RET_CODE, RetCode.SUCCESS.code());
        reply.put(Fields.RET_MSG, RetCode.SUCCESS.message());
        reply.putAll(order(merchant, auth));
        return reply;
    }

    private static LinkedHashMap<String, String> order(MerchantRef merchant, PreAuth auth) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(Fields.OID_PARTNER, merchant.oidPartner());
        fields.put(Fields.NO_ORDER, auth.noOrder());
        fields.put(Fields.DT_ORDER, auth.dtOrder());
        fields.put(Fields.OID_PAYBILL, auth.oidPaybill());
        return fields;
    }
}
