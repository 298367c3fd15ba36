package io.llgate.server.instantpay;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.Fields;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignType;
import io.llgate.server.security.GatewayKeys;
import java.util.LinkedHashMap;

/**
 * Every wire message of instant payment past its header: the apply and confirm replies, and the payout's result,
 * which the query reply and the asynchronous notification carry alike. The web layer signs the replies; the
 * notification is signed here, once, when it is queued.
 */
final class PayoutMessages {
    private static final String CONFIRM_CODE = "confirm_code";

    private final GatewayKeys keys;

    PayoutMessages(GatewayKeys keys) {
        this.keys = keys;
    }

    /** After the header of an apply reply: the payout's number when it went to the bank, else its confirm code. */
    static LinkedHashMap<String, String> applied(String noOrder, InstantPayments.Outcome outcome) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(Fields.NO_ORDER, noOrder);
        if (outcome.code() == RetCode.SUCCESS) {
            fields.put(Fields.OID_PAYBILL, outcome.order().oidPaybill());
        } else {
            fields.put(CONFIRM_CODE, outcome.order().confirmCode());
        }
        return fields;
    }

    /** After the header of a confirm reply: the payout's number when it went to the bank. */
    static LinkedHashMap<String, String> confirmed(String noOrder, InstantPayments.Outcome outcome) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(Fields.NO_ORDER, noOrder);
        if (outcome.code() == RetCode.SUCCESS) {
            fields.put(Fields.OID_PAYBILL, outcome.order().oidPaybill());
        }
        return fields;
    }

    /**
     * The payout's result, after {@code oid_partner}: the body of the query reply (10 §7) and of the notification
     * (01 §2.1). N5: {@code info_order} echoes the merchant's; a failed payout without one carries the reason it
     * failed, in the query as in the notification, so both describe the payout alike.
     */
    static LinkedHashMap<String, String> result(InstantPayment order) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(Fields.NO_ORDER, order.noOrder());
        fields.put(Fields.DT_ORDER, order.dtOrder());
        fields.put(Fields.OID_PAYBILL, order.oidPaybill());
        fields.put(Fields.MONEY_ORDER, Amounts.format(order.moneyOrder()));
        fields.put(Fields.RESULT_PAY, order.status().name());
        if (order.status() == PayoutStatus.SUCCESS) {
            fields.put(Fields.SETTLE_DATE, order.settleDate());
        }
        String info = order.infoOrder();
        if ((info == null || info.isEmpty()) && order.status() == PayoutStatus.FAILURE) {
            info = order.failureReason();
        }
        fields.put(Fields.INFO_ORDER, info);
        return fields;
    }

    /** The asynchronous notification of 01 §2.1: exactly its fields, all strings, none empty, signed. */
    String notification(String oidPartner, InstantPayment order) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(Fields.OID_PARTNER, oidPartner);
        fields.putAll(result(order));
        return FlatJson.write(MessageSignature.sign(keys.privateKey(), SignType.RSA, fields));
    }
}
