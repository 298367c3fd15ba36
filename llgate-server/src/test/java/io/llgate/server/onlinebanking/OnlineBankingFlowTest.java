package io.llgate.server.onlinebanking;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Online banking over plain HTTP, page by page: pay, decline, return once, notify, query, balance. */
class OnlineBankingFlowTest {
    static Gateway gateway;
    static NotificationReceiver receiver;
    static PageClient payer;
    static TestAdmin admin;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        payer = new PageClient(gateway);
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void approvedPaymentReturnsOnceNotifiesAndCreditsTheUnsettledBalance() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        String notifyUrl = receiver.url("/notify/" + merchant.oidPartner());
        String urlReturn = receiver.url("/return/" + merchant.oidPartner());
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("88.80", notifyUrl);
        form.put("url_return", urlReturn);
        form.put("bank_code", "03080000");
        form.put("pay_type", "1");

        Page posted = payer.postForm("/payment/bankgateway.htm", merchant.sign(form), StandardCharsets.UTF_8);

        assertThat(posted.status()).as(posted.html()).isEqualTo(303);
        assertThat(posted.location()).startsWith("/bank/");
        Page bank = payer.get(posted.location());
        assertThat(bank.status()).isEqualTo(200);
        assertThat(bank.byId("name_goods")).isEqualTo("羽毛球拍");
        assertThat(bank.byId("money_order")).isEqualTo("¥88.80");
        assertThat(bank.html()).contains("招商银行");

        Page approved = payer.postForm(posted.location(), Map.of("decision", "approve"), StandardCharsets.UTF_8);
        assertThat(approved.location()).startsWith("/payment/return/");

        Page back = payer.get(approved.location());
        assertThat(back.returnFormAction()).isEqualTo(urlReturn);
        LinkedHashMap<String, String> sync = back.hiddenFields();
        assertThat(sync.keySet()).containsExactly("oid_partner", "no_order", "dt_order", "oid_paybill", "money_order",
                "result_pay", "settle_date", "info_order", "pay_type", "bank_code", "sign_type", "sign");
        assertThat(sync).containsEntry("result_pay", "SUCCESS").containsEntry("money_order", "88.80")
                .containsEntry("info_order", "订单备注").containsEntry("pay_type", "1")
                .containsEntry("bank_code", "03080000").containsEntry("no_order", form.get("no_order"));
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, sync).valid()).isTrue();

        Page reload = payer.get(approved.location());
        assertThat(reload.status()).isEqualTo(200);
        assertThat(reload.returnFormAction()).isNull();
        assertThat(reload.hiddenFields()).isEmpty();
        assertThat(reload.byId("outcome")).isEqualTo("已返回商户");

        List<NotificationReceiver.Received> notified = receiver.await(1).stream()
                .filter(r -> r.path().equals("/notify/" + merchant.oidPartner())).toList();
        assertThat(notified).hasSize(1);
        Map<String, String> async = FlatJson.parse(notified.get(0).body());
        assertThat(async).isEqualTo(Map.copyOf(sync));
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, async).valid()).isTrue();

        Reply balance = merchant.plain("/traderAcctQuery.htm", Map.of("oid_partner", merchant.oidPartner(),
                "api_version", "1.0"));
        assertThat(balance.fields()).containsEntry("amt_balance", "0.00").containsEntry("amt_unsettle", "88.80");

        Reply query = merchant.plain("/llwalletapi/orderquery.htm", Map.of("oid_partner", merchant.oidPartner(),
                "no_order", form.get("no_order"), "query_version", "1.1"));
        assertThat(query.fields()).containsEntry("ret_code", "0000").containsEntry("result_pay", "SUCCESS")
                .containsEntry("settle_date", sync.get("settle_date")).containsEntry("oid_paybill", sync.get("oid_paybill"))
                .containsEntry("bank_name", "招商银行").containsEntry("memo", "支付成功");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, query.fields(), Set.of("memo", "bank_name"))
                .valid()).isTrue();
    }

    @Test
    void aDeclinedPaymentAtTheCashiersBankFailsWithoutNotificationOrReturn() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("12.00", receiver.url("/declined"));
        form.put("url_return", receiver.url("/declined-return"));

        Page cashier = payer.get(payer.postForm("/payment/bankgateway.htm", merchant.sign(form), StandardCharsets.UTF_8)
                .location());
        assertThat(cashier.status()).isEqualTo(200);
        assertThat(cashier.html()).contains("个人网银（借记卡）", "信用卡网银", "企业网银", "工商银行", "华夏银行");

        Page chosen = payer.postForm(BankGatewayForms.cashierAction(cashier), Map.of("bank", "8:03080000"), StandardCharsets.UTF_8);
        assertThat(chosen.location()).startsWith("/bank/");
        Page declined = payer.postForm(chosen.location(), Map.of("decision", "decline"), StandardCharsets.UTF_8);
        assertThat(declined.location()).startsWith("/payment/result/");
        assertThat(payer.get(declined.location()).byId("outcome")).isEqualTo("支付失败");

        Reply query = merchant.plain("/orderquery.htm", Map.of("oid_partner", merchant.oidPartner(),
                "no_order", form.get("no_order")));
        assertThat(query.fields()).containsEntry("result_pay", "FAILURE").containsEntry("pay_type", "8")
                .containsEntry("bank_code", "03080000").doesNotContainKeys("settle_date", "memo");
        assertThat(query.signatureValid()).isTrue();
        assertThat(admin.idsOfOrder(form.get("no_order"))).isEmpty();
        assertThat(receiver.received()).noneMatch(r -> r.path().startsWith("/declined"));
    }

}
