package io.llgate.server.onlinebanking;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import io.llgate.server.kernel.MerchantRef;
import io.llgate.server.security.GatewayKeys;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one mapper of online banking's messages: the notification, the return to url_return and the query's reply. */
class OnlineBankingMessagesTest {
    private static final KeyPair KEYS = RsaKeys.generate(1024);
    private static final OnlineBankingMessages MESSAGES =
            new OnlineBankingMessages(new GatewayKeys(KEYS.getPrivate(), KEYS.getPublic()), Banks.standard());
    private static final MerchantRef MERCHANT = new MerchantRef(7, "201912300000123456");
    private static final List<String> RESULT_FIELDS = List.of("oid_partner", "no_order", "dt_order", "oid_paybill",
            "money_order", "result_pay", "settle_date", "info_order", "pay_type", "bank_code");

    private static OnlineBankingOrder order(OnlineBankingStatus status, String settleDate, String memo) {
        Instant created = Instant.parse("2024-06-12T02:15:00Z");
        return new OnlineBankingOrder(42, MERCHANT.id(), "WEB20240612001", "2024061200023456", "20240612101500", 8_880,
                "u_778812", "羽毛球拍", "订单备注", "https://shop.example.com/pay/notify",
                "https://shop.example.com/pay/return", "UTF-8", null, PayType.DEBIT, "03080000", status, memo,
                settleDate, "ab12", "cd34", created.plusSeconds(1800), created);
    }

    @Test
    void theNotificationAndTheReturnCarryTheSpecsFieldsSignedWithTheGatewaysKey() {
        OnlineBankingOrder paid = order(OnlineBankingStatus.SUCCESS, "20240612", OnlineBankingMessages.PAID_MEMO);

        LinkedHashMap<String, String> notification = MESSAGES.notification(MERCHANT, paid);

        assertThat(notification.keySet()).containsSubsequence(RESULT_FIELDS).contains("sign_type", "sign");
        assertThat(notification).containsEntry("money_order", "88.80").containsEntry("result_pay", "SUCCESS")
                .containsEntry("settle_date", "20240612").containsEntry("pay_type", "1")
                .doesNotContainKeys("ret_code", "memo", "bank_name");
        assertThat(MessageSignature.verify(KEYS.getPublic(), SignType.RSA, notification).valid()).isTrue();
        assertThat(MESSAGES.syncReturn(MERCHANT, paid)).isEqualTo(notification);
    }

    @Test
    void theQueryReplyIsTheSameFieldsUnsigned() {
        OnlineBankingOrder paid = order(OnlineBankingStatus.SUCCESS, "20240612", OnlineBankingMessages.PAID_MEMO);
        LinkedHashMap<String, String> notification = MESSAGES.notification(MERCHANT, paid);

        LinkedHashMap<String, String> reply = MESSAGES.queryReply(MERCHANT, paid, paid.status(), false);

        assertThat(reply.keySet()).startsWith("oid_partner").doesNotContain("ret_code", "sign", "memo", "bank_name");
        RESULT_FIELDS.forEach(field -> assertThat(reply.get(field)).as(field).isEqualTo(notification.get(field)));
    }

    @Test
    void version11AddsTheMemoAndTheBankName() {
        OnlineBankingOrder paid = order(OnlineBankingStatus.SUCCESS, "20240612", OnlineBankingMessages.PAID_MEMO);

        LinkedHashMap<String, String> reply = MESSAGES.queryReply(MERCHANT, paid, paid.status(), true);

        assertThat(reply).containsEntry("memo", "支付成功").containsEntry("bank_name", "招商银行");
        assertThat(OnlineBankingMessages.UNSIGNED_QUERY_FIELDS).containsExactlyInAnyOrder("memo", "bank_name");
    }

    @Test
    void anOrderPastItsTimeReadsAsClosedFailureWithoutSettleDate() {
        OnlineBankingOrder waiting = order(OnlineBankingStatus.WAITING, null, null);

        LinkedHashMap<String, String> reply = MESSAGES.queryReply(MERCHANT, waiting, OnlineBankingStatus.CLOSED, true);

        assertThat(reply).containsEntry("result_pay", "FAILURE").containsEntry("memo", "订单超时关闭");
        assertThat(reply.get("settle_date")).isNull();
        assertThat(MESSAGES.queryReply(MERCHANT, waiting, OnlineBankingStatus.WAITING, true))
                .containsEntry("result_pay", "WAITING").containsEntry("memo", "等待付款");
    }
}
