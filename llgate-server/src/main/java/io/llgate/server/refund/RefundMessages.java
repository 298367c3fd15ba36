package io.llgate.server.refund;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.Fields;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignType;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.notify.OutgoingNotification;
import io.llgate.server.security.GatewayKeys;
import java.util.LinkedHashMap;

/**
 * Every wire message about a refund: the reply of an apply or a query that found it (12 §4) and its notification
 * (01 §2.7). Both carry the same fields in the order of the spec's sample; only the notification is signed here, the
 * replies are signed by the web layer with the merchant's {@code sign_type}.
 */
final class RefundMessages {
    /**
     * R1: a CNY payment's refund carries neutral exchange fields; a refund of a payment in another currency carries
     * the payment's rate, by id and value.
     */
    private static final String RATE_ID = "1";
    private static final String RATE = "1.00";
    private static final String EXCHANGE_BANKCODE = "01040000";

    private final GatewayKeys keys;

    RefundMessages(GatewayKeys keys) {
        this.keys = keys;
    }

    /** The answer to an apply or a query (12 §4); R4: {@code settle_date} only for a refund that succeeded. */
    LinkedHashMap<String, String> reply(Refund refund, MerchantRef merchant) {
        LinkedHashMap<String, String> reply = message(refund, merchant);
        if (refund.status() == RefundStatus.SUCCESS) {
            reply.put(Fields.SETTLE_DATE, refund.settleDate());
        }
        return reply;
    }

    /**
     * The notification of a finished refund, signed once here so that every attempt sends the same bytes
     * (01 §2.7, N7: with ret_code and ret_msg, and the settle_date of either outcome).
     */
    OutgoingNotification notification(Refund refund, MerchantRef merchant) {
        LinkedHashMap<String, String> fields = message(refund, merchant);
        fields.put(Fields.SETTLE_DATE, refund.settleDate());
        String body = FlatJson.write(MessageSignature.sign(keys.privateKey(), SignType.RSA, fields));
        return new OutgoingNotification(refund.merchantId(), RefundProduct.IDENTITY.name(), refund.oidRefundno(),
                refund.noRefund(), refund.status().name(), refund.notifyUrl(), body);
    }

    /** The fields both messages start with. */
    private static LinkedHashMap<String, String> message(Refund refund, MerchantRef merchant) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(Fields.RET_CODE, RetCode.SUCCESS.code());
        fields.put(Fields.RET_MSG, RetCode.SUCCESS.message());
        fields.put(Fields.OID_PARTNER, merchant.oidPartner());
        fields.put(Fields.NO_REFUND, refund.noRefund());
        fields.put(Fields.DT_REFUND, refund.dtRefund());
        fields.put(Fields.OID_REFUNDNO, refund.oidRefundno());
        // money_refund echoes the request, which is in the order's currency; money_foreign_refund is that amount too.
        String money = Amounts.format(refund.moneyRefund());
        fields.put(Fields.MONEY_REFUND, money);
        fields.put("money_foreign_refund", money);
        fields.put("rate_id", refund.foreign() ? Long.toString(refund.rateId()) : RATE_ID);
        fields.put("rate", refund.foreign() ? refund.exchangeRate() : RATE);
        fields.put("exchange_bankcode", EXCHANGE_BANKCODE);
        fields.put(Fields.STA_REFUND, refund.status().staRefund());
        return fields;
    }
}
