package io.llgate.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.GatewaySettings;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.testing.Books;
import io.llgate.server.testing.EasypayClient;
import io.llgate.server.testing.ExchangeClient;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exchange payment's API through real HTTP with real signatures (H2, and PostgreSQL when the suite runs there), priced
 * with the sandbox's default rates (USD 7.1500, JPY 0.0480, EUR 7.8000).
 */
class ExchangeTest {
    private static final String ICBC_DEBIT = "6222020000000000001";
    private static final String CCB_CREDIT = "6221660000000009";
    private static Gateway gateway;
    private static NotificationReceiver receiver;
    private static ExchangeClient client;
    private static Books books;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        books = new Books(gateway);
        client = new ExchangeClient(gateway, books.merchantWithFee(60), receiver.url("/exchange"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
    }

    @Test
    void aUsdOrderIsPaidInYuanWithItsSmsCodeAtTheFrozenRateNotifiedAndQueried() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_usd", ICBC_DEBIT, mobile, "USD", "45.00");

        Reply applied = client.post(apply);
        assertThat(applied.retCode()).isEqualTo("0000");
        assertThat(applied.signatureValid()).isTrue();
        assertThat(applied.get("token")).matches("[0-9A-F]{32}");
        assertThat(applied.get("oid_paybill")).matches("[0-9]{16}");
        assertThat(applied.fields()).containsEntry("currency_order", "USD").containsEntry("money_order", "45.00")
                .containsEntry("exchange_rate", "7.1500").containsEntry("currency_pay", "CNY")
                .containsEntry("money_pay", "321.75").containsEntry("money_settle", "44.73")
                .doesNotContainKeys("result_pay", "settle_date", "no_agree");
        assertThat(applied.text()).doesNotContain(ICBC_DEBIT, EasypayClient.ID_NO, mobile);

        Reply verified = client.verify(apply, applied.get("token"), client.code(mobile));
        assertThat(verified.retCode()).isEqualTo("0000");
        assertThat(verified.signatureValid()).isTrue();
        // The spec's sample: 45.00 USD at 7.1500, fee 0.6% (0.27), settled 44.73 USD.
        assertThat(verified.fields()).containsEntry("result_pay", "SUCCESS").containsEntry("pay_type", "M")
                .containsEntry("currency_order", "USD").containsEntry("money_order", "45.00")
                .containsEntry("currency_settle", "USD").containsEntry("money_settle", "44.73")
                .containsEntry("currency_pay", "CNY").containsEntry("money_pay", "321.75")
                .containsEntry("exchange_rate", "7.1500").containsEntry("info_order", "fx-note")
                .containsEntry("oid_paybill", applied.get("oid_paybill"));
        assertThat(verified.get("settle_date")).matches("[0-9]{8}");
        assertThat(verified.get("no_agree")).matches("[0-9]{16}");
        assertThat(verified.fields()).doesNotContainKey("token");

        Map<String, String> notification = awaitNotification(apply.get("no_order"));
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, new LinkedHashMap<>(notification)).valid())
                .isTrue();
        assertThat(notification).containsEntry("ret_code", "0000").containsEntry("ret_msg", "交易成功")
                .containsEntry("result_pay", "SUCCESS").containsEntry("currency_settle", "USD")
                .containsEntry("money_settle", "44.73").containsEntry("money_pay", "321.75")
                .containsEntry("exchange_rate", "7.1500").containsEntry("bank_code", "01020000")
                .containsEntry("settle_date", verified.get("settle_date"))
                .containsEntry("no_agree", verified.get("no_agree"));

        Reply query = client.query(apply.get("no_order"));
        assertThat(query.retCode()).isEqualTo("0000");
        assertThat(query.signatureValid()).isTrue();
        assertThat(query.fields()).containsEntry("result_pay", "SUCCESS").containsEntry("money_pay", "321.75")
                .containsEntry("exchange_rate", "7.1500").containsEntry("money_settle", "44.73")
                .containsEntry("settle_date", verified.get("settle_date")).containsEntry("memo", "支付成功");

        // Operators list it in its own currency, and its detail shows the frozen price.
        TestAdmin admin = new TestAdmin(gateway);
        String listed = admin.get("/admin/transactions?product=exchange&q=" + apply.get("no_order")).json().toString();
        assertThat(listed).contains("\"amount\":\"45.00\"").contains("\"currency\":\"USD\"")
                .contains("\"status\":\"SUCCESS\"");
        String ref = admin.get("/admin/transactions?product=exchange&q=" + apply.get("no_order")).json()
                .findValue("ref").asText();
        assertThat(admin.get("/admin/transactions/" + ref).json().toString()).contains("7.1500").contains("321.75")
                .contains("622202").doesNotContain(ICBC_DEBIT);

        // Paid once: verifying or applying again changes nothing.
        assertThat(client.verify(apply, applied.get("token"), client.code(mobile)).retCode()).isEqualTo("2007");
        assertThat(client.post(apply).retCode()).isEqualTo("1002");
    }

    @Test
    void aJpyOrderIsWholeYenAndItsFeeIsRoundedToTheYen() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_jpy", ICBC_DEBIT, mobile, "JPY", "1234");
        Reply paid = client.pay(apply, mobile);
        assertThat(paid.retCode()).isEqualTo("0000");
        // 1234 JPY at 0.0480 = 59.232 → 59.23 CNY; fee 0.6% = 7.404 → 7 JPY.
        assertThat(paid.fields()).containsEntry("result_pay", "SUCCESS").containsEntry("money_order", "1234.00")
                .containsEntry("exchange_rate", "0.0480").containsEntry("money_pay", "59.23")
                .containsEntry("currency_settle", "JPY").containsEntry("money_settle", "1227.00");

        LinkedHashMap<String, String> fraction = client.apply("u_jpy", ICBC_DEBIT, mobile, "JPY", "1000.50");
        Reply refused = client.post(fraction);
        assertThat(refused.retCode()).isEqualTo("1004");
        assertThat(refused.get("ret_msg")).contains("money_order");
        assertThat(client.query(fraction.get("no_order")).retCode()).isEqualTo("8901");
        assertThat(client.post(client.apply("u_jpy", ICBC_DEBIT, mobile, "JPY", "1000.00")).retCode()).isEqualTo("0000");
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("api_version", "2.0", "api_version"),
                Arguments.of("time_stamp", "20200101000000", "time_stamp"),
                Arguments.of("user_id", "", "user_id"),
                Arguments.of("busi_partner", "999999", "busi_partner"),
                Arguments.of("dt_order", "2024-03-16", "dt_order"),
                Arguments.of("valid_order", "0", "valid_order"),
                Arguments.of("risk_item", "not json", "risk_item"),
                Arguments.of("pay_type", "F", "pay_type"),
                Arguments.of("currency_order", "RUB", "currency_order"),
                Arguments.of("money_order", "0.001", "money_order"),
                Arguments.of("money_order", "100000000.01", "money_order"),
                Arguments.of("currency_settle", "EUR", "currency_settle"),
                Arguments.of("card_no", "62220200000000000012345", "card_no"),
                Arguments.of("acct_name", "王小明1", "acct_name"),
                Arguments.of("id_no", "110101199003078031", "id_no"),
                Arguments.of("bind_mob", "12800138000", "bind_mob"),
                Arguments.of("no_agree", "2024-03", "no_agree"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badFields")
    void badInputIsRefusedNamingItsFieldAndWritesNothing(String field, String value, String named) {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_bad", ICBC_DEBIT, mobile, "USD", "1.00");
        apply.put(field, value);
        Reply reply = client.post(apply);
        assertThat(reply.retCode()).isEqualTo("1004");
        assertThat(reply.get("ret_msg")).contains(named);
        assertThat(reply.signatureValid()).isTrue();
        assertThat(client.query(apply.get("no_order")).retCode()).isEqualTo("8901");
        assertThat(((SandboxSms) gateway.sms()).inbox(mobile)).isEmpty();
    }

    @Test
    void timestampIsAcceptedForTimeStampAndIdentityIsOptional() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_noid", ICBC_DEBIT, mobile, "EUR", "19.90");
        apply.put("timestamp", apply.remove("time_stamp"));
        apply.remove("id_type");
        apply.remove("id_no");
        Reply paid = client.pay(apply, mobile);
        assertThat(paid.retCode()).isEqualTo("0000");
        // 19.90 EUR at 7.8000 = 155.22 CNY; a card paid without an identity document is not bound.
        assertThat(paid.fields()).containsEntry("result_pay", "SUCCESS").containsEntry("money_pay", "155.22")
                .doesNotContainKey("no_agree");
    }

    @Test
    void aCreditCardNeedsItsExpiryAndCvv2AndPayTypeIsEchoed() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_credit", CCB_CREDIT, mobile, "USD", "10.00");
        apply.put("pay_type", "N");
        Reply noCvv = client.post(apply);
        assertThat(noCvv.retCode()).isEqualTo("1004");
        assertThat(noCvv.get("ret_msg")).contains("vali_date");
        apply.put("vali_date", "1230");
        apply.put("cvv2", "123");
        apply.put("pay_type", "D");
        Reply paid = client.pay(apply, mobile);
        assertThat(paid.retCode()).isEqualTo("0000");
        assertThat(paid.fields()).containsEntry("pay_type", "D").containsEntry("money_pay", "71.50");

        LinkedHashMap<String, String> bare = client.apply("u_credit2", CCB_CREDIT, EasypayClient.newMobile(), "USD", "1.00");
        Reply needsCvv = client.post(bare);
        assertThat(needsCvv.retCode()).isEqualTo("1004");
        assertThat(needsCvv.get("ret_msg")).contains("cvv2");
    }

    @Test
    void aRepeatedApplyTextsANewCodeUnderANewTokenAndOtherFieldsAreADuplicate() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_again", ICBC_DEBIT, mobile, "USD", "12.00");
        Reply first = client.post(apply);
        String firstCode = client.code(mobile);
        apply.put("time_stamp", WireTime.dateTime(gateway.clock().instant()));
        Reply second = client.post(apply);
        assertThat(second.retCode()).isEqualTo("0000");
        assertThat(second.get("token")).isNotEqualTo(first.get("token"));
        assertThat(second.get("oid_paybill")).isEqualTo(first.get("oid_paybill"));
        assertThat(((SandboxSms) gateway.sms()).inbox(mobile)).hasSize(2);
        assertThat(client.verify(apply, first.get("token"), firstCode).retCode()).isEqualTo("1000");

        LinkedHashMap<String, String> other = new LinkedHashMap<>(apply);
        other.put("money_order", "12.01");
        assertThat(client.post(other).retCode()).isEqualTo("1002");

        assertThat(client.verify(apply, second.get("token"), client.code(mobile)).get("result_pay"))
                .isEqualTo("SUCCESS");
    }

    @Test
    void verifyRefusesAnotherUserAWrongCodeAndAnUnknownToken() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_verify", ICBC_DEBIT, mobile, "USD", "3.00");
        String token = client.post(apply).get("token");
        String code = client.code(mobile);

        LinkedHashMap<String, String> someoneElse = new LinkedHashMap<>(apply);
        someoneElse.put("user_id", "01020000");
        Reply otherUser = client.verify(someoneElse, token, code);
        assertThat(otherUser.retCode()).isEqualTo("1004");
        assertThat(otherUser.get("ret_msg")).contains("user_id");
        assertThat(client.verify(apply, "0".repeat(32), code).retCode()).isEqualTo("1000");
        String wrong = code.equals("000000") ? "000001" : "000000";
        assertThat(client.verify(apply, token, wrong).retCode()).isEqualTo("1900");
        assertThat(client.query(apply.get("no_order")).get("result_pay")).isEqualTo("WAITING");
        assertThat(client.verify(apply, token, code).get("result_pay")).isEqualTo("SUCCESS");
    }

    @Test
    void aDeclinedCardFailsAndAPendingChargeIsResolvedLater() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> poor = client.apply("u_poor", "6222020000000006001", mobile, "USD", "5.00");
        assertThat(client.pay(poor, mobile).retCode()).isEqualTo("6001");
        Reply failed = client.query(poor.get("no_order"));
        assertThat(failed.fields()).containsEntry("result_pay", "FAILURE").containsEntry("money_pay", "35.75")
                .containsEntry("memo", "卡余额不足").doesNotContainKey("settle_date");

        LinkedHashMap<String, String> slow = client.apply("u_slow", "6222020000000009000", mobile, "USD", "6.00");
        Reply pending = client.pay(slow, mobile);
        assertThat(pending.retCode()).isEqualTo("0000");
        assertThat(pending.get("result_pay")).isEqualTo("PROCESSING");
        assertThat(client.query(slow.get("no_order")).get("result_pay")).isEqualTo("PROCESSING");
        TestAdmin admin = new TestAdmin(gateway);
        assertThat(admin.post("/sandbox/card-charges/" + pending.get("oid_paybill") + "/resolve",
                "{\"result\":\"SUCCESS\"}").status()).isEqualTo(200);
        assertThat(client.query(slow.get("no_order")).get("result_pay")).isEqualTo("SUCCESS");
        assertThat(awaitNotification(slow.get("no_order"))).containsEntry("money_pay", "42.90");
    }

    @Test
    void aBoundCardPaysWithItsNoAgreeAndAnUnknownOneIsRefused() {
        String mobile = EasypayClient.newMobile();
        String noAgree = client.pay(client.apply("u_bound", ICBC_DEBIT, mobile, "USD", "2.00"), mobile).get("no_agree");
        LinkedHashMap<String, String> again = client.applyBound("u_bound", noAgree, "GBP", "3.00");
        // X8: card fields sent with no_agree are ignored, even malformed ones.
        again.put("card_no", "not a card");
        Reply paid = client.pay(again, mobile);
        assertThat(paid.retCode()).isEqualTo("0000");
        assertThat(paid.fields()).containsEntry("no_agree", noAgree).containsEntry("money_pay", "27.30");
        assertThat(client.post(client.applyBound("u_bound", "2020010100000001", "USD", "1.00")).retCode())
                .isEqualTo("3003");
    }

    @Test
    void anUnverifiedOrderFailsWhenValidOrderRunsOutAndItsCodeAfterTenMinutes() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_late", ICBC_DEBIT, mobile, "USD", "7.00");
        apply.put("valid_order", "15");
        String token = client.post(apply).get("token");
        String code = client.code(mobile);
        books.advance("PT11M");
        assertThat(client.verify(apply, token, code).retCode()).isEqualTo("1901");
        books.advance("PT5M");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                client.query(apply.get("no_order")).fields(), f -> "FAILURE".equals(f.get("result_pay")));
        Reply closed = client.query(apply.get("no_order"));
        assertThat(closed.fields()).containsEntry("memo", "订单已过期").containsEntry("money_order", "7.00");
        assertThat(client.verify(apply, token, code).retCode()).isEqualTo("2006");
        assertThat(client.post(apply).retCode()).isEqualTo("1002");
    }

    @Test
    void aTokenVerifiesForThirtyMinutesAndARepeatedApplyTextsAFreshCode() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_token", ICBC_DEBIT, mobile, "USD", "8.00");
        String oldToken = client.post(apply).get("token");
        books.advance("PT25M");
        // Within the token's 30 minutes a repeated apply texts a new code, valid 10 minutes, under a new token.
        apply.put("time_stamp", WireTime.dateTime(gateway.clock().instant()));
        String token = client.post(apply).get("token");
        assertThat(token).isNotEqualTo(oldToken);
        String code = client.code(mobile);
        books.advance("PT9M");
        assertThat(client.verify(apply, token, code).get("result_pay")).isEqualTo("SUCCESS");

        LinkedHashMap<String, String> late = client.apply("u_token", ICBC_DEBIT, mobile, "USD", "8.00");
        String lateToken = client.post(late).get("token");
        String lateCode = client.code(mobile);
        books.advance("PT31M");
        assertThat(client.verify(late, lateToken, lateCode).retCode()).isEqualTo("1000");
    }

    @Test
    void aMerchantWithoutSmsVerificationIsChargedAtApply() {
        ExchangeClient noSms = new ExchangeClient(gateway, TestMerchant.register(gateway, 0), receiver.url("/nosms"));
        new TestAdmin(gateway).patch("/admin/merchants/" + noSms.merchant.oidPartner(), "{\"card_sms_verification\":false}");
        String mobile = EasypayClient.newMobile();
        Reply paid = noSms.post(noSms.apply("u_nosms", ICBC_DEBIT, mobile, "HKD", "100.00"));
        assertThat(paid.retCode()).isEqualTo("0000");
        assertThat(paid.fields()).containsEntry("result_pay", "SUCCESS").containsEntry("money_pay", "91.50")
                .containsEntry("money_settle", "100.00").doesNotContainKey("token");
        assertThat(paid.get("settle_date")).matches("[0-9]{8}");
        assertThat(((SandboxSms) gateway.sms()).inbox(mobile)).isEmpty();
    }

    @Test
    void aPaymentRefundedInWholeReadsRefundAndIsRefundedInItsCurrency() {
        String mobile = EasypayClient.newMobile();
        LinkedHashMap<String, String> apply = client.apply("u_refund", ICBC_DEBIT, mobile, "USD", "20.00");
        Reply paid = client.pay(apply, mobile);
        TestMerchant.PaidOrder order = new TestMerchant.PaidOrder(apply.get("no_order"), apply.get("dt_order"),
                paid.get("oid_paybill"), "20.00");
        Map<String, String> part = books.refund(client.merchant, order, "5.00", receiver.url("/refunds"));
        assertThat(part).containsEntry("money_refund", "5.00");
        assertThat(client.query(apply.get("no_order")).get("result_pay")).isEqualTo("SUCCESS");

        books.refund(client.merchant, order, "15.00", receiver.url("/refunds"));
        Reply refunded = client.query(apply.get("no_order"));
        assertThat(refunded.fields()).containsEntry("result_pay", "REFUND").containsEntry("memo", "已退款")
                .containsEntry("money_pay", "143.00").containsEntry("exchange_rate", "7.1500");
        assertThat(refunded.get("settle_date")).isEqualTo(paid.get("settle_date"));
    }

    @Test
    void theQueryAnswers8901ForNoOrderAnd9092ForNumbersOfTwoOrders() {
        assertThat(client.query("FX-none").retCode()).isEqualTo("8901");
        String mobile = EasypayClient.newMobile();
        Reply one = client.post(client.apply("u_q", ICBC_DEBIT, mobile, "USD", "1.00"));
        LinkedHashMap<String, String> other = client.apply("u_q", ICBC_DEBIT, mobile, "USD", "1.00");
        client.post(other);
        assertThat(client.merchant.plain(ExchangeClient.QUERY, "no_order", other.get("no_order"), "oid_paybill",
                one.get("oid_paybill")).retCode()).isEqualTo("9092");
    }

    @Test
    void aMerchantWithoutTheProductIsRefused() {
        ExchangeClient without = new ExchangeClient(gateway, TestMerchant.register(gateway, 0, java.util.Set.of(),
                io.llgate.server.merchant.IpAllowList.any()), receiver.url("/none"));
        assertThat(without.post(without.apply("u", ICBC_DEBIT, EasypayClient.newMobile(), "USD", "1.00")).retCode())
                .isEqualTo("3010");
    }

    @Test
    void aGatewayWithoutARateForTheCurrencyRefusesWith8006AndWritesNothing() {
        GatewaySettings settings = TestGateways.settings().withMode(GatewayMode.PRODUCTION, "exchange-test-token")
                .withHostResolver(host -> List.of(InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 9})));
        try (Gateway production = Gateway.start(settings)) {
            ExchangeClient priced = new ExchangeClient(production, TestMerchant.register(production, 0),
                    "https://shop.example.com/llp/notify");
            LinkedHashMap<String, String> apply = priced.apply("u_norate", ICBC_DEBIT, EasypayClient.newMobile(),
                    "USD", "45.00");
            Reply refused = priced.post(apply);
            assertThat(refused.retCode()).isEqualTo("8006");
            assertThat(refused.get("ret_msg")).isEqualTo("汇兑异常");
            assertThat(priced.query(apply.get("no_order")).retCode()).isEqualTo("8901");
        }
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
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }
}
