package io.llgate.server.onlinebanking;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.Fields;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.kernel.QueriedOrders;
import io.llgate.server.security.GatewayKeys;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * The one mapper of online banking's wire messages. The asynchronous notification (01 §2.2), the synchronous return
 * to {@code url_return} (01 §3) and the payment result query's reply (11 §4) carry one field set, in the spec's
 * order. The query's reply differs only where the spec says so: the query puts {@code ret_code} and {@code ret_msg}
 * before it like every API reply, reports the order as it stands at the time of the query (an order past {@code valid_order}
 * reads as closed before the sweeper has written so), adds the unsigned {@code memo} and {@code bank_name} for
 * {@code query_version} 1.1, and is signed by the API pipeline with the merchant's {@code sign_type}, not here.
 */
public final class OnlineBankingMessages {
    public static final String MEMO = "memo";
    public static final String BANK_NAME = "bank_name";
    /** The 1.1 query's fields that stay out of the signature (O9). */
    public static final Set<String> UNSIGNED_QUERY_FIELDS = QueriedOrders.UNSIGNED_FIELDS;
    /** The bank-side messages a 1.1 query reports as {@code memo}. */
    static final String PAID_MEMO = "支付成功";
    static final String DECLINED_MEMO = "付款人未完成支付";
    static final String CLOSED_MEMO = "订单超时关闭";
    static final String WAITING_MEMO = "等待付款";

    private final GatewayKeys keys;
    private final Banks banks;

    OnlineBankingMessages(GatewayKeys keys, Banks banks) {
        this.keys = keys;
        this.banks = banks;
    }

    /** The signed asynchronous notification of a paid order. */
    LinkedHashMap<String, String> notification(MerchantRef merchant, OnlineBankingOrder order) {
        return MessageSignature.sign(keys.privateKey(), SignType.RSA, result(merchant, order, order.status()));
    }

    /** The signed synchronous return the payer's browser posts to url_return: the notification's fields (01 §3). */
    LinkedHashMap<String, String> syncReturn(MerchantRef merchant, OnlineBankingOrder order) {
        return notification(merchant, order);
    }

    /**
     * The payment result query's reply for the order as it stands at the time of the query, after {@code ret_code} and
     * {@code ret_msg}, not yet signed; {@code withMemo} for {@code query_version} 1.1.
     */
    LinkedHashMap<String, String> queryReply(MerchantRef merchant, OnlineBankingOrder order, OnlineBankingStatus status,
                                             boolean withMemo) {
        LinkedHashMap<String, String> reply = result(merchant, order, status);
        if (withMemo) {
            reply.put(MEMO, switch (status) {
                case WAITING -> WAITING_MEMO;
                case CLOSED -> CLOSED_MEMO;
                default -> order.memo();
            });
            reply.put(BANK_NAME, order.bankCodeIfChosen().flatMap(banks::find).map(Bank::bankName).orElse(null));
        }
        return reply;
    }

    /** The fields every message of an order carries; absent values (null) are left out when sent. */
    private static LinkedHashMap<String, String> result(MerchantRef merchant, OnlineBankingOrder order,
                                                        OnlineBankingStatus status) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put(Fields.OID_PARTNER, merchant.oidPartner());
        fields.put(Fields.NO_ORDER, order.noOrder());
        fields.put(Fields.DT_ORDER, order.dtOrder());
        fields.put(Fields.OID_PAYBILL, order.oidPaybill());
        fields.put(Fields.MONEY_ORDER, Amounts.format(order.moneyOrder()));
        fields.put(Fields.RESULT_PAY, status.resultPay());
        fields.put(Fields.SETTLE_DATE, status == OnlineBankingStatus.SUCCESS ? order.settleDate() : null);
        fields.put(Fields.INFO_ORDER, order.infoOrder());
        fields.put(Fields.PAY_TYPE, order.payTypeIfKnown().map(PayType::code).orElse(null));
        fields.put(Fields.BANK_CODE, order.bankCode());
        return fields;
    }
}
