package io.llgate.server.exchange;

import io.llgate.protocol.Fields;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.SignType;
import io.llgate.server.card.CardFields;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.security.GatewayKeys;
import java.util.LinkedHashMap;

/**
 * The one mapper of exchange payment's wire messages: the apply and verify replies (23 §4, §5), the asynchronous
 * notification (§6) and the result query's reply (§7). Every message about an order carries its frozen price: the
 * order's currency and amount, {@code exchange_rate}, what the payer was charged in yuan and what the merchant is
 * settled; settlement fields use the tables' spelling (X1). Replies are signed by the API pipeline; the notification
 * here.
 */
final class ExchangeMessages {
    static final String TOKEN = "token";
    static final String NAME_GOODS = "name_goods";
    static final String USER_ID = "user_id";
    static final String CURRENCY_ORDER = "currency_order";
    static final String CURRENCY_SETTLE = "currency_settle";
    static final String MONEY_SETTLE = "money_settle";
    static final String CURRENCY_PAY = "currency_pay";
    static final String MONEY_PAY = "money_pay";
    static final String EXCHANGE_RATE = "exchange_rate";
    static final String MEMO = "memo";
    /** The memo of an order {@code valid_order} closed unpaid (§7's sample). */
    static final String EXPIRED_MEMO = "订单已过期";
    private static final String WAITING_MEMO = "等待短信验证";
    private static final String PROCESSING_MEMO = "银行处理中";
    private static final String PAID_MEMO = "支付成功";
    private static final String REFUND_MEMO = "已退款";

    private final GatewayKeys keys;

    ExchangeMessages(GatewayKeys keys) {
        this.keys = keys;
    }

    /**
     * The apply reply (§4): the token to verify, or, for a merchant without SMS verification, {@code result_pay}; the
     * order's price either way, so the merchant can show the payer the yuan amount before the code is typed.
     */
    LinkedHashMap<String, String> applied(MerchantRef merchant, ExchangeOrder order) {
        LinkedHashMap<String, String> reply = start(merchant, order);
        boolean waiting = order.status() == ExchangeStatus.WAITING;
        reply.put(Fields.RESULT_PAY, waiting ? null : order.status().name());
        reply.put(TOKEN, waiting ? order.smsToken() : null);
        putOutcome(reply, order);
        return reply;
    }

    /** The verify reply (§5): the outcome, {@code SUCCESS} or {@code PROCESSING}, with the price. */
    LinkedHashMap<String, String> verified(MerchantRef merchant, ExchangeOrder order) {
        LinkedHashMap<String, String> reply = start(merchant, order);
        reply.put(Fields.RESULT_PAY, order.status().name());
        putOutcome(reply, order);
        return reply;
    }

    /** The result query's reply (§7) for the order as it stands at {@code status}, with a {@code memo}. */
    LinkedHashMap<String, String> queried(MerchantRef merchant, ExchangeOrder order, ExchangeStatus status) {
        LinkedHashMap<String, String> reply = start(merchant, order);
        reply.put(Fields.RESULT_PAY, status.name());
        reply.put(MEMO, memo(order, status));
        putOutcome(reply, order, status);
        return reply;
    }

    /** The signed notification of a paid order (§6), with {@code ret_code} and {@code ret_msg} (N7). */
    LinkedHashMap<String, String> notification(MerchantRef merchant, ExchangeOrder order) {
        LinkedHashMap<String, String> fields = start(merchant, order);
        fields.put(Fields.RESULT_PAY, order.status().name());
        putOutcome(fields, order);
        return MessageSignature.sign(keys.privateKey(), SignType.RSA, fields);
    }

    private static LinkedHashMap<String, String> start(MerchantRef merchant, ExchangeOrder order) {
        LinkedHashMap<String, String> reply = new LinkedHashMap<>();
        reply.put(Fields.RET_CODE, RetCode.SUCCESS.code());
        reply.put(Fields.RET_MSG, RetCode.SUCCESS.message());
        reply.put(Fields.OID_PARTNER, merchant.oidPartner());
        reply.put(Fields.NO_ORDER, order.noOrder());
        reply.put(Fields.DT_ORDER, order.dtOrder());
        reply.put(Fields.OID_PAYBILL, order.oidPaybill());
        reply.put(CURRENCY_ORDER, order.moneyOrder().currency().getCurrencyCode());
        reply.put(Fields.MONEY_ORDER, order.moneyOrder().wire());
        return reply;
    }

    private static void putOutcome(LinkedHashMap<String, String> reply, ExchangeOrder order) {
        putOutcome(reply, order, order.status());
    }

    /** The price, always; {@code settle_date} and what a payment made only once paid (X12). */
    private static void putOutcome(LinkedHashMap<String, String> reply, ExchangeOrder order, ExchangeStatus status) {
        ExchangePrice price = order.price();
        if (status.paid()) {
            reply.put(Fields.SETTLE_DATE, order.settleDate());
        }
        reply.put(Fields.INFO_ORDER, order.infoOrder());
        reply.put(Fields.PAY_TYPE, order.payType().code());
        reply.put(Fields.BANK_CODE, order.bankCode());
        reply.put(CURRENCY_SETTLE, price.settle().currency().getCurrencyCode());
        reply.put(MONEY_SETTLE, price.settle().wire());
        reply.put(CURRENCY_PAY, price.pay().currency().getCurrencyCode());
        reply.put(MONEY_PAY, price.pay().wire());
        reply.put(EXCHANGE_RATE, price.exchangeRate());
        if (status.paid()) {
            reply.put(CardFields.NO_AGREE, order.noAgree());
        }
    }

    private static String memo(ExchangeOrder order, ExchangeStatus status) {
        return switch (status) {
            case CREATED, WAITING -> WAITING_MEMO;
            case PROCESSING -> PROCESSING_MEMO;
            case SUCCESS -> PAID_MEMO;
            case REFUND -> REFUND_MEMO;
            case FAILURE -> order.memo() != null ? order.memo()
                    : order.failCode() != null ? RetCode.of(order.failCode()).map(RetCode::message).orElse(order.failCode())
                    : EXPIRED_MEMO;
        };
    }
}
