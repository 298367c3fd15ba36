package io.llgate.server.instantpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llgate.protocol.FlatJson;
import io.llgate.server.Gateway;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every row of the sandbox card table, as a merchant sees it: replies, notifications, queries, balances. */
class SandboxOutcomesTest {
    static Gateway gateway;
    static NotificationReceiver receiver;
    static TestAdmin admin;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        gateway.close();
    }

    @Test
    void cardEnding0001FailsAndReleasesTheReserve() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 50_000);
        Reply apply = merchant.sealed("/paymentapi/payment.htm", merchant.payout("6222020000000001", "100.00", url(merchant)));
        assertThat(apply.retCode()).isEqualTo("0000");

        Map<String, String> notification = FlatJson.parse(notifications(merchant, 1).get(0).body());
        assertThat(notification).containsEntry("result_pay", "FAILURE").doesNotContainKey("settle_date")
                .containsEntry("info_order", "供应商结算");
        assertThat(query(merchant, apply.get("oid_paybill")).get("result_pay")).isEqualTo("FAILURE");
        assertThat(balance(merchant)).isEqualTo("500.00");
    }

    @Test
    void cardEnding0002StaysProcessingUntilTheSandboxResolvesIt() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 50_000);
        Reply apply = merchant.sealed("/paymentapi/payment.htm", merchant.payout("6222020000000002", "100.00", url(merchant)));
        String paybill = apply.get("oid_paybill");

        assertThat(query(merchant, paybill).get("result_pay")).isEqualTo("PROCESSING");
        assertThat(balance(merchant)).isEqualTo("400.00");
        assertThat(receiver.received()).noneMatch(r -> r.path().equals("/" + merchant.oidPartner()));

        TestAdmin.Response resolved = admin.post("/sandbox/payouts/" + paybill + "/resolve", "{\"result\":\"SUCCESS\"}");
        assertThat(resolved.status()).isEqualTo(202);

        Map<String, String> notification = FlatJson.parse(notifications(merchant, 1).get(0).body());
        assertThat(notification).containsEntry("result_pay", "SUCCESS").containsKey("settle_date");
        assertThat(query(merchant, paybill).get("result_pay")).isEqualTo("SUCCESS");
        assertThat(admin.post("/sandbox/payouts/" + paybill + "/resolve", "{\"result\":\"FAILURE\"}").status())
                .isEqualTo(409);
    }

    @Test
    void cardEnding0002CanBeResolvedAsFailure() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 50_000);
        Reply apply = merchant.sealed("/paymentapi/payment.htm", merchant.payout("6222020000000002", "100.00", url(merchant)));
        admin.post("/sandbox/payouts/" + apply.get("oid_paybill") + "/resolve", "{\"result\":\"FAILURE\"}");

        assertThat(FlatJson.parse(notifications(merchant, 1).get(0).body())).containsEntry("result_pay", "FAILURE");
        assertThat(balance(merchant)).isEqualTo("500.00");
    }

    @Test
    void cardEnding0003SucceedsThenIsReversed() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 50_000);
        Reply apply = merchant.sealed("/paymentapi/payment.htm", merchant.payout("6222020000000003", "100.00", url(merchant)));

        List<NotificationReceiver.Received> both = notifications(merchant, 2);
        Map<String, String> first = FlatJson.parse(both.get(0).body());
        Map<String, String> second = FlatJson.parse(both.get(1).body());
        assertThat(first).containsEntry("result_pay", "SUCCESS");
        assertThat(second).containsEntry("result_pay", "CANCEL").doesNotContainKey("settle_date")
                .containsEntry("oid_paybill", first.get("oid_paybill"));
        assertThat(query(merchant, apply.get("oid_paybill")).get("result_pay")).isEqualTo("CANCEL");
        assertThat(balance(merchant)).isEqualTo("500.00");
    }

    @Test
    void cardEnding0004IsANameMismatchThatWaitsForConfirmation() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 50_000);
        LinkedHashMap<String, String> request = merchant.payout("6222020000000004", "100.00", url(merchant));
        Reply apply = merchant.sealed("/paymentapi/payment.htm", request);

        assertThat(apply.retCode()).isEqualTo("4003");
        assertThat(apply.get("ret_msg")).isEqualTo("收款银行卡和姓名不一致");
        assertThat(apply.get("confirm_code")).matches("\\d{6}");
        assertThat(apply.fields()).doesNotContainKey("oid_paybill");
        assertThat(queryByOrder(merchant, request.get("no_order")).get("result_pay")).isEqualTo("CHECK");
        assertThat(balance(merchant)).isEqualTo("400.00");

        Reply confirm = merchant.sealed("/paymentapi/confirmPayment.htm",
                confirmation(merchant, request.get("no_order"), apply.get("confirm_code"), url(merchant)));
        assertThat(confirm.retCode()).isEqualTo("0000");
        assertThat(confirm.signatureValid()).isTrue();
        assertThat(confirm.get("oid_paybill")).matches("\\d{16}");

        Map<String, String> notification = FlatJson.parse(notifications(merchant, 1).get(0).body());
        assertThat(notification).containsEntry("result_pay", "SUCCESS").containsEntry("no_order", request.get("no_order"));
        assertThat(balance(merchant)).isEqualTo("400.00");
    }

    @Test
    void anyOtherCardSucceedsAfterTheBankDelay() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 50_000);
        merchant.sealed("/paymentapi/payment.htm", merchant.payout("6222020000009999", "0.01", url(merchant)));
        assertThat(FlatJson.parse(notifications(merchant, 1).get(0).body())).containsEntry("result_pay", "SUCCESS")
                .containsEntry("money_order", "0.01");
        assertThat(balance(merchant)).isEqualTo("499.99");
    }

    static LinkedHashMap<String, String> confirmation(TestMerchant merchant, String noOrder, String code, String notifyUrl) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("api_version", "1.0");
        f.put("confirm_code", code);
        f.put("no_order", noOrder);
        f.put("notify_url", notifyUrl);
        f.put("oid_partner", merchant.oidPartner());
        return f;
    }

    static String url(TestMerchant merchant) {
        return receiver.url("/" + merchant.oidPartner());
    }

    static List<NotificationReceiver.Received> notifications(TestMerchant merchant, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> mine(merchant).size() >= count);
        return mine(merchant);
    }

    private static List<NotificationReceiver.Received> mine(TestMerchant merchant) {
        return receiver.received().stream().filter(r -> r.path().equals("/" + merchant.oidPartner())).toList();
    }

    static Map<String, String> query(TestMerchant merchant, String oidPaybill) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("oid_partner", merchant.oidPartner());
        q.put("oid_paybill", oidPaybill);
        q.put("query_version", "1.0");
        Reply reply = merchant.plain("/paymentapi/queryPayment.htm", q);
        assertThat(reply.signatureValid()).isTrue();
        return reply.fields();
    }

    static Map<String, String> queryByOrder(TestMerchant merchant, String noOrder) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("oid_partner", merchant.oidPartner());
        q.put("no_order", noOrder);
        return merchant.plain("/paymentapi/queryPayment.htm", q).fields();
    }

    static String balance(TestMerchant merchant) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("oid_partner", merchant.oidPartner());
        q.put("api_version", "1.1");
        return merchant.plain("/traderAcctQuery.htm", q).get("amt_balance");
    }
}
