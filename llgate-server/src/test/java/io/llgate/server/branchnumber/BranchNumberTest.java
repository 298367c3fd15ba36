package io.llgate.server.branchnumber;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignSource;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The branch number query, {@code /prcptcdquery.htm} (14 §3b), through real HTTP: matching and every refusal. */
class BranchNumberTest {
    private static final String PATH = "/prcptcdquery.htm";
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

    private static Reply query(String... namesAndValues) {
        return merchant.plain(PATH, namesAndValues);
    }

    private static List<String> prcptcds(Reply reply) {
        assertThat(reply.signatureValid()).as("signed: %s", reply.text()).isTrue();
        assertThat(reply.fields()).as(reply.text()).containsEntry("ret_code", "0000");
        try {
            return FlatJson.parseArray(reply.get("card_list")).stream().map(branch -> branch.get("prcptcd")).toList();
        } catch (MalformedMessageException e) {
            throw new AssertionError(reply.text(), e);
        }
    }

    private static void assertRefused(Reply reply, RetCode code, String message) {
        assertThat(reply.signatureValid()).as("signed refusal: %s", reply.text()).isTrue();
        assertThat(reply.fields()).containsEntry("ret_code", code.code()).containsEntry("ret_msg", message)
                .doesNotContainKeys("card_list", "bank_code");
    }

    @Test
    void theSpecSampleAnswersTheTwoWestLakeBranchesSignedOverTheListText() {
        Reply reply = query("bank_code", "03080000", "city_code", "330100", "brabank_name", "西湖");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.signatureValid()).isTrue();
        String list = "[{\"prcptcd\":\"308331099901\",\"brabank_name\":\"招商银行股份有限公司杭州西湖示例支行\"},"
                + "{\"prcptcd\":\"308331099902\",\"brabank_name\":\"招商银行股份有限公司杭州西湖大道示例支行\"}]";
        // D12: a real array on the wire; D13: its compact text, exactly as sent, is in the sign source.
        assertThat(reply.text()).startsWith("{\"ret_code\":\"0000\",\"ret_msg\":\"交易成功\",\"bank_code\":\"03080000\","
                + "\"card_list\":" + list + ",\"sign_type\":\"RSA\",\"sign\":\"");
        assertThat(SignSource.of(reply.fields())).isEqualTo("bank_code=03080000&card_list=" + list
                + "&ret_code=0000&ret_msg=交易成功&sign_type=RSA");
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, reply.fields(), Set.of("card_list"))
                .valid()).as("the list is signed").isFalse();
    }

    @Test
    void aMerchantWhoseListSigningExcludesTheListGetsItOutsideTheSignature() {
        TestMerchant excluding = TestMerchant.register(gateway, 0);
        new TestAdmin(gateway).patch("/admin/merchants/" + excluding.oidPartner(),
                "{\"list_signing\":\"card_list=exclude\"}");

        Reply reply = excluding.plain(PATH, "bank_code", "03080000", "city_code", "330100", "brabank_name", "西湖");

        assertThat(reply.fields()).containsEntry("ret_code", "0000");
        assertThat(reply.signatureValid()).isFalse();
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, reply.fields(), Set.of("card_list"))
                .valid()).isTrue();
        assertThat(reply.get("card_list")).isEqualTo(query("bank_code", "03080000", "city_code", "330100",
                "brabank_name", "西湖").get("card_list"));
    }

    @Test
    void aProvinceCodeCoversEveryCityOfTheProvince() {
        // 330000 Zhejiang: the Hangzhou branches and the Ningbo one, whose street shares the name West Lake.
        assertThat(prcptcds(query("bank_code", "03080000", "city_code", "330000", "brabank_name", "西湖")))
                .containsExactly("308331099901", "308331099902", "308332099901");
        assertThat(prcptcds(query("bank_code", "03080000", "city_code", "330200", "brabank_name", "西湖")))
                .containsExactly("308332099901");
    }

    @Test
    void theNameMatchesWithoutWhitespaceAndAsciiLettersInAnyCase() {
        assertThat(prcptcds(query("bank_code", "03080000", "city_code", "330100", "brabank_name", " 钱江 新城 cbd　")))
                .containsExactly("308331099903");
        assertThat(prcptcds(query("bank_code", "03080000", "city_code", "330100", "brabank_name", "示例支行")))
                .containsExactly("308331099901", "308331099902", "308331099903");
    }

    @Test
    void aCardNumberNamesTheBankByItsBinAndABankCodeWinsOverIt() {
        // 6214 83 is a China Merchants Bank BIN; 6222 02 an ICBC one.
        Reply byCard = query("card_no", "6214830100005566", "city_code", "330100", "brabank_name", "西湖");
        Reply both = query("bank_code", "01020000", "card_no", "6214830100005566", "city_code", "330100",
                "brabank_name", "西湖");

        assertThat(prcptcds(byCard)).containsExactly("308331099901", "308331099902");
        assertThat(byCard.get("bank_code")).isEqualTo("03080000");
        assertThat(prcptcds(both)).containsExactly("102331099991");
        assertThat(both.get("bank_code")).isEqualTo("01020000");
    }

    @Test
    void absentAreaAndNameDoNotFilterAndApiVersionIsIgnored() {
        assertThat(prcptcds(query("bank_code", "03080000", "api_version", "9.9")))
                .containsExactly("308331099901", "308331099902", "308331099903", "308332099901", "308651099901");
    }

    @Test
    void everyBranchOfTheDataFileIsFoundByItsFullNameInItsCityAndProvince() throws IOException {
        JsonNode branches;
        try (InputStream in = getClass().getResourceAsStream("/io/llgate/server/reference/branches.json")) {
            branches = new ObjectMapper().readTree(in).get("branches");
        }
        List<String> checked = new ArrayList<>();
        for (JsonNode branch : branches) {
            String prcptcd = branch.get("prcptcd").asText();
            String city = branch.get("city_code").asText();
            for (String area : List.of(city, city.substring(0, 2) + "0000")) {
                Reply reply = query("bank_code", branch.get("bank_code").asText(), "city_code", area,
                        "brabank_name", branch.get("brabank_name").asText());
                assertThat(prcptcds(reply)).containsExactly(prcptcd);
                assertThat(reply.get("card_list")).contains(branch.get("brabank_name").asText());
            }
            checked.add(prcptcd);
        }
        assertThat(checked).hasSizeGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'an unknown bank', 99999999, 330100, 西湖",
        "'no branch of the bank in the city', 03080000, 110000, 西湖",
        "'no branch of that name', 03080000, 330100, 东湖",
        "'a city code no one uses', 03080000, 339900, 西湖"})
    void nothingMatchingIs5501(String what, String bankCode, String cityCode, String name) {
        assertRefused(query("bank_code", bankCode, "city_code", cityCode, "brabank_name", name),
                RetCode.BANK_NUMBER_LOOKUP_FAILED, "大额行号查询失败");
    }

    @Test
    void aCardOfAnUnknownBinIs5001() {
        assertRefused(query("card_no", "6200000000000000", "city_code", "330100", "brabank_name", "西湖"),
                RetCode.CARD_BIN_CHECK_FAILED, "卡bin校验失败");
    }

    @Test
    void neitherBankCodeNorCardNumberIs1004BankCode() {
        String bankCode = RetCode.PARAM_ERROR.message("bank_code");
        assertRefused(query("city_code", "330100", "brabank_name", "西湖"), RetCode.PARAM_ERROR, bankCode);
        assertRefused(query("bank_code", "", "card_no", "", "city_code", "330100"), RetCode.PARAM_ERROR, bankCode);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "bank_code, 0308000", "bank_code, 030800001", "bank_code, 0308000x",
        "card_no, 62148301000", "card_no, 62148301000055661234", "card_no, 6214 8301 0000 5566",
        "city_code, 33010", "city_code, 3301000", "city_code, 33010x"})
    void aMalformedFieldIs1004(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("oid_partner", merchant.oidPartner(),
                "bank_code", "03080000", "city_code", "330100", "brabank_name", "西湖"));
        fields.put(field, value);

        assertRefused(merchant.plain(PATH, fields), RetCode.PARAM_ERROR, RetCode.PARAM_ERROR.message(field));
    }

    @Test
    void aBranchNameLongerThanAnyIs1004() {
        assertRefused(query("bank_code", "03080000", "brabank_name", "支".repeat(101)), RetCode.PARAM_ERROR,
                RetCode.PARAM_ERROR.message("brabank_name"));
    }

    @Test
    void aRequestWhoseSignatureDoesNotVerifyIs1001() {
        LinkedHashMap<String, String> signed = merchant.sign(Map.of("oid_partner", merchant.oidPartner(),
                "bank_code", "03080000", "city_code", "330100", "brabank_name", "西湖"));
        signed.put("city_code", "330000");

        assertRefused(merchant.post(PATH, FlatJson.write(signed)), RetCode.SIGN_ERROR, "商户请求签名错误");
    }

    @Test
    void aRequestFromAnAddressOffTheListIs1008() {
        TestMerchant elsewhere = TestMerchant.register(gateway, 0, Set.of(), IpAllowList.parse("10.1.2.3"));

        assertRefused(elsewhere.plain(PATH, "bank_code", "03080000", "city_code", "330100", "brabank_name", "西湖"),
                RetCode.IP_NOT_ALLOWED, "商户请求IP错误");
    }

    @Test
    void anUnknownMerchantIs3001Unsigned() {
        TestMerchant unknown = TestMerchant.existing(gateway, "209912310000000001", RsaKeys.generate(2048));

        Reply reply = unknown.plain(PATH, "bank_code", "03080000");

        assertThat(reply.signed()).isFalse();
        assertThat(reply.fields()).containsEntry("ret_code", "3001").containsEntry("ret_msg", "非法商户")
                .doesNotContainKey("card_list");
    }

    @Test
    void everyMerchantMayQueryWithoutBeingGrantedAnyProduct() {
        TestMerchant withNothing = TestMerchant.register(gateway, 0, Set.of(), IpAllowList.any());

        assertThat(prcptcds(withNothing.plain(PATH, "bank_code", "01020000", "city_code", "110000",
                "brabank_name", "海淀"))).containsExactly("102100099992");
    }
}
