package io.llgate.server.mpay;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.kernel.QueriedOrders;
import io.llgate.server.sandbox.SandboxSms;
import io.llgate.server.testing.MpayClient;
import io.llgate.server.testing.NotificationReceiver;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MPAY's /v1/ API (spec 21) through real HTTP, real signatures and real pay_load encryption. */
class MpayTest {
    private static final String ICBC_DEBIT = "6222020000000000001";
    private static final String ICBC_CREDIT = "6222300000000008";
    private static final String CMB_DEBIT = "6214830100005566";
    private static final AtomicLong MOBILES = new AtomicLong(System.nanoTime() % 10_000_000L);
    private static Gateway gateway;
    private static NotificationReceiver receiver;
    private static MpayClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        receiver = new NotificationReceiver();
        client = new MpayClient(gateway, TestMerchant.register(gateway, 0), receiver.url("/mpay"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        receiver.close();
    }

    private static String mobile() {
        return "138" + String.format("%08d", MOBILES.incrementAndGet() % 100_000_000L);
    }

    @Test
    void aSealedApplyTextsACodeAndItsVerifyPaysNotifiesAndIsQueriedWithTheCardUnsigned() {
        String mobile = mobile();
        LinkedHashMap<String, String> apply = client.apply("u_new", ICBC_DEBIT, false, mobile, "36.00");

        Reply applied = client.post(apply);
        assertThat(applied.retCode()).as(applied.text()).isEqualTo("8888");
        assertThat(applied.get("ret_msg")).isEqualTo("短信已下发，需要再次验证");
        assertThat(applied.signatureValid()).isTrue();
        assertThat(applied.get("token")).matches("[0-9A-F]{32}");
        assertThat(applied.get("oid_paybill")).matches("[0-9]{16}");
        assertThat(applied.get("money_order")).isEqualTo("36.00");
        assertThat(applied.get("info_order")).isEqualTo("order-note");
        assertThat(applied.fields()).doesNotContainKeys("result_pay", "no_agree", "settle_date");
        assertThat(applied.text()).doesNotContain(ICBC_DEBIT, MpayClient.ID_NO, mobile);

        Reply verified = client.verify(apply, applied.get("token"), client.code(mobile));
        assertThat(verified.retCode()).as(verified.text()).isEqualTo("0000");
        assertThat(verified.signatureValid()).isTrue();
        assertThat(verified.get("result_pay")).isEqualTo("SUCCESS");
        assertThat(verified.get("no_agree")).matches("[0-9]{16}");
        assertThat(verified.get("settle_date")).matches("[0-9]{8}");
        assertThat(verified.get("oid_paybill")).isEqualTo(applied.get("oid_paybill"));
        assertThat(verified.fields()).doesNotContainKeys("token", "currency_order");

        Map<String, String> notification = awaitNotification(apply.get("no_order"));
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, new LinkedHashMap<>(notification)).valid())
                .isTrue();
        assertThat(notification).containsEntry("result_pay", "SUCCESS").containsEntry("pay_type", "2")
                .containsEntry("money_order", "36.00").containsEntry("no_agree", verified.get("no_agree"))
                .containsEntry("bank_code", "01020000").containsEntry("settle_date", verified.get("settle_date"))
                .containsEntry("info_order", "order-note").containsEntry("dt_order", apply.get("dt_order"))
                .doesNotContainKeys("card_no", "id_no", "acct_name", "id_type");

        Reply query = client.query(apply.get("no_order"));
        assertThat(query.retCode()).isEqualTo("0000");
        assertThat(query.get("result_pay")).isEqualTo("SUCCESS");
        assertThat(query.get("pay_type")).isEqualTo("2");
        assertThat(query.get("card_no")).isEqualTo("622202*********0001");
        // M12: an MPAY order's card_no stays out of the signature, as bank_name and memo do.
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, query.fields(),
                MpayMessages.QUERY_UNSIGNED).valid()).isTrue();
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, query.fields(),
                QueriedOrders.UNSIGNED_FIELDS).valid()).isFalse();
    }

    @Test
    void plainJsonAppliesAndAVerifyIsTakenAtTheApplyPathAndInsidePayLoad() {
        String mobile = mobile();
        LinkedHashMap<String, String> apply = client.apply("u_plain", ICBC_DEBIT, false, mobile, "1.50");
        Reply applied = client.postPlain(apply);
        assertThat(applied.retCode()).as(applied.text()).isEqualTo("8888");
        // M1: token + verify_code and no card_no, no_agree or busi_partner at the apply's path is a verify.
        Reply verified = client.verify("/v1/bankcardprepay", apply, applied.get("token"), client.code(mobile));
        assertThat(verified.retCode()).as(verified.text()).isEqualTo("0000");
        assertThat(verified.get("result_pay")).isEqualTo("SUCCESS");

        String other = mobile();
        LinkedHashMap<String, String> second = client.apply("u_plain", ICBC_DEBIT, false, other, "2.50");
        String token = client.post(second).get("token");
        Reply sealedVerify = client.merchant.sealed("/v1/bankcardpay", client.verifyFields(second, token, client.code(other)));
        assertThat(sealedVerify.retCode()).as(sealedVerify.text()).isEqualTo("0000");
    }

    @Test
    void aPhpSdkBodyWithEscapedSlashesAndUnicodeAndNoLineBreaksIsOpened() {
        String mobile = mobile();
        LinkedHashMap<String, String> apply = client.apply("u_php", ICBC_DEBIT, false, mobile, "3.00");
        Reply applied = client.merchant.post("/v1/bankcardprepay", client.phpSealedBody(apply));
        assertThat(applied.retCode()).as(applied.text()).isEqualTo("8888");

        LinkedHashMap<String, String> bind = client.bindApply("u_php", CMB_DEBIT, mobile());
        Reply bound = client.merchant.post("/v1/bankcardbind", client.phpSealedBody(bind));
        assertThat(bound.retCode()).as(bound.text()).isEqualTo("8888");
    }

    @Test
    void aCardBoundThroughTheMpayBindPaysWithItsNoAgree() {
        String mobile = mobile();
        LinkedHashMap<String, String> bindApply = client.bindApply("u_bind", CMB_DEBIT, mobile);
        bindApply.remove("id_type");
        Reply applied = client.merchant.sealed("/v1/bankcardbind", bindApply);
        assertThat(applied.retCode()).as(applied.text()).isEqualTo("8888");
        assertThat(applied.signatureValid()).isTrue();
        assertThat(applied.get("token")).isNotBlank();
        assertThat(applied.get("user_id")).isEqualTo("u_bind");
        assertThat(applied.get("no_order")).isEqualTo(bindApply.get("no_order"));
        assertThat(applied.get("dt_order")).isEqualTo(bindApply.get("dt_order"));

        LinkedHashMap<String, String> verify = new LinkedHashMap<>();
        verify.put("oid_partner", client.merchant.oidPartner());
        verify.put("user_id", "u_bind");
        verify.put("token", applied.get("token"));
        verify.put("verify_code", client.code(mobile));
        verify.put("no_order", bindApply.get("no_order"));
        Reply bound = client.merchant.plain("/v1/bankcardbindverfy", verify);
        assertThat(bound.retCode()).as(bound.text()).isEqualTo("0000");
        assertThat(bound.signatureValid()).isTrue();
        assertThat(bound.get("card_no")).isEqualTo("5566");
        assertThat(bound.get("no_agree")).matches("[0-9]{16}");
        assertThat(bound.get("no_order")).isEqualTo(bindApply.get("no_order"));

        LinkedHashMap<String, String> pay = client.applyBound("u_bind", bound.get("no_agree"), "12.00");
        Reply payApplied = client.post(pay);
        assertThat(payApplied.retCode()).as(payApplied.text()).isEqualTo("8888");
        Reply paid = client.verify(pay, payApplied.get("token"), client.code(mobile));
        assertThat(paid.retCode()).isEqualTo("0000");
        assertThat(paid.get("no_agree")).isEqualTo(bound.get("no_agree"));

        assertThat(client.post(client.applyBound("someone_else", bound.get("no_agree"), "1.00")).retCode())
                .isEqualTo("3011");
        assertThat(client.post(client.applyBound("u_bind", "2020010100000001", "1.00")).retCode()).isEqualTo("3003");
        // The card is bound now: a second bind of it is 9913.
        assertThat(client.merchant.sealed("/v1/bankcardbind", client.bindApply("u_bind", CMB_DEBIT, mobile())).retCode())
                .isEqualTo("9913");
    }

    @Test
    void theMpayBindTakesNoApiVersionOr21AndRefusesAnotherAndTheOtherKindOfCard() {
        LinkedHashMap<String, String> v20 = client.bindApply("u_bv", ICBC_DEBIT, mobile());
        v20.put("api_version", "2.0");
        Reply refused = client.merchant.sealed("/v1/bankcardbind", v20);
        assertThat(refused.retCode()).isEqualTo("1004");
        assertThat(refused.get("ret_msg")).contains("api_version");

        LinkedHashMap<String, String> v21 = client.bindApply("u_bv", ICBC_DEBIT, mobile());
        v21.put("api_version", "2.1");
        assertThat(client.merchant.plain("/v1/bankcardbind", v21).retCode()).isEqualTo("8888");

        LinkedHashMap<String, String> amex = client.bindApply("u_bv2", ICBC_DEBIT, mobile());
        amex.put("pay_type", "27");
        assertThat(client.merchant.sealed("/v1/bankcardbind", amex).retCode()).isEqualTo("5601");
        LinkedHashMap<String, String> easypayType = client.bindApply("u_bv2", ICBC_DEBIT, mobile());
        easypayType.put("pay_type", "M");
        assertThat(client.merchant.sealed("/v1/bankcardbind", easypayType).retCode()).isEqualTo("1004");
    }

    @Test
    void aMerchantWithoutSmsVerificationIsChargedAtApplyWith0000() {
        MpayClient noSms = new MpayClient(gateway, TestMerchant.register(gateway, 0), receiver.url("/nosms"));
        new TestAdmin(gateway).patch("/admin/merchants/" + noSms.merchant.oidPartner(), "{\"card_sms_verification\":false}");
        String mobile = mobile();
        Reply paid = noSms.post(noSms.apply("u_nosms", ICBC_DEBIT, false, mobile, "5.00"));
        assertThat(paid.retCode()).as(paid.text()).isEqualTo("0000");
        assertThat(paid.get("result_pay")).isEqualTo("SUCCESS");
        assertThat(paid.get("no_agree")).matches("[0-9]{16}");
        assertThat(paid.get("settle_date")).matches("[0-9]{8}");
        assertThat(paid.fields()).doesNotContainKey("token");
        assertThat(((SandboxSms) gateway.sms()).inbox(mobile)).isEmpty();
        assertThat(noSms.post(noSms.apply("u_nosms", "6222020000000006001", false, mobile, "5.00")).retCode())
                .isEqualTo("6001");
    }

    @Test
    void aMerchantWithHolderFieldsSwitchedOnGetsThemInsideTheSignedNotification() {
        MpayClient holder = new MpayClient(gateway, TestMerchant.register(gateway, 0), receiver.url("/holder"));
        TestAdmin.Response switched = new TestAdmin(gateway).patch("/admin/merchants/" + holder.merchant.oidPartner(),
                "{\"notify_card_holder\":true}");
        assertThat(switched.json().get("notify_card_holder").asBoolean()).isTrue();
        LinkedHashMap<String, String> apply = holder.apply("u_holder", ICBC_DEBIT, false, mobile(), "8.00");
        assertThat(holder.pay(apply).retCode()).isEqualTo("0000");
        Map<String, String> notification = awaitNotification(apply.get("no_order"));
        assertThat(notification).containsEntry("card_no", ICBC_DEBIT).containsEntry("id_no", MpayClient.ID_NO)
                .containsEntry("acct_name", MpayClient.NAME).containsEntry("id_type", "0");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, new LinkedHashMap<>(notification)).valid())
                .isTrue();
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("user_id", ""),
                Arguments.of("busi_partner", "999999"),
                Arguments.of("dt_order", "2024"),
                Arguments.of("name_goods", ""),
                Arguments.of("money_order", "0.001"),
                Arguments.of("notify_url", "ftp://x"),
                Arguments.of("valid_order", "0"),
                Arguments.of("risk_item", "not json"),
                Arguments.of("pay_type", "M"),
                Arguments.of("card_no", ""),
                Arguments.of("acct_name", "王小明1"),
                Arguments.of("id_type", "11"),
                Arguments.of("id_no", "110101199003078031"),
                Arguments.of("bind_mob", "12800138000"),
                Arguments.of("bank_code", "x"),
                Arguments.of("no_agree", "2024-03"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badFields")
    void badInputIsRefusedNamingItsFieldAndWritesNothing(String field, String value) {
        String mobile = mobile();
        LinkedHashMap<String, String> apply = client.apply("u_bad", ICBC_DEBIT, false, mobile, "1.00");
        apply.put(field, value);
        Reply reply = client.post(apply);
        assertThat(reply.retCode()).as(reply.text()).isEqualTo("1004");
        assertThat(reply.get("ret_msg")).contains(field);
        assertThat(reply.signatureValid()).isTrue();
        assertThat(client.query(apply.get("no_order")).retCode()).isEqualTo("8901");
        assertThat(((SandboxSms) gateway.sms()).inbox(mobile)).isEmpty();
    }

    @Test
    void theEnvelopeAndTheSignatureAreCheckedBeforeAnything() {
        LinkedHashMap<String, String> outer = new LinkedHashMap<>();
        outer.put("oid_partner", client.merchant.oidPartner());
        outer.put("pay_load", "lianpay1_0_1$AAAA$BBBB$CCCC$DDDD$EEEE");
        assertThat(client.merchant.post("/v1/bankcardprepay", FlatJson.write(outer)).retCode()).isEqualTo("4007");
        assertThat(client.merchant.post("/v1/bankcardbind", FlatJson.write(outer)).retCode()).isEqualTo("4007");
        assertThat(client.merchant.post("/v1/bankcardprepay", "{not json").retCode()).isIn("1012", "9901");

        LinkedHashMap<String, String> apply = client.apply("u_sig", ICBC_DEBIT, false, mobile(), "1.00");
        LinkedHashMap<String, String> signed = client.merchant.sign(apply);
        signed.put("money_order", "2.00");
        Reply tampered = client.merchant.post("/v1/bankcardprepay", client.merchant.sealedBody(signed));
        assertThat(tampered.retCode()).isEqualTo("1001");
        assertThat(client.query(apply.get("no_order")).retCode()).isEqualTo("8901");
    }

    @Test
    void optionalFormsOfTheSdkAreTaken() {
        // M18: no id_type is the ID card; M20: valid_order as a JSON number, signed as its text.
        String mobile = mobile();
        LinkedHashMap<String, String> apply = client.apply("u_sdk", ICBC_DEBIT, false, mobile, "4.00");
        apply.remove("id_type");
        apply.put("valid_order", "120");
        apply.put("platform", "");
        // M9: the apply does not read api_version.
        apply.put("api_version", "9.9");
        apply.put("shareing_data", "201907300009990001^1^0.40^platform fee");
        String json = FlatJson.write(client.merchant.sign(apply)).replace("\"valid_order\":\"120\"", "\"valid_order\":120");
        assertThat(json).contains("\"valid_order\":120");
        LinkedHashMap<String, String> outer = new LinkedHashMap<>();
        outer.put("oid_partner", client.merchant.oidPartner());
        outer.put("pay_load", io.llgate.protocol.PayLoad.seal(gateway.publicKey(), json));
        Reply applied = client.merchant.post("/v1/bankcardprepay", FlatJson.write(outer));
        assertThat(applied.retCode()).as(applied.text()).isEqualTo("8888");
        String kept = gateway.jdbi().withHandle(h -> h.createQuery(
                "SELECT shareing_data FROM mpay_order WHERE no_order = :no").bind("no", apply.get("no_order"))
                .mapTo(String.class).one());
        assertThat(kept).isEqualTo("201907300009990001^1^0.40^platform fee");

        LinkedHashMap<String, String> tooMuch = client.apply("u_sdk", ICBC_DEBIT, false, mobile(), "4.00");
        tooMuch.put("shareing_data", "201907300009990001^1^4.01^platform fee");
        assertThat(client.post(tooMuch).retCode()).isEqualTo("7119");
        LinkedHashMap<String, String> malformed = client.apply("u_sdk", ICBC_DEBIT, false, mobile(), "4.00");
        malformed.put("shareing_data", "a^b");
        assertThat(client.post(malformed).retCode()).isEqualTo("7119");
    }

    @Test
    void aSha256SignatureIsAnsweredSha256AndPlatformsKeepTheirOwnBindings() {
        // M14: sign_type spelled SHA256withRSA, compared without case; the reply is signed the same way.
        String mobile = mobile();
        LinkedHashMap<String, String> apply = client.apply("u_sha", ICBC_DEBIT, false, mobile, "1.00");
        LinkedHashMap<String, String> signed = MessageSignature.sign(client.merchant.keys().getPrivate(),
                SignType.SHA256WITHRSA, apply);
        assertThat(signed.get("sign_type")).isEqualToIgnoringCase("SHA256withRSA");
        Reply applied = client.merchant.post("/v1/bankcardprepay", client.merchant.sealedBody(signed));
        assertThat(applied.retCode()).as(applied.text()).isEqualTo("8888");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.SHA256WITHRSA,
                new LinkedHashMap<>(applied.fields())).valid()).isTrue();

        // M16: a card bound in a platform pays there, and is unknown to the merchant's own users.
        String platformMobile = mobile();
        LinkedHashMap<String, String> first = client.apply("u_platform", ICBC_DEBIT, false, platformMobile, "1.00");
        first.put("platform", "shop_platform");
        String noAgree = client.pay(first).get("no_agree");
        LinkedHashMap<String, String> again = client.applyBound("u_platform", noAgree, "1.00");
        again.put("platform", "shop_platform");
        assertThat(client.post(again).retCode()).isEqualTo("8888");
        assertThat(client.post(client.applyBound("u_platform", noAgree, "1.00")).retCode()).isEqualTo("3003");
    }

    @Test
    void theSdksOwnIdTypesArePaidWithAndBound() {
        // 14 D19: MPAY takes the id_type values LianLian's MPAY SDK adds, stored as sent; easypay does not.
        String mobile = mobile();
        LinkedHashMap<String, String> apply = client.apply("u_org", ICBC_DEBIT, false, mobile, "1.00");
        apply.put("id_type", "10");
        apply.put("id_no", "MA1FL8XQ3");
        Reply paid = client.pay(apply);
        assertThat(paid.retCode()).as(paid.text()).isEqualTo("0000");
        assertThat(paid.get("no_agree")).matches("[0-9]{16}");
        LinkedHashMap<String, String> bind = client.bindApply("u_household", CMB_DEBIT, mobile());
        bind.put("id_type", "1");
        bind.put("id_no", "HK1234567");
        assertThat(client.merchant.sealed("/v1/bankcardbind", bind).retCode()).isEqualTo("8888");
    }

    @Test
    void payTypesMustFitTheCard() {
        LinkedHashMap<String, String> amexDebit = client.apply("u_pt", ICBC_DEBIT, false, mobile(), "1.00");
        amexDebit.put("pay_type", "27");
        assertThat(client.post(amexDebit).retCode()).isEqualTo("5601");
        LinkedHashMap<String, String> creditAsDebit = client.apply("u_pt", ICBC_CREDIT, true, mobile(), "1.00");
        creditAsDebit.put("pay_type", "2");
        assertThat(client.post(creditAsDebit).retCode()).isEqualTo("5601");

        String mobile = mobile();
        LinkedHashMap<String, String> amex = client.apply("u_pt", ICBC_CREDIT, true, mobile, "1.00");
        amex.put("pay_type", "27");
        Reply paid = client.pay(amex);
        assertThat(paid.retCode()).as(paid.text()).isEqualTo("0000");
        assertThat(awaitNotification(amex.get("no_order"))).containsEntry("pay_type", "27");
        LinkedHashMap<String, String> authenticated = client.apply("u_pt", ICBC_DEBIT, false, mobile(), "1.00");
        authenticated.put("pay_type", "P");
        assertThat(client.post(authenticated).retCode()).isEqualTo("8888");
    }

    @Test
    void codesTokensAndRepeatsAreRefusedWithTheirCodes() {
        String mobile = mobile();
        LinkedHashMap<String, String> apply = client.apply("u_codes", ICBC_DEBIT, false, mobile, "1.00");
        String token = client.post(apply).get("token");
        String wrong = client.code(mobile).equals("000000") ? "111111" : "000000";
        assertThat(client.verify(apply, token, wrong).retCode()).isEqualTo("1900");
        assertThat(client.verify(apply, "0123456789ABCDEF0123456789ABCDEF", client.code(mobile)).retCode())
                .isEqualTo("1000");
        LinkedHashMap<String, String> otherAmount = new LinkedHashMap<>(apply);
        otherAmount.put("money_order", "2.00");
        assertThat(client.verify(otherAmount, token, client.code(mobile)).retCode()).isEqualTo("1004");
        // A repeat of the waiting order texts a new code under its token; another amount is a duplicate order.
        Reply again = client.post(apply);
        assertThat(again.retCode()).isEqualTo("8888");
        assertThat(again.get("token")).isEqualTo(token);
        assertThat(client.post(otherAmount).retCode()).isEqualTo("1002");
        assertThat(client.verify(apply, token, client.code(mobile)).get("result_pay")).isEqualTo("SUCCESS");
        assertThat(client.verify(apply, token, client.code(mobile)).retCode()).isEqualTo("2007");
        assertThat(client.post(apply).retCode()).isEqualTo("2007");
    }

    @Test
    void aCodePastItsThirtyMinutesIs1901AndAnOrderPastValidOrderCloses() {
        try (Gateway own = TestGateways.start()) {
            MpayClient ownClient = new MpayClient(own, TestMerchant.register(own, 0), receiver.url("/own"));
            String mobile = mobile();
            LinkedHashMap<String, String> late = ownClient.apply("u_late", ICBC_DEBIT, false, mobile, "1.00");
            late.put("valid_order", "60");
            String token = ownClient.post(late).get("token");
            own.advanceClock(Duration.ofMinutes(31));
            assertThat(ownClient.verify(late, token, ownClient.code(mobile)).retCode()).isEqualTo("1901");
            own.advanceClock(Duration.ofMinutes(30));
            assertThat(ownClient.verify(late, token, ownClient.code(mobile)).retCode()).isEqualTo("2006");
            assertThat(ownClient.query(late.get("no_order")).get("result_pay")).isEqualTo("FAILURE");
            // Moving the clock ran the sweep: the order is closed in the store too.
            String status = own.jdbi().withHandle(h -> h.createQuery("SELECT status FROM mpay_order WHERE no_order = :no")
                    .bind("no", late.get("no_order")).mapTo(String.class).one());
            assertThat(status).isEqualTo("CLOSED");
        }
    }

    @Test
    void aBankTimeoutStaysProcessingUntilTheSandboxControlResolvesIt() {
        String mobile = mobile();
        LinkedHashMap<String, String> apply = client.apply("u_timeout", "6222020000000009000", false, mobile, "9.00");
        Reply verified = client.pay(apply);
        assertThat(verified.retCode()).isEqualTo("0000");
        assertThat(verified.get("result_pay")).isEqualTo("PROCESSING");
        assertThat(client.query(apply.get("no_order")).get("result_pay")).isEqualTo("PROCESSING");

        String paybill = verified.get("oid_paybill");
        TestAdmin admin = new TestAdmin(gateway);
        assertThat(admin.post("/sandbox/card-charges/" + paybill + "/resolve", "{\"result\":\"SUCCESS\"}").status())
                .isEqualTo(200);
        assertThat(client.query(apply.get("no_order")).get("result_pay")).isEqualTo("SUCCESS");
        assertThat(awaitNotification(apply.get("no_order"))).containsKey("no_agree");
    }

    @Test
    void anMpayPaymentIsRefundedThroughTheRefundApi() {
        LinkedHashMap<String, String> apply = client.apply("u_refund", ICBC_DEBIT, false, mobile(), "50.00");
        assertThat(client.pay(apply).get("result_pay")).isEqualTo("SUCCESS");
        LinkedHashMap<String, String> refund = new LinkedHashMap<>();
        refund.put("oid_partner", client.merchant.oidPartner());
        refund.put("no_refund", "RF" + apply.get("no_order"));
        refund.put("dt_refund", apply.get("dt_order"));
        refund.put("money_refund", "20.00");
        refund.put("no_order", apply.get("no_order"));
        refund.put("dt_order", apply.get("dt_order"));
        refund.put("notify_url", receiver.url("/refunds"));
        Reply refunded = client.merchant.plain("/refund.htm", refund);
        assertThat(refunded.retCode()).as(refunded.text()).isEqualTo("0000");
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
}
