package io.llgate.server.onlinebanking;

import static io.llgate.server.onlinebanking.BankGatewayForms.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The payment result query on both paths: every result_pay, versions 1.0 and 1.1, and its refusals. */
class OrderQueryTest {
    static final String NOTIFY_URL = "https://shop.example.com/pay/notify";
    static Gateway gateway;
    static PageClient payer;
    static TestAdmin admin;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        payer = new PageClient(gateway);
        admin = new TestAdmin(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** A waiting order's form, posted; tests pay or leave it. */
    private static LinkedHashMap<String, String> order(TestMerchant merchant, Map<String, String> extra) {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("88.80", NOTIFY_URL);
        form.putAll(extra);
        assertThat(post(payer, merchant, form).status()).isEqualTo(303);
        return form;
    }

    private static Reply query(String path, TestMerchant merchant, Map<String, String> fields) {
        LinkedHashMap<String, String> request = new LinkedHashMap<>();
        request.put("oid_partner", merchant.oidPartner());
        request.putAll(fields);
        return merchant.plain(path, request);
    }

    /** Signed over everything but memo and bank_name, which are not signed. */
    private static void assertSignedWithoutMemoAndBankName(Reply reply) {
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, reply.fields(), Set.of("memo", "bank_name"))
                .valid()).as(reply.text()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/llwalletapi/orderquery.htm", "/orderquery.htm"})
    void aWaitingOrderIsWaiting(String path) {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = order(merchant, Map.of());

        Reply reply = query(path, merchant, Map.of("no_order", form.get("no_order"), "dt_order", form.get("dt_order")));

        assertThat(reply.signatureValid()).isTrue();
        assertThat(reply.fields().keySet()).containsExactly("ret_code", "ret_msg", "oid_partner", "no_order", "dt_order",
                "oid_paybill", "money_order", "result_pay", "info_order", "sign_type", "sign");
        assertThat(reply.fields()).containsEntry("ret_code", "0000").containsEntry("ret_msg", "交易成功")
                .containsEntry("result_pay", "WAITING").containsEntry("money_order", "88.80")
                .containsEntry("info_order", "订单备注");
        assertThat(reply.get("oid_paybill")).matches("\\d{16}").isNotEqualTo(form.get("no_order"));

        Reply byPaybill = query(path, merchant, Map.of("oid_paybill", reply.get("oid_paybill"), "query_version", "1.1"));
        assertSignedWithoutMemoAndBankName(byPaybill);
        assertThat(byPaybill.fields()).containsEntry("no_order", form.get("no_order"))
                .containsEntry("result_pay", "WAITING").containsEntry("memo", "等待付款").doesNotContainKey("bank_name");
    }

    @Test
    void aPaidOrderShowsItsSettleDateBankAndMemo() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = order(merchant, Map.of("bank_code", "01040000", "pay_type", "9"));
        assertThat(admin.post("/sandbox/online-banking/" + form.get("no_order") + "/complete",
                "{\"result\":\"paid\"}").status()).isEqualTo(200);

        Reply plain = query("/llwalletapi/orderquery.htm", merchant, Map.of("no_order", form.get("no_order"),
                "query_version", "1.0"));
        Reply detailed = query("/orderquery.htm", merchant, Map.of("no_order", form.get("no_order"),
                "query_version", "1.1"));

        assertThat(plain.signatureValid()).isTrue();
        assertThat(plain.fields()).containsEntry("result_pay", "SUCCESS").containsEntry("pay_type", "9")
                .containsEntry("bank_code", "01040000").doesNotContainKeys("memo", "bank_name");
        assertThat(plain.get("settle_date")).matches("\\d{8}");
        assertSignedWithoutMemoAndBankName(detailed);
        assertThat(detailed.signatureValid()).as("memo and bank_name are not signed").isFalse();
        assertThat(detailed.fields()).containsEntry("memo", "支付成功").containsEntry("bank_name", "中国银行")
                .containsEntry("settle_date", plain.get("settle_date"));
        assertThat(detailed.text()).endsWith("\"memo\":\"支付成功\",\"bank_name\":\"中国银行\"}");
    }

    @Test
    void aDeclinedOrderFailed() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = order(merchant, Map.of());
        admin.post("/sandbox/online-banking/" + form.get("no_order") + "/complete", "{\"result\":\"declined\"}");

        Reply reply = query("/orderquery.htm", merchant, Map.of("no_order", form.get("no_order"), "query_version", "1.1"));

        assertThat(reply.fields()).containsEntry("result_pay", "FAILURE").containsEntry("memo", "付款人未完成支付")
                .doesNotContainKey("settle_date");
    }

    @Test
    void anOrderPastValidOrderReadsAsFailedAndClosed() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = order(merchant, Map.of("valid_order", "2"));
        gateway.clock().advance(Duration.ofMinutes(2));

        Reply reply = query("/llwalletapi/orderquery.htm", merchant, Map.of("no_order", form.get("no_order"),
                "query_version", "1.1"));

        assertThat(reply.fields()).containsEntry("result_pay", "FAILURE").containsEntry("memo", "订单超时关闭");
        assertThat(admin.post("/sandbox/online-banking/" + form.get("no_order") + "/complete", "{\"result\":\"paid\"}")
                .status()).isEqualTo(409);
    }

    @Test
    void anUnknownOrderHasNoRecord() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);

        Reply reply = query("/llwalletapi/orderquery.htm", merchant, Map.of("no_order", "NONE"));

        assertThat(reply.signatureValid()).isTrue();
        assertThat(reply.fields()).containsEntry("ret_code", "8901").containsEntry("ret_msg", "没有记录")
                .containsEntry("oid_partner", merchant.oidPartner());
    }

    @Test
    void anotherMerchantsOrderHasNoRecord() {
        TestMerchant owner = TestMerchant.register(gateway, 0);
        TestMerchant other = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = order(owner, Map.of());

        assertThat(query("/orderquery.htm", other, Map.of("no_order", form.get("no_order"))).retCode()).isEqualTo("8901");
    }

    @Test
    void aWrongOrderTimeHasNoRecord() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> form = order(merchant, Map.of());

        assertThat(query("/orderquery.htm", merchant, Map.of("no_order", form.get("no_order"),
                "dt_order", "20200101000000")).retCode()).isEqualTo("8901");
    }

    @Test
    void anOrderNumberAndAPaybillOfDifferentOrdersDisagree() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> first = order(merchant, Map.of());
        LinkedHashMap<String, String> second = order(merchant, Map.of());
        String secondPaybill = query("/orderquery.htm", merchant, Map.of("no_order", second.get("no_order")))
                .get("oid_paybill");

        Reply reply = query("/orderquery.htm", merchant, Map.of("no_order", first.get("no_order"),
                "oid_paybill", secondPaybill));

        assertThat(reply.fields()).containsEntry("ret_code", "9092").containsEntry("ret_msg", "支付单号与订单号不一致");
        assertThat(reply.signatureValid()).isTrue();
    }

    @Test
    void aQueryNeedsAnOrderNumberOrAPaybillAndAKnownVersion() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);

        assertThat(query("/orderquery.htm", merchant, Map.of("query_version", "1.0")).get("ret_msg"))
                .isEqualTo("商户请求参数校验错误（no_order）");
        assertThat(query("/orderquery.htm", merchant, Map.of("no_order", "X", "query_version", "2.0")).get("ret_msg"))
                .isEqualTo("商户请求参数校验错误（query_version）");
        assertThat(query("/orderquery.htm", merchant, Map.of("no_order", "X", "dt_order", "yesterday")).get("ret_msg"))
                .isEqualTo("商户请求参数校验错误（dt_order）");
    }

    @Test
    void anUnknownMerchantGetsAnUnsignedRefusal() throws Exception {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> request = new LinkedHashMap<>();
        request.put("oid_partner", "209900000000000001");
        request.put("no_order", "X");

        Reply reply = merchant.post("/llwalletapi/orderquery.htm", FlatJson.write(merchant.sign(request)));

        assertThat(reply.fields()).isEqualTo(Map.of("ret_code", "3001", "ret_msg", "非法商户"));
    }

    @Test
    void aBadSignatureIsRefused() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        LinkedHashMap<String, String> signed = merchant.sign(new LinkedHashMap<>(Map.of(
                "oid_partner", merchant.oidPartner(), "no_order", "X")));
        signed.put("no_order", "Y");

        Reply reply = merchant.post("/orderquery.htm", FlatJson.write(signed).getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json"));

        assertThat(reply.retCode()).isEqualTo("1001");
        assertThat(reply.signatureValid()).isTrue();
    }
}
