package io.llgate.server.mpay;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.Fields;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignType;
import io.llgate.server.card.CardFields;
import io.llgate.server.card.CardHolder;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.QueriedOrders;
import io.llgate.server.security.GatewayKeys;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * The one mapper of MPAY's wire messages: the apply and verify replies (21 §6, §7), the asynchronous notification (§8)
 * and the payment result query's fields (§9). Replies are signed by the API pipeline; the notification here.
 */
final class MpayMessages {
    static final String TOKEN = "token";
    static final String NAME_GOODS = "name_goods";
    /** M12: the masked card of an MPAY order's query reply is not signed, nor are the 1.1 fields. */
    static final Set<String> QUERY_UNSIGNED = unsignedQueryFields();
    private static final String WAITING_MEMO = "等待短信验证";
    private static final String PROCESSING_MEMO = "银行处理中";
    private static final String PAID_MEMO = "支付成功";
    private static final String CLOSED_MEMO = "订单超时关闭";

    private final GatewayKeys keys;

    MpayMessages(GatewayKeys keys) {
        this.keys = keys;
    }

    private static Set<String> unsignedQueryFields() {
        Set<String> fields = new HashSet<>(QueriedOrders.UNSIGNED_FIELDS);
        fields.add(Fields.CARD_NO);
        return Set.copyOf(fields);
    }

    /**
     * The apply reply (§6, M6): {@code 8888} with the token to verify (a repeated apply of a waiting order texts a new
     * code under the same token); for a merchant without SMS verification {@code 0000} with the outcome,
     * {@code result_pay}, and {@code settle_date} and {@code no_agree} once paid.
     */
    LinkedHashMap<String, String> applied(MerchantRef merchant, MpayOrder order) {
        boolean waiting = order.status() == MpayStatus.WAITING;
        LinkedHashMap<String, String> reply = start(waiting ? RetCode.SMS_SENT_VERIFY_AGAIN : RetCode.SUCCESS, merchant);
        reply.put(Fields.NO_ORDER, order.noOrder());
        reply.put(Fields.DT_ORDER, order.dtOrder());
        reply.put(Fields.OID_PAYBILL, order.oidPaybill());
        reply.put(Fields.MONEY_ORDER, Amounts.format(order.moneyOrder()));
        reply.put(TOKEN, waiting ? order.smsToken() : null);
        reply.put(Fields.RESULT_PAY, waiting ? null : order.status().resultPay());
        reply.put(Fields.INFO_ORDER, order.infoOrder());
        putPayment(reply, order);
        return reply;
    }

    /** The verify reply (§7, M10): the outcome, never the token. */
    LinkedHashMap<String, String> verified(MerchantRef merchant, MpayOrder order) {
        LinkedHashMap<String, String> reply = start(RetCode.SUCCESS, merchant);
        reply.put(Fields.NO_ORDER, order.noOrder());
        reply.put(Fields.DT_ORDER, order.dtOrder());
        reply.put(Fields.OID_PAYBILL, order.oidPaybill());
        reply.put(Fields.MONEY_ORDER, Amounts.format(order.moneyOrder()));
        reply.put(Fields.RESULT_PAY, order.status().resultPay());
        reply.put(Fields.INFO_ORDER, order.infoOrder());
        putPayment(reply, order);
        return reply;
    }

    /**
     * The signed asynchronous notification of a paid order (§8); with the payer's {@code id_type}, {@code id_no},
     * {@code acct_name} and {@code card_no} inside the signature when the merchant has them switched on (M15).
     */
    LinkedHashMap<String, String> notification(MerchantRef merchant, MpayOrder order, CardHolder holder,
                                               boolean withHolder) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(Fields.OID_PARTNER, merchant.oidPartner());
        fields.put(Fields.NO_ORDER, order.noOrder());
        fields.put(Fields.DT_ORDER, order.dtOrder());
        fields.put(Fields.OID_PAYBILL, order.oidPaybill());
        fields.put(Fields.MONEY_ORDER, Amounts.format(order.moneyOrder()));
        fields.put(Fields.RESULT_PAY, order.status().resultPay());
        fields.put(Fields.SETTLE_DATE, order.settleDate());
        fields.put(Fields.INFO_ORDER, order.infoOrder());
        fields.put(Fields.PAY_TYPE, order.payType().code());
        fields.put(Fields.BANK_CODE, order.bankCode());
        fields.put(CardFields.NO_AGREE, order.noAgree());
        if (withHolder) {
            fields.put(CardFields.ID_TYPE, holder.idType().code());
            fields.put(CardFields.ID_NO, holder.idNo());
            fields.put(CardFields.ACCT_NAME, holder.acctName());
            fields.put(CardFields.CARD_NO, holder.cardNo());
        }
        return MessageSignature.sign(keys.privateKey(), SignType.RSA, fields);
    }

    /**
     * The payment result query's fields (§9, M12) for the order as it stands at the time of the query: {@code pay_type}
     * as requested, the masked {@code card_no} (left out of the signature), and {@code memo} and {@code bank_name} for
     * {@code query_version} 1.1.
     */
    LinkedHashMap<String, String> queryFields(MerchantRef merchant, MpayOrder order, MpayStatus status,
                                              boolean withMemo) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(Fields.OID_PARTNER, merchant.oidPartner());
        fields.put(Fields.NO_ORDER, order.noOrder());
        fields.put(Fields.DT_ORDER, order.dtOrder());
        fields.put(Fields.OID_PAYBILL, order.oidPaybill());
        fields.put(Fields.MONEY_ORDER, Amounts.format(order.moneyOrder()));
        fields.put(Fields.RESULT_PAY, status.resultPay());
        fields.put(Fields.SETTLE_DATE, status == MpayStatus.SUCCESS ? order.settleDate() : null);
        fields.put(Fields.INFO_ORDER, order.infoOrder());
        fields.put(Fields.PAY_TYPE, order.payType().code());
        fields.put(Fields.BANK_CODE, order.bankCode());
        if (withMemo) {
            fields.put("bank_name", order.bankName());
            fields.put("memo", memo(order, status));
        }
        fields.put(Fields.CARD_NO, order.holder().cardMasked());
        return fields;
    }

    private static String memo(MpayOrder order, MpayStatus status) {
        return switch (status) {
            case WAITING -> WAITING_MEMO;
            case PROCESSING -> PROCESSING_MEMO;
            case SUCCESS -> PAID_MEMO;
            case CLOSED -> CLOSED_MEMO;
            case FAILURE -> RetCode.of(order.failCode()).map(RetCode::message).orElse(order.failCode());
        };
    }

    /** {@code settle_date} and {@code no_agree}, only when the payment succeeded. */
    private static void putPayment(LinkedHashMap<String, String> reply, MpayOrder order) {
        if (order.status() == MpayStatus.SUCCESS) {
            reply.put(Fields.SETTLE_DATE, order.settleDate());
            reply.put(CardFields.NO_AGREE, order.noAgree());
        }
    }

    private static LinkedHashMap<String, String> start(RetCode code, MerchantRef merchant) {
        LinkedHashMap<String, String> reply = new LinkedHashMap<>();
        reply.put(Fields.RET_CODE, code.code());
        reply.put(Fields.RET_MSG, code.message());
        reply.put(Fields.OID_PARTNER, merchant.oidPartner());
        return reply;
    }
}
