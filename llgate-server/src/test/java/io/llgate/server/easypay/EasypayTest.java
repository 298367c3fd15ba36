package io.llgate.server.easypay;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.testing.EasypayClient;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant.Reply;
import io.llgate.server.testing.TestMerchant;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Easypay's direct API through real HTTP with real signatures (H2, and PostgreSQL when the suite runs there). */
class EasypayTest {
    private static final String ICBC_DEBIT = "6222020000000000001";
    private static final String ICBC_CREDIT = "6222300000000008";
    private static Gateway gateway;
    private static NotificationReceiver receiver;
    private static EasypayClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        client = new EasypayClient(gateway, TestMerchant.register(gateway, 0), receiver.url("/easypay"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
    }

    @Test
    void aNewCardPaysWithItsSmsCodeBindsAndIsNotifiedAndQueried() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_new", ICBC_DEBIT, false, mobile, "128.50");

        Reply applied = client.post(apply);
        assertThat(applied.retCode()).isEqualTo("0000");
        assertThat(applied.signatureValid()).isTrue();
        assertThat(applied.get("token")).matches("[0-9A-F]{32}");
        assertThat(applied.get("oid_paybill")).matches("[0-9]{16}");
        assertThat(applied.fields()).doesNotContainKeys("result_pay", "no_agree", "settle_date");
        assertThat(applied.text()).doesNotContain(ICBC_DEBIT, EasypayClient.ID_NO, mobile);

        Reply verified = client.verify(apply, applied.get("token"), client.code(mobile));
        assertThat(verified.retCode()).isEqualTo("0000");
        assertThat(verified.signatureValid()).isTrue();
        assertThat(verified.get("result_pay")).isEqualTo("SUCCESS");
        assertThat(verified.get("currency_order")).isEqualTo("CNY");
        assertThat(verified.get("no_agree")).matches("[0-9]{16}");
        assertThat(verified.get("settle_date")).matches("[0-9]{8}");
        assertThat(verified.get("bank_code")).isEqualTo("01020000");
        assertThat(verified.fields()).doesNotContainKey("token");

        Map<String, String> notification = awaitNotification(apply.get("no_order"));
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, new LinkedHashMap<>(notification)).valid()).isTrue();
        assertThat(notification).containsEntry("result_pay", "SUCCESS").containsEntry("pay_type", "M")
                .containsEntry("money_order", "128.50").containsEntry("no_agree", verified.get("no_agree"))
                .containsEntry("oid_paybill", applied.get("oid_paybill")).containsEntry("info_order", "order-note");

        Reply query = client.query(apply.get("no_order"));
        assertThat(query.retCode()).isEqualTo("0000");
        // bank_name and memo are not signed (E18); the masked card_no is.
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, query.fields(),
                io.llgate.server.kernel.QueriedOrders.UNSIGNED_FIELDS).valid()).isTrue();
        assertThat(query.get("result_pay")).isEqualTo("SUCCESS");
        assertThat(query.get("card_no")).isEqualTo("622202*********0001");
        assertThat(query.get("bank_name")).isEqualTo("工商银行");
        assertThat(query.get("memo")).isEqualTo("支付成功");
    }

    @Test
    void aBoundCardPaysAgainWithOnlyItsNoAgreeAndTheSmsCode() {
        String mobile = EasypayClient.newMobile();
        String noAgree = client.pay(client.apply("u_again", ICBC_CREDIT, true, mobile, "10.00"), mobile).get("no_agree");
        assertThat(noAgree).isNotNull();

        LinkedHashMap<String, String> again = client.applyBound("u_again", noAgree, "20.00");
        // E6: card fields sent with no_agree are ignored, even malformed ones.
        again.put("card_no", "not a card");
        Reply paid = client.pay(again, mobile);
        assertThat(paid.retCode()).isEqualTo("0000");
        assertThat(paid.get("result_pay")).isEqualTo("SUCCESS");
        assertThat(paid.get("no_agree")).isEqualTo(noAgree);

        assertThat(client.post(client.applyBound("someone_else", noAgree, "1.00")).retCode()).isEqualTo("3011");
        assertThat(client.post(client.applyBound("u_again", "2020010100000001", "1.00")).retCode()).isEqualTo("3003");
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("card_no", "62220200000000000012345"),
                Arguments.of("acct_name", "王小明1"),
                Arguments.of("id_type", "7"),
                Arguments.of("id_no", "110101199003078031"),
                Arguments.of("bind_mob", "12800138000"),
                Arguments.of("vali_date", "0120"),
                Arguments.of("cvv2", "12"),
                Arguments.of("pay_type", "X"),
                Arguments.of("money_order", "0.001"),
                Arguments.of("busi_partner", "999999"),
                Arguments.of("risk_item", "not json"),
                Arguments.of("valid_order", "0"),
                Arguments.of("api_version", "2.0"),
                Arguments.of("client_chnl", "11"),
                Arguments.of("no_agree", "2024-03"),
                Arguments.of("user_id", ""));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badFields")
    void badInputIsRefusedNamingItsFieldAndWritesNothing(String field, String value) {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_bad", ICBC_CREDIT, true, mobile, "1.00");
        apply.put(field, value);
        Reply reply = client.post(apply);
        assertThat(reply.retCode()).isEqualTo("1004");
        assertThat(reply.get("ret_msg")).contains(field);
        assertThat(reply.signatureValid()).isTrue();
        assertThat(client.query(apply.get("no_order")).retCode()).isEqualTo("8901");
        assertThat(((io.llgate.server.sandbox.SandboxSms) gateway.sms()).inbox(mobile)).isEmpty();
    }

    @Test
    void aCreditCardNeedsItsExpiryAndCvv2() {
        for (String missing : List.of("vali_date", "cvv2")) {
            LinkedHashMap<String, String> apply = client.apply("u_credit", ICBC_CREDIT, true, EasypayClient.newMobile(), "1.00");
            apply.remove(missing);
            Reply reply = client.post(apply);
            assertThat(reply.retCode()).isEqualTo("1004");
            assertThat(reply.get("ret_msg")).contains(missing);
        }
        LinkedHashMap<String, String> debit = client.apply("u_credit", ICBC_DEBIT, false, EasypayClient.newMobile(), "1.00");
        assertThat(client.post(debit).retCode()).isEqualTo("0000");
    }

    @Test
    void aPreAuthorizationNeedsACreditCard() {
        LinkedHashMap<String, String> debit = client.apply("u_pre", ICBC_DEBIT, false, EasypayClient.newMobile(), "1.00");
        debit.put("pay_type", "F");
        assertThat(client.post(debit).retCode()).isEqualTo("5601");

        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> credit = client.apply("u_pre", ICBC_CREDIT, true, mobile, "300.00");
        credit.put("pay_type", "F");
        Reply authorized = client.pay(credit, mobile);
        assertThat(authorized.retCode()).isEqualTo("0000");
        assertThat(authorized.get("result_pay")).isEqualTo("SUCCESS");
        assertThat(authorized.get("pay_type")).isEqualTo("F");
        assertThat(awaitNotification(credit.get("no_order"))).containsEntry("pay_type", "F");
    }

    @Test
    void aWrongCodeIs1900AndTheFifthIs9702AndAnExpiredCodeIs1901() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_codes", ICBC_DEBIT, false, mobile, "1.00");
        String token = client.post(apply).get("token");
        String wrong = client.code(mobile).equals("000000") ? "111111" : "000000";
        for (int i = 1; i < 5; i++) {
            assertThat(client.verify(apply, token, wrong).retCode()).isEqualTo("1900");
        }
        assertThat(client.verify(apply, token, wrong).retCode()).isEqualTo("9702");
        assertThat(client.verify(apply, token, client.code(mobile)).retCode()).isEqualTo("9702");

        // A repeated apply of the waiting order texts a new code under the same token: 8888.
        Reply again = client.post(apply);
        assertThat(again.retCode()).isEqualTo("8888");
        assertThat(again.get("token")).isEqualTo(token);
        assertThat(client.verify(apply, token, client.code(mobile)).get("result_pay")).isEqualTo("SUCCESS");

        try (Gateway own = TestGateways.start()) {
            EasypayClient ownClient = new EasypayClient(own, TestMerchant.register(own, 0), receiver.url("/own"));
            String ownMobile = EasypayClient.newMobile();
            LinkedHashMap<String, String> late = ownClient.apply("u_late", ICBC_DEBIT, false, ownMobile, "1.00");
            late.put("valid_order", "60");
            String lateToken = ownClient.post(late).get("token");
            own.advanceClock(Duration.ofMinutes(31));
            assertThat(ownClient.verify(late, lateToken, ownClient.code(ownMobile)).retCode()).isEqualTo("1901");
            own.advanceClock(Duration.ofMinutes(30));
            assertThat(ownClient.verify(late, lateToken, ownClient.code(ownMobile)).retCode()).isEqualTo("2006");
        }
    }

    @Test
    void aVerifyOfAnotherOrdersOrMerchantsTokenIs1000AndAReplayOnePayment() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_replay", ICBC_DEBIT, false, mobile, "1.00");
        String token = client.post(apply).get("token");
        String code = client.code(mobile);

        EasypayClient other = new EasypayClient(gateway, TestMerchant.register(gateway, 0), receiver.url("/other"));
        LinkedHashMap<String, String> stolen = new LinkedHashMap<>(apply);
        stolen.put("oid_partner", other.merchant.oidPartner());
        assertThat(other.verify(stolen, token, code).retCode()).isEqualTo("1000");
        LinkedHashMap<String, String> otherOrder = client.apply("u_replay", ICBC_DEBIT, false, mobile, "1.00");
        assertThat(client.verify(otherOrder, token, code).retCode()).isEqualTo("1000");

        assertThat(client.verify(apply, token, code).get("result_pay")).isEqualTo("SUCCESS");
        assertThat(client.verify(apply, token, code).retCode()).isEqualTo("2007");
        assertThat(client.post(apply).retCode()).isEqualTo("2007");
        assertThat(receiptsOf(apply.get("no_order"))).isEqualTo(1);
    }

    @Test
    void ofConcurrentVerifiesOneChargesAndTheOthersAreToldWhy() throws Exception {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_race", ICBC_DEBIT, false, mobile, "3.00");
        String token = client.post(apply).get("token");
        String code = client.code(mobile);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Reply>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(pool.submit((Callable<Reply>) () -> client.verify(apply, token, code)));
            }
            List<String> codes = new java.util.ArrayList<>();
            for (Future<Reply> reply : replies) {
                codes.add(reply.get().retCode());
            }
            assertThat(codes).filteredOn("0000"::equals).hasSize(1);
            assertThat(codes).filteredOn(c -> !c.equals("0000")).allMatch(c -> c.equals("2007") || c.equals("2008"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(receiptsOf(apply.get("no_order"))).isEqualTo(1);
    }

    @Test
    void aBankTimeoutStaysProcessingUntilTheSandboxControlResolvesIt() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_timeout", "6222020000000009000", false, mobile, "9.00");
        Reply verified = client.pay(apply, mobile);
        assertThat(verified.retCode()).isEqualTo("0000");
        assertThat(verified.get("result_pay")).isEqualTo("PROCESSING");
        assertThat(verified.fields()).doesNotContainKeys("no_agree", "settle_date");
        assertThat(client.query(apply.get("no_order")).get("result_pay")).isEqualTo("PROCESSING");
        assertThat(client.post(apply).retCode()).isEqualTo("2008");

        String paybill = verified.get("oid_paybill");
        TestAdmin admin = new TestAdmin(gateway);
        assertThat(admin.post("/sandbox/card-charges/" + paybill + "/resolve", "{\"result\":\"SUCCESS\"}").status()).isEqualTo(200);
        assertThat(admin.post("/sandbox/card-charges/" + paybill + "/resolve", "{\"result\":\"SUCCESS\"}").status()).isEqualTo(404);
        assertThat(client.query(apply.get("no_order")).get("result_pay")).isEqualTo("SUCCESS");
        assertThat(awaitNotification(apply.get("no_order"))).containsKey("no_agree");
    }

    @Test
    void aMerchantWithoutSmsVerificationIsChargedAtApply() {
        EasypayClient noSms = new EasypayClient(gateway, TestMerchant.register(gateway, 0), receiver.url("/nosms"));
        TestAdmin admin = new TestAdmin(gateway);
        assertThat(admin.patch("/admin/merchants/" + noSms.merchant.oidPartner(), "{\"card_sms_verification\":false}")
                .json().get("card_sms_verification").asBoolean()).isFalse();
        String mobile = EasypayClient.newMobile();
        Reply paid = noSms.post(noSms.apply("u_nosms", ICBC_DEBIT, false, mobile, "5.00"));
        assertThat(paid.retCode()).isEqualTo("0000");
        assertThat(paid.get("result_pay")).isEqualTo("SUCCESS");
        assertThat(paid.get("no_agree")).matches("[0-9]{16}");
        assertThat(paid.fields()).doesNotContainKey("token");
        assertThat(((io.llgate.server.sandbox.SandboxSms) gateway.sms()).inbox(mobile)).isEmpty();
        assertThat(noSms.post(noSms.apply("u_nosms", "6222020000000006001", false, mobile, "5.00")).retCode())
                .isEqualTo("6001");
    }

    @Test
    void anEasypayPaymentIsRefundedThroughTheRefundApi() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_refund", ICBC_DEBIT, false, mobile, "50.00");
        assertThat(client.pay(apply, mobile).get("result_pay")).isEqualTo("SUCCESS");
        LinkedHashMap<String, String> refund = new LinkedHashMap<>();
        refund.put("oid_partner", client.merchant.oidPartner());
        refund.put("no_refund", "RF" + apply.get("no_order"));
        refund.put("dt_refund", apply.get("dt_order"));
        refund.put("money_refund", "20.00");
        refund.put("no_order", apply.get("no_order"));
        refund.put("dt_order", apply.get("dt_order"));
        refund.put("notify_url", receiver.url("/refunds"));
        Reply refunded = client.merchant.plain("/refund.htm", refund);
        assertThat(refunded.retCode()).isEqualTo("0000");
        assertThat(refunded.get("sta_refund")).isIn("1", "2");
    }

    private static Map<String, String> awaitNotification(String noOrder) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream()
                .map(r -> parse(r.body()))
                .filter(n -> noOrder.equals(n.get("no_order")))
                .findFirst().orElse(null), n -> n != null);
    }

    private static Map<String, String> parse(byte[] body) {
        try {
            return FlatJson.parse(body);
        } catch (io.llgate.protocol.MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }

    private static int receiptsOf(String noOrder) {
        return gateway.jdbi().withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM ledger_entry e JOIN easypay_order o ON e.reference = 'easypay:' || o.id
                WHERE o.no_order = :noOrder""").bind("noOrder", noOrder).mapTo(Integer.class).one());
    }
}
