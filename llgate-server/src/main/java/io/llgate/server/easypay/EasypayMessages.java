package io.llgate.server.easypay;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.Fields;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignType;
import io.llgate.server.card.CardFields;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.PreAuthorizations;
import io.llgate.server.security.GatewayKeys;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The one mapper of easypay's wire messages: the apply and verify replies (20 §6, §7), the asynchronous notification
 * (§11) and the payment result query's fields (§12). Replies are signed by the API pipeline; the notification here.
 */
final class EasypayMessages {
    static final String TOKEN = "token";
    static final String NAME_GOODS = "name_goods";
    static final String CURRENCY_ORDER = "currency_order";
    private static final String WAITING_MEMO = "等待短信验证";
    private static final String PROCESSING_MEMO = "银行处理中";
    private static final String PAID_MEMO = "支付成功";
    private static final String CLOSED_MEMO = "订单超时关闭";
    private static final String SUCCESS = EasypayStatus.SUCCESS.name();
    /** {@code result_pay} of a payment reversed (§12). */
    private static final String REFUND = "REFUND";

    private final GatewayKeys keys;

    EasypayMessages(GatewayKeys keys) {
        this.keys = keys;
    }

    /**
     * The apply reply (§6): {@code 0000} with the token to verify, or, for a merchant without SMS verification, the
     * outcome; {@code 8888} when a repeated apply of a waiting order texted a new code.
     */
    LinkedHashMap<String, String> applied(MerchantRef merchant, EasypayOrder order, boolean resent) {
        RetCode code = resent ? RetCode.SMS_SENT_VERIFY_AGAIN : RetCode.SUCCESS;
        LinkedHashMap<String, String> reply = start(code, merchant);
        reply.put(Fields.NO_ORDER, order.noOrder());
        reply.put(Fields.DT_ORDER, order.dtOrder());
        reply.put(Fields.OID_PAYBILL, order.oidPaybill());
        reply.put(Fields.MONEY_ORDER, Amounts.format(order.moneyOrder()));
        boolean charged = order.status() != EasypayStatus.WAITING;
        reply.put(Fields.RESULT_PAY, charged ? order.status().resultPay() : null);
        reply.put(TOKEN, charged ? null : order.smsToken());
        reply.put(NAME_GOODS, order.nameGoods());
        reply.put(Fields.PAY_TYPE, order.payType().code());
        reply.put(Fields.INFO_ORDER, order.infoOrder());
        reply.put(Fields.BANK_CODE, order.bankCode());
        putPayment(reply, order);
        return reply;
    }

    /** The verify reply (§7, E9, E11): the outcome, with {@code currency_order} and never the token. */
    LinkedHashMap<String, String> verified(MerchantRef merchant, EasypayOrder order) {
        LinkedHashMap<String, String> reply = start(RetCode.SUCCESS, merchant);
        reply.put(Fields.NO_ORDER, order.noOrder());
        reply.put(Fields.DT_ORDER, order.dtOrder());
        reply.put(Fields.OID_PAYBILL, order.oidPaybill());
        reply.put(CURRENCY_ORDER, "CNY");
        reply.put(Fields.MONEY_ORDER, Amounts.format(order.moneyOrder()));
        reply.put(Fields.RESULT_PAY, order.status().resultPay());
        reply.put(NAME_GOODS, order.nameGoods());
        reply.put(Fields.PAY_TYPE, order.payType().code());
        reply.put(Fields.INFO_ORDER, order.infoOrder());
        reply.put(Fields.BANK_CODE, order.bankCode());
        putPayment(reply, order);
        return reply;
    }

    /** The signed asynchronous notification of a paid or authorized order (§11). */
    LinkedHashMap<String, String> notification(MerchantRef merchant, EasypayOrder order) {
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
        return MessageSignature.sign(keys.privateKey(), SignType.RSA, fields);
    }

    /**
     * The signed synchronous return of the WEB card payment page (§4.1, E3), posted by the payer's browser to
     * {@code url_return}: {@code ret_code} and {@code ret_msg} and no {@code result_pay}; {@code pay_type} as requested.
     */
    LinkedHashMap<String, String> webReturn(MerchantRef merchant, EasypayOrder order) {
        LinkedHashMap<String, String> fields = start(RetCode.SUCCESS, merchant);
        fields.put(Fields.NO_ORDER, order.noOrder());
        fields.put(Fields.DT_ORDER, order.dtOrder());
        fields.put(Fields.OID_PAYBILL, order.oidPaybill());
        fields.put(Fields.MONEY_ORDER, Amounts.format(order.moneyOrder()));
        fields.put(Fields.SETTLE_DATE, order.settleDate());
        fields.put(Fields.INFO_ORDER, order.infoOrder());
        fields.put(Fields.PAY_TYPE, order.payType().code());
        fields.put(Fields.BANK_CODE, order.bankCode());
        return MessageSignature.sign(keys.privateKey(), SignType.RSA, fields);
    }

    /** The signed {@code res_data} of the H5 card payment page's return (§5.1, E3): {@code result_pay}, no {@code ret_code}. */
    LinkedHashMap<String, String> h5Return(MerchantRef merchant, EasypayOrder order) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(Fields.OID_PARTNER, merchant.oidPartner());
        fields.put(Fields.NO_ORDER, order.noOrder());
        fields.put(Fields.DT_ORDER, order.dtOrder());
        fields.put(Fields.OID_PAYBILL, order.oidPaybill());
        fields.put(Fields.MONEY_ORDER, Amounts.format(order.moneyOrder()));
        fields.put(Fields.RESULT_PAY, order.status().resultPay());
        fields.put(Fields.SETTLE_DATE, order.settleDate());
        return MessageSignature.sign(keys.privateKey(), SignType.RSA, fields);
    }

    /**
     * The payment result query's fields (§12, E18) for the order as it stands at the time of the query; the masked
     * {@code card_no} is signed for easypay orders; {@code memo} and {@code bank_name} for {@code query_version} 1.1.
     * A pre-authorization ({@code pay_type} F) answers as its authorization stands (§10): authorized, {@code SUCCESS}
     * for the authorized amount; captured, {@code SUCCESS} for the captured amount on the capture's settle_date;
     * cancelled, {@code REFUND} (reversed); expired, {@code FAILURE}, as an order that expired unpaid (11 O8); and
     * its {@code memo} is the status query's {@code ret_msg}.
     */
    LinkedHashMap<String, String> queryFields(MerchantRef merchant, EasypayOrder order, EasypayStatus status,
                                              Optional<PreAuthorizations.Standing> authorization, boolean withMemo) {
        String resultPay = authorization.map(a -> resultPay(a.stage())).orElse(status.resultPay());
        boolean success = SUCCESS.equals(resultPay);
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(Fields.OID_PARTNER, merchant.oidPartner());
        fields.put(Fields.NO_ORDER, order.noOrder());
        fields.put(Fields.DT_ORDER, order.dtOrder());
        fields.put(Fields.OID_PAYBILL, order.oidPaybill());
        fields.put(Fields.MONEY_ORDER, Amounts.format(authorization.map(PreAuthorizations.Standing::money)
                .orElse(order.moneyOrder())));
        fields.put(Fields.RESULT_PAY, resultPay);
        // An authorization not yet captured has no settle date of its own: the payment's, as notified, stands.
        fields.put(Fields.SETTLE_DATE, success ? authorization.map(PreAuthorizations.Standing::settleDate)
                .orElse(order.settleDate()) : null);
        fields.put(Fields.INFO_ORDER, order.infoOrder());
        fields.put(Fields.PAY_TYPE, order.payType().code());
        fields.put(Fields.BANK_CODE, order.bankCode());
        if (withMemo) {
            fields.put("bank_name", order.bankName());
            fields.put("memo", authorization.map(PreAuthorizations.Standing::message).orElse(memo(order, status)));
        }
        fields.put(Fields.CARD_NO, order.holder().cardMasked());
        return fields;
    }

    /** The {@code result_pay} of a pre-authorization's payment at each stage of the authorization. */
    private static String resultPay(PreAuthorizations.Stage stage) {
        return switch (stage) {
            case AUTHORIZED, CAPTURED -> SUCCESS;
            case CANCELLED -> REFUND;
            case EXPIRED -> EasypayStatus.FAILURE.name();
        };
    }

    private static String memo(EasypayOrder order, EasypayStatus status) {
        return switch (status) {
            case WAITING -> WAITING_MEMO;
            case PROCESSING -> PROCESSING_MEMO;
            case SUCCESS, AUTHORIZED -> PAID_MEMO;
            case CLOSED -> CLOSED_MEMO;
            case FAILURE -> RetCode.of(order.failCode()).map(RetCode::message).orElse(order.failCode());
        };
    }

    /** {@code settle_date} and {@code no_agree}, only when the payment succeeded. */
    private static void putPayment(LinkedHashMap<String, String> reply, EasypayOrder order) {
        if (order.status().paid()) {
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
