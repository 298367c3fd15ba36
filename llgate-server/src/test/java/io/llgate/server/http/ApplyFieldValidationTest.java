package io.llgate.server.http;

import static io.llgate.server.http.ReplyChecks.SUCCESS;
import static io.llgate.server.http.ReplyChecks.assertSigned;
import static io.llgate.server.http.ReplyChecks.writesNothing;
import static io.llgate.server.http.Requests.APPLY;
import static io.llgate.server.http.Requests.payout;
import static io.llgate.server.http.Requests.sealedText;
import static io.llgate.server.http.Requests.signAsIs;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.server.Gateway;
import io.llgate.server.http.ReplyChecks.Code;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The apply fields of spec 10 §3, checked one by one: each bad value is {@code 1004} naming the field,
 * signed, and writes nothing; the values at the edge of each rule are accepted.
 */
class ApplyFieldValidationTest {
    static Gateway gateway;
    static TestMerchant merchant;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        // Enough for the largest accepted amount and every other accepted payout here.
        merchant = TestMerchant.register(gateway, 20_000_000_000L);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api_version", "flag_card", "money_order", "no_order", "dt_order", "card_no", "acct_name",
            "info_order", "memo", "notify_url"})
    void missingRequiredFieldIsNamed(String field) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.remove(field);

        assertRefused(fields, field);
    }

    // memo is left out: it may be empty, since filtering can empty it anyway (I12).
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"api_version", "flag_card", "money_order", "no_order", "dt_order", "card_no", "acct_name",
            "info_order", "notify_url"})
    void emptyRequiredFieldIsNamed(String field) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put(field, "");

        assertRefused(fields, field);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void badValueIsNamed(String field, String value) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put(field, value);

        assertRefused(fields, field);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("api_version", "2.0"),
                Arguments.of("flag_card", "3"),
                Arguments.of("flag_card", "01"),
                Arguments.of("money_order", "1.234"),
                Arguments.of("money_order", "0"),
                Arguments.of("money_order", "0.00"),
                Arguments.of("money_order", "-1.00"),
                Arguments.of("money_order", "1e3"),
                Arguments.of("money_order", "100000000.01"),
                Arguments.of("money_order", " 1.00"),
                Arguments.of("money_order", "abc"),
                Arguments.of("dt_order", "20240230120000"),
                Arguments.of("dt_order", "2024061212000"),
                Arguments.of("dt_order", "20240612246000"),
                Arguments.of("dt_order", "abc"),
                Arguments.of("no_order", "N".repeat(33)),
                Arguments.of("no_order", "   "),
                Arguments.of("acct_name", "  "),
                Arguments.of("info_order", "款".repeat(256)),
                Arguments.of("memo", "a".repeat(25)),
                // 25 characters survive filtering, though the spaces and marks around them would not.
                Arguments.of("memo", "货款 结算!" + "测".repeat(21) + "#"),
                Arguments.of("notify_url", "ftp://x"),
                Arguments.of("notify_url", "not a url"),
                Arguments.of("notify_url", url(129)));
    }

    // I2: 1 (Chinese table, LianLian's SDK) and 2 (English pages) are both a corporate account.
    @ParameterizedTest(name = "flag_card {0}, bank_code {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1, absent", "1, ''", "1, ICBC", "1, 0102", "2, absent", "2, ''",
            "2, ICBC", "2, 0102"})
    void corporateAccountNeedsBankCode(String flagCard, String bankCode) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("flag_card", flagCard);
        if (!bankCode.equals("absent")) {
            fields.put("bank_code", bankCode);
        }

        assertRefused(fields, "bank_code");
    }

    @ParameterizedTest(name = "money_order {0}")
    @ValueSource(strings = {"100000000.00", "0.01", "5", "5.5"})
    void amountAtTheEdgesIsAccepted(String amount) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("money_order", amount);

        assertAccepted(fields);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("acceptedValues")
    void valueAtTheEdgeIsAccepted(String field, String value) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put(field, value);

        assertAccepted(fields);
    }

    static Stream<Arguments> acceptedValues() {
        return Stream.of(
                Arguments.of("api_version", "1.1"),
                Arguments.of("flag_card", "0"),
                Arguments.of("no_order", "N".repeat(32)),
                Arguments.of("info_order", "款".repeat(255)),
                Arguments.of("memo", "测".repeat(24)),
                Arguments.of("notify_url", url(128)),
                Arguments.of("dt_order", "20240229235959"));
    }

    @ParameterizedTest(name = "flag_card {0}")
    @ValueSource(strings = {"1", "2"})
    void corporateAccountWithBankCodeIsAccepted(String flagCard) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("flag_card", flagCard);
        fields.put("bank_code", "01020000");

        assertAccepted(fields);
    }

    @Test
    void memoIsStoredFiltered() {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("memo", "代付-Pay_01 #测试!(a).");

        assertAccepted(fields);
        String stored = gateway.jdbi().withHandle(h -> h.createQuery(
                        "SELECT memo FROM instant_payment WHERE no_order = :no")
                .bind("no", fields.get("no_order")).mapTo(String.class).one());
        assertThat(stored).isEqualTo("代付-Pay_01测试a");
    }

    private static void assertRefused(Map<String, String> fields, String field) {
        // Signed as given, so empty values reach the gateway instead of being dropped by the signer.
        String body = sealedText(gateway, merchant, FlatJson.write(signAsIs(merchant, fields)));

        Reply reply = writesNothing(gateway, () -> merchant.post(APPLY, body));

        assertSigned(reply, Code.param(field), merchant);
        assertThat(reply.fields()).doesNotContainKeys("oid_paybill", "confirm_code");
    }

    private static void assertAccepted(Map<String, String> fields) {
        Reply reply = merchant.sealed(APPLY, fields);

        assertSigned(reply, SUCCESS, merchant);
        assertThat(reply.get("no_order")).isEqualTo(fields.get("no_order"));
        assertThat(reply.get("oid_paybill")).matches("\\d{16}");
    }

    /** An http URL of exactly {@code length} characters. */
    private static String url(int length) {
        String start = "https://merchant.example.com/notify/";
        return start + "x".repeat(length - start.length());
    }
}
