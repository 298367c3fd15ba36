package io.llgate.server.cardbin;

import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.RetCode;
import io.llgate.server.Gateway;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The card BIN query, {@code /bankcardbin.htm} (14 §3), through real HTTP: answers and every refusal. */
class CardBinTest {
    private static final String PATH = "/bankcardbin.htm";
    static Gateway gateway;
    static TestMerchant merchant;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        merchant = TestMerchant.register(gateway, 0);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Reply query(TestMerchant merchant, String... namesAndValues) {
        return merchant.plain(PATH, namesAndValues);
    }

    private static void assertRefused(Reply reply, RetCode code, String message) {
        assertThat(reply.signatureValid()).as("signed refusal: %s", reply.text()).isTrue();
        assertThat(reply.fields()).containsEntry("ret_code", code.code()).containsEntry("ret_msg", message)
                .doesNotContainKeys("card_no", "bank_code", "bank_name", "card_type");
    }

    @Test
    void aDebitCardAnswersItsBankAndTypeWithTheLastFourDigits() {
        // The spec's own sample card: a China Merchants Bank debit card.
        Reply reply = query(merchant, "card_no", "6214830100005566");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.signatureValid()).isTrue();
        assertThat(reply.fields().keySet()).containsExactly("ret_code", "ret_msg", "oid_partner", "card_no",
                "bank_code", "bank_name", "card_type", "sign_type", "sign");
        assertThat(reply.fields()).containsEntry("ret_code", "0000").containsEntry("ret_msg", "交易成功")
                .containsEntry("oid_partner", merchant.oidPartner()).containsEntry("card_no", "5566")
                .containsEntry("bank_code", "03080000").containsEntry("bank_name", "招商银行")
                .containsEntry("card_type", "2");
    }

    @Test
    void aCreditCardAnswersCardType3() {
        Reply reply = query(merchant, "api_version", "1.0", "card_no", "6225768812341234");

        assertThat(reply.signatureValid()).isTrue();
        assertThat(reply.fields()).containsEntry("ret_code", "0000").containsEntry("card_no", "1234")
                .containsEntry("bank_code", "03080000").containsEntry("bank_name", "招商银行")
                .containsEntry("card_type", "3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "6216610000012345678, 01040000, 中国银行",
        "6216610000012340001, 01040000, 中国银行",
        "6222020000000002, 01020000, 工商银行",
        "6222080200001234567, 01020000, 工商银行",
        "6217000010001230003, 01050000, 建设银行",
        "6217000000000000004, 01050000, 建设银行"})
    void theSandboxTestCardsAreDebitCardsOfTheirBanks(String cardNo, String bankCode, String bankName) {
        Reply reply = query(merchant, "card_no", cardNo);

        assertThat(reply.signatureValid()).isTrue();
        assertThat(reply.fields()).containsEntry("ret_code", "0000")
                .containsEntry("card_no", cardNo.substring(cardNo.length() - 4))
                .containsEntry("bank_code", bankCode).containsEntry("bank_name", bankName).containsEntry("card_type", "2");
    }

    @Test
    void limitsAreAddedOnlyWhenAskedFor() {
        Reply verified = query(merchant, "api_version", "1.1", "card_no", "6214830100005566", "pay_type", "D",
                "flag_amt_limit", "1");
        Reply quick = query(merchant, "card_no", "6214830100005566", "flag_amt_limit", "1");
        Reply without = query(merchant, "card_no", "6214830100005566", "pay_type", "D", "flag_amt_limit", "0");

        assertThat(verified.signatureValid()).isTrue();
        assertThat(verified.fields().keySet()).containsExactly("ret_code", "ret_msg", "oid_partner", "card_no",
                "bank_code", "bank_name", "card_type", "single_amt", "day_amt", "month_amt", "sign_type", "sign");
        assertThat(verified.fields()).containsEntry("single_amt", "50000").containsEntry("day_amt", "50000")
                .containsEntry("month_amt", "200000");
        // pay_type 2 (quick payment) is the default; 90000000 is no monthly limit (D16).
        assertThat(quick.fields()).containsEntry("single_amt", "50000").containsEntry("month_amt", "90000000");
        assertThat(without.fields()).containsEntry("ret_code", "0000").doesNotContainKeys("single_amt", "day_amt",
                "month_amt");
    }

    @Test
    void limitsThatAreNotKnownAreLeftOut() {
        // No limits are listed for China Guangfa Bank's credit cards.
        Reply reply = query(merchant, "card_no", "6225568812345678", "pay_type", "D", "flag_amt_limit", "1");

        assertThat(reply.signatureValid()).isTrue();
        assertThat(reply.fields()).containsEntry("ret_code", "0000").containsEntry("bank_code", "03060000")
                .containsEntry("card_type", "3").doesNotContainKeys("single_amt", "day_amt", "month_amt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890123456", "4111111111111111", "6200000000000000000"})
    void anUnknownBinIs5001(String cardNo) {
        assertRefused(query(merchant, "card_no", cardNo), RetCode.CARD_BIN_CHECK_FAILED, "卡bin校验失败");
    }

    @Test
    void aMissingCardNumberIs1004() {
        assertRefused(query(merchant), RetCode.PARAM_ERROR, RetCode.PARAM_ERROR.message("card_no"));
        assertRefused(query(merchant, "card_no", ""), RetCode.PARAM_ERROR, RetCode.PARAM_ERROR.message("card_no"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"62148301000", "62148301000055661234", "6214 8301 0000 5566", "621483010000556x", "　"})
    void aMalformedCardNumberIs1004(String cardNo) {
        assertRefused(query(merchant, "card_no", cardNo), RetCode.PARAM_ERROR, RetCode.PARAM_ERROR.message("card_no"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"pay_type, 3", "pay_type, d", "flag_amt_limit, 2", "flag_amt_limit, yes", "api_version, 2.0"})
    void otherValuesOfTheOptionalFieldsAre1004(String field, String value) {
        assertRefused(query(merchant, "card_no", "6214830100005566", field, value), RetCode.PARAM_ERROR,
                RetCode.PARAM_ERROR.message(field));
    }

    @Test
    void aRequestWhoseSignatureDoesNotVerifyIs1001() {
        LinkedHashMap<String, String> signed = merchant.sign(Map.of("oid_partner", merchant.oidPartner(),
                "card_no", "6214830100005566"));
        signed.put("card_no", "6225768812341234");

        Reply reply = merchant.post(PATH, FlatJson.write(signed));

        assertRefused(reply, RetCode.SIGN_ERROR, "商户请求签名错误");
    }

    @Test
    void everyMerchantMayQueryWithoutBeingGrantedAnyProduct() {
        TestMerchant withNothing = TestMerchant.register(gateway, 0, Set.of(), IpAllowList.any());

        Reply reply = query(withNothing, "card_no", "6222020000001234");

        assertThat(reply.signatureValid()).isTrue();
        assertThat(reply.fields()).containsEntry("ret_code", "0000").containsEntry("bank_code", "01020000");
    }
}
