package io.llgate.server.supportbank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llgate.protocol.FlatJson;
import io.llgate.protocol.MalformedMessageException;
import io.llgate.protocol.MessageSignature;
import io.llgate.protocol.RetCode;
import io.llgate.protocol.RsaKeys;
import io.llgate.protocol.SignType;
import io.llgate.server.Gateway;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.MerchantStatus;
import io.llgate.server.testing.TestAdmin;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The support bank query, {@code /supportbankquery.htm} (14 §3a), through real HTTP: answers and every refusal. */
class SupportBankTest {
    private static final String PATH = "/supportbankquery.htm";
    private static final List<String> MEMBERS = List.of("bank_code", "month_amt", "bank_status", "bank_name",
            "single_amt", "card_type", "day_amt");
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

    private static List<LinkedHashMap<String, String>> banks(Reply reply) {
        try {
            return FlatJson.parseArray(reply.get("support_banklist"));
        } catch (MalformedMessageException e) {
            throw new AssertionError(reply.text(), e);
        }
    }

    private static void assertRefused(Reply reply, RetCode code, String message) {
        assertThat(reply.signatureValid()).as("signed refusal: %s", reply.text()).isTrue();
        assertThat(reply.fields()).containsEntry("ret_code", code.code()).containsEntry("ret_msg", message)
                .doesNotContainKey("support_banklist");
    }

    @Test
    void theSpecSampleAnswersVerifiedCollectionsDebitBanksUnsignedAsAJsonArray() {
        Reply reply = query("api_version", "1.0", "product_type", "1", "pay_chnl", "15", "card_type", "2");

        assertThat(reply.status()).isEqualTo(200);
        // D11: no signature; D12: a real array, not a string holding one.
        assertThat(reply.fields().keySet()).containsExactly("ret_code", "ret_msg", "support_banklist");
        assertThat(reply.fields()).containsEntry("ret_code", "0000").containsEntry("ret_msg", "交易成功");
        assertThat(reply.text()).startsWith("{\"ret_code\":\"0000\",\"ret_msg\":\"交易成功\",\"support_banklist\":[{");
        // The spec's sample element, byte for byte: members in the order of D13, the bank under maintenance listed.
        assertThat(reply.text()).contains("{\"bank_code\":\"01040000\",\"month_amt\":\"90000000\",\"bank_status\":\"2\","
                + "\"bank_name\":\"中国银行\",\"single_amt\":\"10000\",\"card_type\":\"2\",\"day_amt\":\"20000\"}")
                .contains("{\"bank_code\":\"03080000\",\"month_amt\":\"200000\",\"bank_status\":\"0\","
                        + "\"bank_name\":\"招商银行\",\"single_amt\":\"50000\",\"card_type\":\"2\",\"day_amt\":\"50000\"}");
        List<LinkedHashMap<String, String>> banks = banks(reply);
        assertThat(banks).allSatisfy(bank -> assertThat(bank.keySet()).containsExactlyElementsOf(MEMBERS));
        assertThat(banks).extracting(bank -> bank.get("bank_code")).isSorted().doesNotHaveDuplicates();
    }

    static Stream<Arguments> everyChannelAndCardType() {
        List<Arguments> pairs = new ArrayList<>();
        for (String productType : List.of("1", "3")) {
            for (String payChnl : List.of("10", "13", "15", "16", "44", "45", "46", "55")) {
                for (String cardType : List.of("2", "3")) {
                    pairs.add(Arguments.of(productType, payChnl, cardType));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "product_type {0}, pay_chnl {1}, card_type {2}")
    @MethodSource("everyChannelAndCardType")
    void everyPairAnswersItsTableInTheDataFile(String productType, String payChnl, String cardType) throws IOException {
        Reply reply = query("api_version", "1.0", "product_type", productType, "pay_chnl", payChnl,
                "card_type", cardType);

        assertThat(reply.fields()).containsEntry("ret_code", "0000");
        // D17: any pair is accepted; a pair no table names has no bank.
        assertThat(banks(reply)).containsExactlyElementsOf(DataFiles.expected(productType, payChnl, cardType));
    }

    @Test
    void theDataFileHasBanksForEachCollectionProductAndBothCardTypes() throws IOException {
        assertThat(DataFiles.expected("1", "15", "2")).hasSizeGreaterThan(2);
        assertThat(DataFiles.expected("1", "44", "3")).isNotEmpty();
        assertThat(DataFiles.expected("3", "10", "2")).isNotEmpty();
        assertThat(DataFiles.expected("3", "44", "2")).isEmpty();
    }

    @Test
    void cardTypeDefaultsToDebit() {
        Reply without = query("product_type", "1", "pay_chnl", "13");
        Reply debit = query("product_type", "1", "pay_chnl", "13", "card_type", "2");

        assertThat(without.fields()).containsEntry("ret_code", "0000");
        assertThat(without.get("support_banklist")).isEqualTo(debit.get("support_banklist"));
    }

    @Test
    void aBankCodeNarrowsTheAnswerToThatBank() {
        Reply reply = query("api_version", "1.0", "product_type", "1", "pay_chnl", "15", "bank_code", "03080000");

        assertThat(reply.fields()).containsEntry("ret_code", "0000");
        assertThat(reply.get("support_banklist")).isEqualTo("[{\"bank_code\":\"03080000\",\"month_amt\":\"200000\","
                + "\"bank_status\":\"0\",\"bank_name\":\"招商银行\",\"single_amt\":\"50000\",\"card_type\":\"2\","
                + "\"day_amt\":\"50000\"}]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // A bank the product does not list, one it lists for debit cards only, one not in LianLian's list at all.
        "03050000, 2", "03080000, 3", "99999999, 2"})
    void aBankTheProductDoesNotListIs1805(String bankCode, String cardType) {
        assertRefused(query("product_type", "1", "pay_chnl", "15", "bank_code", bankCode, "card_type", cardType),
                RetCode.BANK_NOT_SUPPORTED, "暂不支持该银行");
    }

    @Test
    void aBankCodeOnAPairWithoutATableIs1805() {
        assertRefused(query("product_type", "3", "pay_chnl", "55", "bank_code", "01020000"),
                RetCode.BANK_NOT_SUPPORTED, "暂不支持该银行");
    }

    @ParameterizedTest(name = "{0} missing")
    @CsvSource({"product_type", "pay_chnl"})
    void aMissingProductOrChannelIs1004(String field) {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("oid_partner", merchant.oidPartner(),
                "product_type", "1", "pay_chnl", "15"));
        fields.remove(field);
        assertRefused(merchant.plain(PATH, fields), RetCode.PARAM_ERROR, RetCode.PARAM_ERROR.message(field));
        fields.put(field, "");
        assertRefused(merchant.plain(PATH, fields), RetCode.PARAM_ERROR, RetCode.PARAM_ERROR.message(field));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "product_type, 2", "product_type, 13", "product_type, D",
        "pay_chnl, 11", "pay_chnl, 1", "pay_chnl, 150", "pay_chnl, ' 15'",
        "card_type, 1", "card_type, 8", "card_type, x",
        "bank_code, 0308000", "bank_code, 030800001", "bank_code, 0308000x", "bank_code, 0308 0000",
        "api_version, 1.1", "api_version, 2.0"})
    void aValueOutsideTheListsOrMalformedIs1004(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("oid_partner", merchant.oidPartner(),
                "product_type", "1", "pay_chnl", "15"));
        fields.put(field, value);

        assertRefused(merchant.plain(PATH, fields), RetCode.PARAM_ERROR, RetCode.PARAM_ERROR.message(field));
    }

    @Test
    void aRequestWhoseSignatureDoesNotVerifyIs1001() {
        LinkedHashMap<String, String> signed = merchant.sign(Map.of("oid_partner", merchant.oidPartner(),
                "product_type", "1", "pay_chnl", "15"));
        signed.put("pay_chnl", "16");

        assertRefused(merchant.post(PATH, FlatJson.write(signed)), RetCode.SIGN_ERROR, "商户请求签名错误");
    }

    @Test
    void aRequestFromAnAddressOffTheListIs1008() {
        TestMerchant elsewhere = TestMerchant.register(gateway, 0, Set.of(), IpAllowList.parse("10.1.2.3"));

        assertRefused(elsewhere.plain(PATH, "product_type", "1", "pay_chnl", "15"), RetCode.IP_NOT_ALLOWED,
                "商户请求IP错误");
    }

    @Test
    void anUnknownMerchantIs3001Unsigned() {
        TestMerchant unknown = TestMerchant.existing(gateway, "209912310000000001", RsaKeys.generate(2048));

        Reply reply = unknown.plain(PATH, "product_type", "1", "pay_chnl", "15");

        assertThat(reply.signed()).isFalse();
        assertThat(reply.fields()).containsEntry("ret_code", "3001").containsEntry("ret_msg", "非法商户")
                .doesNotContainKey("support_banklist");
    }

    @Test
    void everyMerchantMayQueryWithoutBeingGrantedAnyProduct() {
        TestMerchant withNothing = TestMerchant.register(gateway, 0, Set.of(), IpAllowList.any());

        Reply reply = withNothing.plain(PATH, "product_type", "3", "pay_chnl", "10");

        assertThat(reply.fields()).containsEntry("ret_code", "0000");
        assertThat(banks(reply)).isNotEmpty();
    }

    @Test
    void aSuspendedMerchantIs1009() {
        TestMerchant suspended = TestMerchant.register(gateway, 0);
        gateway.merchants().update(suspended.oidPartner(), null, null, null, MerchantStatus.SUSPENDED);

        assertRefused(suspended.plain(PATH, "product_type", "1", "pay_chnl", "15"), RetCode.MERCHANT_SUSPENDED,
                RetCode.MERCHANT_SUSPENDED.message());
    }

    @Test
    void aMerchantsListSigningSignsTheReplyOverTheListOrWithoutIt() {
        TestMerchant including = TestMerchant.register(gateway, 0);
        TestMerchant excluding = TestMerchant.register(gateway, 0);
        TestAdmin admin = new TestAdmin(gateway);
        admin.patch("/admin/merchants/" + including.oidPartner(), "{\"list_signing\":\"support_banklist=include\"}");
        admin.patch("/admin/merchants/" + excluding.oidPartner(), "{\"list_signing\":\"support_banklist=exclude\"}");

        Reply included = including.plain(PATH, "product_type", "1", "pay_chnl", "15");
        Reply excluded = excluding.plain(PATH, "product_type", "1", "pay_chnl", "15");

        assertThat(included.signatureValid()).as(included.text()).isTrue();
        assertThat(included.get("support_banklist")).isEqualTo(query("product_type", "1", "pay_chnl", "15")
                .get("support_banklist"));
        assertThat(excluded.signed()).isTrue();
        assertThat(excluded.signatureValid()).as("the list is outside the signature").isFalse();
        assertThat(MessageSignature.verify(gateway.publicKey(), SignType.RSA, excluded.fields(),
                Set.of("support_banklist")).valid()).isTrue();
        assertThat(banks(excluded)).isEqualTo(banks(included));
    }

    /** The answers expected from the shipped data files, read here apart from the gateway's own reading. */
    static final class DataFiles {
        private static final ObjectMapper JSON = new ObjectMapper();

        static List<LinkedHashMap<String, String>> expected(String productType, String payChnl, String cardType)
                throws IOException {
            Map<String, String> names = new HashMap<>();
            for (JsonNode entry : read("bank-codes.json")) {
                names.putIfAbsent(entry.get("node").get("bank_code").asText().strip(), entry.get("node").get("bank_name").asText());
            }
            List<LinkedHashMap<String, String>> banks = new ArrayList<>();
            for (JsonNode table : read("collection-banks.json").get("tables")) {
                boolean answers = false;
                for (JsonNode channel : table.get("channels")) {
                    answers |= channel.get("product_type").asText().equals(productType)
                            && channel.get("pay_chnl").asText().equals(payChnl);
                }
                for (JsonNode bank : answers ? table.get("banks") : JSON.createArrayNode()) {
                    if (bank.get("card_type").asText().equals(cardType)) {
                        LinkedHashMap<String, String> element = new LinkedHashMap<>();
                        for (String member : MEMBERS) {
                            element.put(member, member.equals("bank_name")
                                    ? names.get(bank.get("bank_code").asText()) : bank.get(member).asText());
                        }
                        banks.add(element);
                    }
                }
            }
            banks.sort(Comparator.comparing(bank -> bank.get("bank_code")));
            return banks;
        }

        private static JsonNode read(String name) throws IOException {
            try (InputStream in = DataFiles.class.getResourceAsStream("/io/llgate/server/reference/" + name)) {
                return JSON.readTree(in);
            }
        }
    }
}
