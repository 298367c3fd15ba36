package io.llgate.server.cardbind;

import static io.llgate.server.cardbind.Binder.CREDIT;
import static io.llgate.server.cardbind.Binder.DEBIT;
import static io.llgate.server.cardbind.Binder.ID_LI;
import static io.llgate.server.cardbind.Binder.OTHER_DEBIT;
import static io.llgate.server.cardbind.Binder.applyFields;
import static io.llgate.server.cardbind.Binder.freshMobile;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.RetCode;
import io.llgate.server.Gateway;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Card binding (spec 22) through real HTTP with real signatures: bind, list, unbind, and their refusals. */
class CardBindTest {
    static Gateway gateway;
    static Binder binder;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        binder = new Binder(gateway, TestMerchant.register(gateway, 0));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String newUser() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    private static void assertRefused(Reply reply, RetCode code) {
        assertThat(reply.signatureValid()).as("signed refusal: %s", reply.text()).isTrue();
        assertThat(reply.fields()).as(reply.text()).containsEntry("ret_code", code.code())
                .containsEntry("ret_msg", code.message()).doesNotContainKeys("token", "no_agree", "agreement_list");
    }

    private static void assertBadField(Reply reply, String field) {
        assertThat(reply.signatureValid()).as("signed refusal: %s", reply.text()).isTrue();
        assertThat(reply.fields()).as(reply.text()).containsEntry("ret_code", "1004")
                .containsEntry("ret_msg", RetCode.PARAM_ERROR.message(field));
    }

    @Test
    void aCardIsBoundWithTheTextedCodeListedAndUnbound() {
        String user = newUser();
        String mobile = freshMobile();

        Reply applied = binder.apply(applyFields(user, DEBIT, mobile));

        assertThat(applied.signatureValid()).isTrue();
        assertThat(applied.fields().keySet()).containsExactly("ret_code", "ret_msg", "oid_partner", "user_id", "token",
                "sign_type", "sign");
        assertThat(applied.fields()).containsEntry("ret_code", "0000").containsEntry("ret_msg", "交易成功")
                .containsEntry("oid_partner", binder.merchant.oidPartner()).containsEntry("user_id", user);
        assertThat(applied.get("token")).matches("[0-9A-F]{32}");

        Reply verified = binder.verify(user, applied.get("token"), binder.code(mobile));

        assertThat(verified.signatureValid()).isTrue();
        assertThat(verified.fields().keySet()).containsExactly("ret_code", "ret_msg", "oid_partner", "user_id",
                "card_no", "no_agree", "sign_type", "sign");
        assertThat(verified.fields()).containsEntry("ret_code", "0000").containsEntry("user_id", user)
                .containsEntry("card_no", "5566");
        String noAgree = verified.get("no_agree");
        assertThat(noAgree).matches("\\d{16}");

        Reply listed = binder.list(user);

        assertThat(binder.listSignatureValid(listed)).as(listed.text()).isTrue();
        assertThat(listed.fields().keySet()).containsExactly("ret_code", "ret_msg", "oid_partner", "user_id", "count",
                "sign_type", "sign", "agreement_list");
        assertThat(listed.fields()).containsEntry("ret_code", "0000").containsEntry("user_id", user)
                .containsEntry("count", "1").doesNotContainKey("oid_paybill");
        // A real JSON array, its members in the order fastjson rebuilds them (C7).
        assertThat(listed.text()).contains("\"agreement_list\":[{\"bank_code\":\"03080000\",\"card_no\":\"5566\","
                + "\"no_agree\":\"" + noAgree + "\",\"bind_mobile\":\"" + mobile.substring(0, 3) + "****"
                + mobile.substring(7) + "\",\"bank_name\":\"招商银行\",\"card_type\":\"2\"}]");

        Reply unbound = binder.unbind(user, noAgree);

        assertThat(unbound.signatureValid()).isTrue();
        assertThat(unbound.fields()).containsEntry("ret_code", "0000").containsEntry("ret_msg", "交易成功");
        assertRefused(binder.list(user), RetCode.NO_RECORD);
        assertRefused(binder.unbind(user, noAgree), RetCode.AGREEMENT_NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bankcardbindverfy.htm", "/v1/bankcardbindverfy", "/bankcardbindverify.htm",
        "/v1/bankcardbindverify"})
    void everyVerifyPathBindsTheCard(String path) {
        String user = newUser();
        String mobile = freshMobile();
        String token = binder.applied(applyFields(user, DEBIT, mobile));

        Reply verified = binder.verify(path, user, token, binder.code(mobile));

        assertThat(verified.signatureValid()).isTrue();
        assertThat(verified.fields()).containsEntry("ret_code", "0000").containsEntry("card_no", "5566");
        assertThat(binder.list(user).get("count")).isEqualTo("1");
    }

    @Test
    void aReplayedVerifyIs1000AndMakesNoSecondBinding() {
        String user = newUser();
        String mobile = freshMobile();
        String token = binder.applied(applyFields(user, DEBIT, mobile));
        String code = binder.code(mobile);
        assertThat(binder.verify(user, token, code).retCode()).isEqualTo("0000");

        assertRefused(binder.verify(user, token, code), RetCode.TOKEN_INVALID);
        assertThat(binder.list(user).get("count")).isEqualTo("1");
    }

    @Test
    void aWrongCodeIs1900AndTheRightOneStillBindsUntilTooManyTries() {
        String user = newUser();
        String mobile = freshMobile();
        String token = binder.applied(applyFields(user, DEBIT, mobile));
        String code = binder.code(mobile);
        String wrong = code.equals("000000") ? "111111" : "000000";

        assertRefused(binder.verify(user, token, wrong), RetCode.SMS_CODE_CHECK_FAILED);
        assertRefused(binder.list(user), RetCode.NO_RECORD);
        assertThat(binder.verify(user, token, code).retCode()).isEqualTo("0000");
    }

    @Test
    void theFifthWrongCodeSpendsTheToken() {
        String user = newUser();
        String mobile = freshMobile();
        String token = binder.applied(applyFields(user, DEBIT, mobile));
        String code = binder.code(mobile);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 1; i < 5; i++) {
            assertRefused(binder.verify(user, token, wrong), RetCode.SMS_CODE_CHECK_FAILED);
        }

        assertRefused(binder.verify(user, token, wrong), RetCode.SMS_VERIFICATION_CODE_TOO_MANY);
        assertRefused(binder.verify(user, token, code), RetCode.SMS_VERIFICATION_CODE_TOO_MANY);
        assertRefused(binder.list(user), RetCode.NO_RECORD);
    }

    @Test
    void anUnknownTokenOrAnotherMerchantsIs1000() {
        String user = newUser();
        String mobile = freshMobile();
        String token = binder.applied(applyFields(user, DEBIT, mobile));
        Binder other = new Binder(gateway, TestMerchant.register(gateway, 0));

        assertRefused(binder.verify(user, "0123456789ABCDEF0123456789ABCDEF", "123456"), RetCode.TOKEN_INVALID);
        assertRefused(other.verify(user, token, binder.code(mobile)), RetCode.TOKEN_INVALID);
        assertThat(binder.verify(user, token, binder.code(mobile)).retCode()).isEqualTo("0000");
    }

    @Test
    void aVerifyForAnotherUserIs1004AndSpendsNothing() {
        String user = newUser();
        String mobile = freshMobile();
        String token = binder.applied(applyFields(user, DEBIT, mobile));

        assertBadField(binder.verify(newUser(), token, binder.code(mobile)), "user_id");
        assertThat(binder.verify(user, token, binder.code(mobile)).retCode()).isEqualTo("0000");
    }

    @Test
    void anApplyWithASerialNumberNeedsTheSameOneAtVerifyAndEchoesIt() {
        // Only LianLian's MPAY bind apply carries no_order (C16); the row is given one as that apply would store it.
        String user = newUser();
        String mobile = freshMobile();
        String token = binder.applied(applyFields(user, DEBIT, mobile));
        gateway.jdbi().useHandle(h -> h.createUpdate("UPDATE card_bind_apply SET no_order = 'BIND0001' WHERE token = :t")
                .bind("t", token).execute());
        LinkedHashMap<String, String> verify = Binder.with(new LinkedHashMap<>(), "user_id", user, "token", token,
                "verify_code", binder.code(mobile));

        assertBadField(binder.call(Binder.VERIFY, Binder.with(new LinkedHashMap<>(verify), "no_order", "BIND0002")),
                "no_order");
        Reply verified = binder.call("/v1/bankcardbindverfy", Binder.with(verify, "no_order", "BIND0001"));

        assertThat(verified.signatureValid()).isTrue();
        assertThat(verified.fields()).containsEntry("ret_code", "0000").containsEntry("no_order", "BIND0001");
    }

    @Test
    void aSerialNumberSentForAnApplyWithoutOneIsIgnored() {
        String user = newUser();
        String mobile = freshMobile();
        String token = binder.applied(applyFields(user, DEBIT, mobile));

        Reply verified = binder.call(Binder.VERIFY, Binder.with(new LinkedHashMap<>(), "user_id", user, "token", token,
                "verify_code", binder.code(mobile), "no_order", "BIND0003"));

        assertThat(verified.fields()).containsEntry("ret_code", "0000").doesNotContainKey("no_order");
    }

    @Test
    void aCardTheUserHasBoundIs9913UntilItIsUnbound() {
        String user = newUser();
        String noAgree = binder.bind(user, DEBIT);

        assertRefused(binder.apply(applyFields(user, DEBIT, freshMobile())), RetCode.CARD_ALREADY_BOUND);

        assertThat(binder.unbind(user, noAgree).retCode()).isEqualTo("0000");
        String again = binder.bind(user, DEBIT);
        assertThat(again).isNotEqualTo(noAgree);
    }

    @Test
    void aUserBindsMoreCardsOfTheSamePersonListedNewestFirst() {
        String user = newUser();
        String first = binder.bind(user, DEBIT);
        String second = binder.bind(user, OTHER_DEBIT);

        Reply all = binder.list(user);
        Reply fromOne = binder.list(user, "offset", "1");
        Reply beyond = binder.list(user, "offset", "5");

        assertThat(all.get("count")).isEqualTo("2");
        assertThat(noAgrees(all)).containsExactly(second, first);
        assertThat(fromOne.get("count")).isEqualTo("2");
        assertThat(noAgrees(fromOne)).containsExactly(first);
        assertThat(beyond.fields()).containsEntry("ret_code", "0000").containsEntry("count", "2");
        assertThat(noAgrees(beyond)).isEmpty();
    }

    @Test
    void anotherPersonsCardUnderTheSameUserIs7018WhileTheUserHasBindings() {
        String user = newUser();
        String noAgree = binder.bind(user, DEBIT);

        assertRefused(binder.apply(applyFields(user, OTHER_DEBIT, freshMobile(), "acct_name", "李四", "id_no", ID_LI)),
                RetCode.NEW_CARD_HOLDER_INCONSISTENT);

        binder.unbind(user, noAgree);
        assertThat(binder.bind(user, OTHER_DEBIT, "acct_name", "李四", "id_no", ID_LI)).matches("\\d{16}");
    }

    @Test
    void theListFiltersByPayTypeFamilyBindingAndCard() {
        String user = newUser();
        String easypay = binder.bind(user, DEBIT);
        String quick = binder.bind(user, OTHER_DEBIT, "pay_type", "2");

        assertThat(noAgrees(binder.list(user, "pay_type", "N"))).containsExactly(easypay);
        assertThat(noAgrees(binder.list(user, "pay_type", "3"))).containsExactly(quick);
        assertRefused(binder.list(user, "pay_type", "D"), RetCode.NO_RECORD);
        assertThat(noAgrees(binder.list(user, "no_agree", easypay))).containsExactly(easypay);
        assertThat(noAgrees(binder.list(user, "card_no", OTHER_DEBIT))).containsExactly(quick);
        assertRefused(binder.list(user, "card_no", CREDIT), RetCode.NO_RECORD);
    }

    @Test
    void anUnbindOfAnotherFamilyOrAnotherUserIs3011AndAnUnknownBindingIs3003() {
        String user = newUser();
        String noAgree = binder.bind(user, DEBIT);

        assertRefused(binder.unbind(user, noAgree, "pay_type", "D"), RetCode.USER_AGREEMENT_NOT_FOUND);
        assertRefused(binder.unbind(newUser(), noAgree), RetCode.USER_AGREEMENT_NOT_FOUND);
        assertRefused(binder.unbind(user, "2099010100000001"), RetCode.AGREEMENT_NOT_FOUND);
        assertThat(binder.list(user).get("count")).isEqualTo("1");
        assertThat(binder.unbind(user, noAgree, "pay_type", "M").retCode()).isEqualTo("0000");
    }

    @Test
    void bindingsAreTheMerchantsAndThePlatformsOwn() {
        String user = newUser();
        String noAgree = binder.bind(user, DEBIT);
        Binder other = new Binder(gateway, TestMerchant.register(gateway, 0));

        assertRefused(other.list(user), RetCode.NO_RECORD);
        assertRefused(other.unbind(user, noAgree), RetCode.AGREEMENT_NOT_FOUND);
        assertRefused(binder.list(user, "platform", "shop-b"), RetCode.NO_RECORD);

        String onPlatform = binder.bind(user, DEBIT, "platform", "shop-b");
        assertThat(noAgrees(binder.list(user, "platform", "shop-b"))).containsExactly(onPlatform);
        assertThat(noAgrees(binder.list(user))).containsExactly(noAgree);
        assertRefused(binder.unbind(user, onPlatform), RetCode.AGREEMENT_NOT_FOUND);
        assertRefused(other.list(user, "platform", "shop-b"), RetCode.NO_RECORD);
        assertThat(binder.unbind(user, onPlatform, "platform", "shop-b").retCode()).isEqualTo("0000");
        assertThat(noAgrees(binder.list(user))).containsExactly(noAgree);
    }

    @Test
    void aCreditCardNeedsItsExpiryAndCvv2() {
        String user = newUser();

        assertBadField(binder.apply(applyFields(user, CREDIT, freshMobile(), "pay_type", "N", "cvv2", "315")),
                "vali_date");
        assertBadField(binder.apply(applyFields(user, CREDIT, freshMobile(), "pay_type", "N", "vali_date", "0120", "cvv2", "315")),
                "vali_date");
        assertBadField(binder.apply(applyFields(user, CREDIT, freshMobile(), "pay_type", "N", "vali_date", "0939")),
                "cvv2");
        String noAgree = binder.bind(user, CREDIT, "pay_type", "N", "vali_date", "0939", "cvv2", "315");

        Reply listed = binder.list(user);
        assertThat(listed.text()).contains("\"no_agree\":\"" + noAgree + "\"").contains("\"card_type\":\"3\"");
    }

    @Test
    void aPayTypeForTheOtherKindOfCardIs5601() {
        assertRefused(binder.apply(applyFields(newUser(), CREDIT, freshMobile(), "pay_type", "2", "vali_date", "0939",
                "cvv2", "315")), RetCode.PAY_TYPE_CARD_MISMATCH);
        assertRefused(binder.apply(applyFields(newUser(), DEBIT, freshMobile(), "pay_type", "N")),
                RetCode.PAY_TYPE_CARD_MISMATCH);
    }

    @Test
    void theIssuersRefusalOfTheHolderIsAnsweredBeforeAnyCodeIsTexted() {
        String mobile = freshMobile();

        assertRefused(binder.apply(applyFields(newUser(), "6214830100001108", mobile)), RetCode.ID_NAME_OR_MOBILE_WRONG);
        assertRefused(binder.apply(applyFields(newUser(), "6214830100001101", mobile)), RetCode.CARD_REPORTED_LOST);
        assertThat(new TestAdmin(gateway).get("/sandbox/sms?mobile=" + mobile).json()
                .get("messages")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user_id", "pay_type", "api_version", "risk_item", "card_no", "acct_name", "id_type",
        "id_no", "bind_mob"})
    void everyRequiredApplyFieldIs1004WhenMissing(String field) {
        assertBadField(binder.apply(applyFields(newUser(), DEBIT, freshMobile(), field, null)), field);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pay_type=X", "api_version=2.0", "id_no=110101199001011238", "id_type=1",
        "bind_mob=23800138000", "card_no=62148301", "acct_name=王小明1", "user_id=123456789012345678901234567890123",
        "platform=123456789012345678901234567890123"})
    void aMalformedApplyFieldIs1004(String change) {
        String[] nameAndValue = change.split("=", 2);
        assertBadField(binder.apply(applyFields(newUser(), DEBIT, freshMobile(), nameAndValue[0], nameAndValue[1])),
                nameAndValue[0]);
    }

    @Test
    void aCardNoIssuerHasIs1102() {
        assertRefused(binder.apply(applyFields(newUser(), "4111111111111111", freshMobile())), RetCode.UNKNOWN_ISSUER);
    }

    @Test
    void aMerchantWhoseClientSignsOverTheListGetsAgreementListInTheSignSource() {
        TestMerchant merchant = TestMerchant.register(gateway, 0);
        new TestAdmin(gateway).patch("/admin/merchants/" + merchant.oidPartner(),
                "{\"list_signing\":\"agreement_list=include\"}");
        Binder signedOver = new Binder(gateway, merchant);
        String user = newUser();
        String mobile = freshMobile();
        Reply applied = signedOver.apply(applyFields(user, DEBIT, mobile));
        signedOver.verify(user, applied.get("token"), signedOver.code(mobile));

        Reply listed = signedOver.list(user);

        assertThat(listed.fields()).as(listed.text()).containsEntry("ret_code", "0000");
        assertThat(listed.signatureValid()).as("signed over the list: %s", listed.text()).isTrue();
        assertThat(signedOver.listSignatureValid(listed)).isFalse();
    }

    @Test
    void theListTakesOffsetAsAJsonNumberAndDefaultsItTo0() {
        String user = newUser();
        String noAgree = binder.bind(user, DEBIT);
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("oid_partner", binder.merchant.oidPartner());
        fields.put("user_id", user);
        fields.put("offset", "0");
        String body = FlatJson.write(binder.merchant.sign(fields)).replace("\"offset\":\"0\"", "\"offset\":0");

        Reply asNumber = binder.merchant.post(Binder.LIST, body);
        Reply without = binder.call(Binder.LIST, Binder.with(new LinkedHashMap<>(), "user_id", user));

        assertThat(body).contains("\"offset\":0");
        assertThat(noAgrees(asNumber)).containsExactly(noAgree);
        assertThat(noAgrees(without)).containsExactly(noAgree);
        assertBadField(binder.list(user, "offset", "-1"), "offset");
        assertBadField(binder.list(user, "offset", "1.5"), "offset");
    }

    @Test
    void unbindAndListNeedTheirFields() {
        assertBadField(binder.call(Binder.UNBIND, Binder.with(new LinkedHashMap<>(), "user_id", newUser())), "no_agree");
        assertBadField(binder.call(Binder.UNBIND, Binder.with(new LinkedHashMap<>(), "no_agree", "2024031500004590")),
                "user_id");
        assertBadField(binder.unbind(newUser(), "2024031500004590", "pay_type", "Q"), "pay_type");
        assertBadField(binder.call(Binder.LIST, new LinkedHashMap<>(Map.of("offset", "0"))), "user_id");
        assertBadField(binder.list(newUser(), "card_no", "12ab"), "card_no");
    }

    @Test
    void aMerchantWithoutCardBindingIs3010() {
        Binder without = new Binder(gateway, TestMerchant.register(gateway, 0, Set.of(), IpAllowList.any()));

        assertRefused(without.apply(applyFields(newUser(), DEBIT, freshMobile())), RetCode.NO_PAYMENT_PERMISSION);
        assertRefused(without.list(newUser()), RetCode.NO_PAYMENT_PERMISSION);
    }

    private static List<String> noAgrees(Reply reply) {
        assertThat(reply.fields()).as(reply.text()).containsEntry("ret_code", "0000");
        assertThat(binder.listSignatureValid(reply)).isTrue();
        try {
            return FlatJson.parseArray(reply.get("agreement_list")).stream().map(e -> e.get("no_agree")).toList();
        } catch (MalformedMessageException e) {
            throw new AssertionError(reply.text(), e);
        }
    }
}
