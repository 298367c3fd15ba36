package io.llgate.server.http;

import static io.llgate.server.http.ReplyChecks.SUCCESS;
import static io.llgate.server.http.ReplyChecks.assertSigned;
import static io.llgate.server.http.ReplyChecks.writesNothing;
import static io.llgate.server.http.Requests.APPLY;
import static io.llgate.server.http.Requests.QUERY;
import static io.llgate.server.http.Requests.payout;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Payouts to corporate accounts (spec 10 §3, I2): {@code flag_card} {@code 1} or {@code 2} needs a
 * {@code bank_code}; the branch ({@code prcptcd}, or {@code city_code} and {@code brabank_name}) is optional, and
 * a {@code prcptcd} the branch data does not know is {@code 5501}.
 */
class CorporatePayoutTest {
    /** A branch of the shipped sandbox branch data: the sample of spec 14 §3b. */
    static final String KNOWN_PRCPTCD = "308331099901";
    static Gateway gateway;
    static TestMerchant merchant;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        merchant = TestMerchant.register(gateway, 100_000_00L);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static LinkedHashMap<String, String> corporate(String flagCard) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("flag_card", flagCard);
        fields.put("bank_code", "03080000");
        fields.put("acct_name", "杭州示例贸易有限公司");
        return fields;
    }

    private static Map<String, Object> stored(Map<String, String> fields) {
        return gateway.jdbi().withHandle(h -> h.createQuery("SELECT * FROM instant_payment WHERE no_order = :no")
                .bind("no", fields.get("no_order")).mapToMap().one());
    }

    @ParameterizedTest(name = "flag_card {0}")
    @ValueSource(strings = {"1", "2"})
    void aCorporatePayoutWithoutABranchIsAcceptedAndRecordedAsCorporate(String flagCard) {
        LinkedHashMap<String, String> fields = corporate(flagCard);

        assertSigned(merchant.sealed(APPLY, fields), SUCCESS, merchant);

        assertThat(stored(fields)).containsEntry("flag_card", flagCard).containsEntry("payee_kind", "CORPORATE")
                .containsEntry("bank_code", "03080000").containsEntry("prcptcd", null);
    }

    @Test
    void aCorporatePayoutNamesItsBranchByNumberOrByCityAndName() {
        LinkedHashMap<String, String> byNumber = corporate("1");
        byNumber.put("prcptcd", KNOWN_PRCPTCD);
        assertSigned(merchant.sealed(APPLY, byNumber), SUCCESS, merchant);
        assertThat(stored(byNumber)).containsEntry("prcptcd", KNOWN_PRCPTCD);

        LinkedHashMap<String, String> byName = corporate("1");
        byName.put("city_code", "330100");
        byName.put("brabank_name", "招商银行股份有限公司杭州西湖示例支行");
        assertSigned(merchant.sealed(APPLY, byName), SUCCESS, merchant);
        assertThat(stored(byName)).containsEntry("city_code", "330100")
                .containsEntry("brabank_name", "招商银行股份有限公司杭州西湖示例支行");
    }

    @Test
    void aPrcptcdTheBranchDataDoesNotKnowIs5501AndWritesNothing() {
        LinkedHashMap<String, String> fields = corporate("1");
        fields.put("prcptcd", "308331000000");

        Reply refused = writesNothing(gateway, () -> merchant.sealed(APPLY, fields));

        assertThat(refused.fields()).containsEntry("ret_code", "5501").containsEntry("ret_msg", "大额行号查询失败");
        assertThat(refused.signatureValid()).isTrue();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"prcptcd, 30833109990", "prcptcd, 3083310999011", "prcptcd, ABCDEFGHIJKL", "city_code, 33010",
            "city_code, hangzh", "brabank_name, @101"})
    void aMalformedBranchFieldIsNamed(String field, String value) {
        LinkedHashMap<String, String> fields = corporate("2");
        fields.put(field, value.equals("@101") ? "支".repeat(101) : value);

        Reply refused = writesNothing(gateway, () -> merchant.sealed(APPLY, fields));

        assertThat(refused.fields()).containsEntry("ret_code", "1004")
                .containsEntry("ret_msg", "商户请求参数校验错误（" + field + "）");
    }

    @Test
    void aPersonalPayoutIgnoresCorporateFields() {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("flag_card", "0");
        fields.put("bank_code", "03080000");
        fields.put("prcptcd", "000000000000");
        fields.put("city_code", "x");

        assertSigned(merchant.sealed(APPLY, fields), SUCCESS, merchant);

        assertThat(stored(fields)).containsEntry("payee_kind", "PERSONAL").containsEntry("bank_code", null)
                .containsEntry("prcptcd", null).containsEntry("city_code", null);
    }

    @Test
    void theQueryAnswersACorporatePayoutAsAPersonalOne() {
        LinkedHashMap<String, String> corporate = corporate("1");
        LinkedHashMap<String, String> personal = payout(merchant);
        assertSigned(merchant.sealed(APPLY, corporate), SUCCESS, merchant);
        assertSigned(merchant.sealed(APPLY, personal), SUCCESS, merchant);

        Reply forCorporate = merchant.plain(QUERY, Map.of("oid_partner", merchant.oidPartner(),
                "no_order", corporate.get("no_order")));
        Reply forPersonal = merchant.plain(QUERY, Map.of("oid_partner", merchant.oidPartner(),
                "no_order", personal.get("no_order")));

        assertThat(forCorporate.fields().keySet()).isEqualTo(forPersonal.fields().keySet());
        assertThat(forCorporate.fields()).doesNotContainKeys("flag_card", "prcptcd", "bank_code");
    }
}
