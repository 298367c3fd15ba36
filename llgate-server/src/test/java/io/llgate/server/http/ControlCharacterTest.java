package io.llgate.server.http;

import static io.llgate.server.http.ReplyChecks.ILLEGAL_MERCHANT;
import static io.llgate.server.http.ReplyChecks.SUCCESS;
import static io.llgate.server.http.ReplyChecks.assertSigned;
import static io.llgate.server.http.ReplyChecks.assertUnsigned;
import static io.llgate.server.http.ReplyChecks.writesNothing;
import static io.llgate.server.http.Requests.APPLY;
import static io.llgate.server.http.Requests.BALANCE;
import static io.llgate.server.http.Requests.CONFIRM;
import static io.llgate.server.http.Requests.QUERY;
import static io.llgate.server.http.Requests.payout;
import static io.llgate.server.http.Requests.signAsIs;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.http.ReplyChecks.Code;
import io.llgate.server.testing.LogCapture;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A NUL or another control character in a field is refused as that field's 1004 (3001 in {@code oid_partner},
 * which then names no merchant) on every endpoint and on both databases: nothing is written, and the gateway
 * logs no error and no stack trace for it. Line breaks and tabs stay accepted in free text.
 */
class ControlCharacterTest {
    private static final String NUL = "\u0000";
    private static final String BANK_GATEWAY = "/payment/bankgateway.htm";
    /** Every JSON endpoint a merchant's server calls. */
    private static final String[] JSON_ENDPOINTS = {APPLY, CONFIRM, QUERY, BALANCE, "/orderquery.htm",
            "/llwalletapi/orderquery.htm", "/exchangerefund.htm", "/refund.htm", "/refundquery.htm",
            "/report/download.htm", "/report/list.htm"};

    static Gateway gateway;
    static TestMerchant merchant;
    static PageClient payer;
    LogCapture log;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        merchant = TestMerchant.register(gateway, 100_000);
        payer = new PageClient(gateway);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void captureLog() {
        log = LogCapture.start();
    }

    @AfterEach
    void noErrorWasLogged() {
        try {
            assertThat(log.errorsAndStackTraces()).as("errors and stack traces logged").isEmpty();
        } finally {
            log.close();
        }
    }

    static Stream<Arguments> partnersWithNul() {
        return Stream.of(JSON_ENDPOINTS).flatMap(path -> Stream.of(
                Arguments.of(path, NUL + "201800000000000001"),
                Arguments.of(path, merchant.oidPartner() + NUL),
                Arguments.of(path, NUL)));
    }

    @ParameterizedTest(name = "{0} oid_partner {1}")
    @MethodSource("partnersWithNul")
    void partnerWithNulNamesNoMerchant(String path, String oidPartner) {
        // As the issue sent it: unsigned, with a made-up signature.
        LinkedHashMap<String, String> body = new LinkedHashMap<>();
        body.put("oid_partner", oidPartner);
        body.put("api_version", "1.0");
        body.put("sign_type", "RSA");
        body.put("sign", "x");

        assertUnsigned(writesNothing(gateway, () -> merchant.post(path, FlatJson.write(body))), ILLEGAL_MERCHANT);
    }

    @Test
    void partnerWithNulOnTheFormNamesNoMerchant() {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("88.80", Requests.NOTIFY_URL);
        form.put("oid_partner", NUL + merchant.oidPartner());

        Page page = writesNothing(gateway, () -> payer.postForm(BANK_GATEWAY, merchant.sign(form), StandardCharsets.UTF_8));

        assertErrorPage(page, "3001", "非法商户", "oid_partner");
    }

    static Stream<Arguments> signedFieldsWithNul() {
        return Stream.of(
                Arguments.of(APPLY, "no_order"), Arguments.of(APPLY, "info_order"), Arguments.of(APPLY, "acct_name"),
                Arguments.of(APPLY, "memo"), Arguments.of(APPLY, "notify_url"), Arguments.of(APPLY, "api_version"),
                Arguments.of(CONFIRM, "no_order"), Arguments.of(CONFIRM, "confirm_code"),
                Arguments.of(QUERY, "no_order"), Arguments.of(QUERY, "oid_paybill"),
                Arguments.of("/orderquery.htm", "no_order"), Arguments.of("/orderquery.htm", "oid_paybill"),
                Arguments.of("/llwalletapi/orderquery.htm", "no_order"),
                Arguments.of("/llwalletapi/orderquery.htm", "oid_paybill"),
                Arguments.of("/llwalletapi/orderquery.htm", "user_id"),
                Arguments.of("/refund.htm", "no_refund"), Arguments.of("/refund.htm", "no_order"),
                Arguments.of("/refund.htm", "oid_paybill"), Arguments.of("/exchangerefund.htm", "no_refund"),
                Arguments.of("/refundquery.htm", "no_refund"),
                Arguments.of(BALANCE, "api_version"),
                Arguments.of("/report/download.htm", "file_name"),
                Arguments.of("/report/download.htm", "report_date"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("signedFieldsWithNul")
    void nulInASignedFieldIsThatFieldsError(String path, String field) {
        LinkedHashMap<String, String> fields = requestFor(path);
        fields.put(field, NUL + fields.getOrDefault(field, "1"));

        Reply reply = writesNothing(gateway, () -> send(path, fields));

        assertSigned(reply, Code.param(field), merchant);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no_order", "name_goods", "user_id", "info_order", "url_return", "notify_url"})
    void nulOnTheFormIsThatFieldsError(String field) {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("88.80", Requests.NOTIFY_URL);
        form.put(field, form.getOrDefault(field, "https://shop.example.com/return") + NUL);

        Page page = writesNothing(gateway, () -> payer.postForm(BANK_GATEWAY, merchant.sign(form), StandardCharsets.UTF_8));

        assertErrorPage(page, "1004", "商户请求参数校验错误（" + field + "）", field);
    }

    /** No order number holds a control character or half a surrogate pair; a payee name holds no line break. */
    @ParameterizedTest(name = "{0} with U+{1}")
    @MethodSource("oneLineFieldsWithControls")
    void controlCharacterInAOneLineFieldIsRefused(String field, String hex) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put(field, fields.get(field) + (char) Integer.parseInt(hex, 16) + "1");

        Reply reply = writesNothing(gateway, () -> send(APPLY, fields));

        assertSigned(reply, Code.param(field), merchant);
    }

    static Stream<Arguments> oneLineFieldsWithControls() {
        return Stream.of("0001", "0009", "000A", "000D", "001B", "007F", "0085", "D83D")
                .flatMap(hex -> Stream.of(Arguments.of("no_order", hex), Arguments.of("acct_name", hex)));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0001", "001B", "007F", "0085", "DE00"})
    void controlCharacterInFreeTextIsRefused(String hex) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("info_order", "供应商" + (char) Integer.parseInt(hex, 16) + "结算");

        assertSigned(writesNothing(gateway, () -> send(APPLY, fields)), Code.param("info_order"), merchant);
    }

    @Test
    void lineBreaksAndTabsInFreeTextAreKept() {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("info_order", "第一行\r\n第二行\t结算\n");

        Reply reply = send(APPLY, fields);

        assertSigned(reply, SUCCESS, merchant);
        String stored = gateway.jdbi().withHandle(h -> h.createQuery(
                        "SELECT info_order FROM instant_payment WHERE no_order = :no")
                .bind("no", fields.get("no_order")).mapTo(String.class).one());
        assertThat(stored).isEqualTo(fields.get("info_order"));
    }

    @Test
    void lineBreaksInFreeTextOfTheFormAreKept() {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("88.80", Requests.NOTIFY_URL);
        form.put("name_goods", "羽毛球拍\n两支");
        form.put("info_order", "备注\t一\r\n备注二");

        Page page = payer.postForm(BANK_GATEWAY, merchant.sign(form), StandardCharsets.UTF_8);

        assertThat(page.status()).as(page.html()).isEqualTo(303);
    }

    /** A valid request to the path for this test's merchant, which each test then spoils in one field. */
    private static LinkedHashMap<String, String> requestFor(String path) {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        String now = WireTime.dateTime(gateway.clock().instant());
        switch (path) {
            case APPLY -> f.putAll(payout(merchant));
            case CONFIRM -> {
                f.put("oid_partner", merchant.oidPartner());
                f.put("api_version", "1.0");
                f.put("no_order", "PO-unknown");
                f.put("confirm_code", "123456");
                f.put("notify_url", Requests.NOTIFY_URL);
            }
            case "/refund.htm", "/exchangerefund.htm" -> {
                f.put("oid_partner", merchant.oidPartner());
                f.put("no_refund", "RF-unknown");
                f.put("dt_refund", now);
                f.put("money_refund", "1.00");
                f.put("no_order", "WEB-unknown");
                f.put("dt_order", now);
                f.put("notify_url", Requests.NOTIFY_URL);
            }
            case "/refundquery.htm" -> {
                f.put("oid_partner", merchant.oidPartner());
                f.put("no_refund", "RF-unknown");
                f.put("dt_refund", now);
            }
            case BALANCE -> {
                f.put("oid_partner", merchant.oidPartner());
                f.put("api_version", "1.0");
            }
            case "/report/download.htm" -> {
                f.put("oid_partner", merchant.oidPartner());
                f.put("file_type", "JYMX");
                f.put("report_date", "20240612");
            }
            default -> {
                f.put("oid_partner", merchant.oidPartner());
                f.put("no_order", "PO-unknown");
                f.put("dt_order", now);
            }
        }
        return f;
    }

    /**
     * Signed as given, sealed for the pay_load endpoints. Surrogates travel as JSON escapes, as a client's JSON
     * library may write them: a lone one cannot be UTF-8 at all.
     */
    private static Reply send(String path, Map<String, String> fields) {
        StringBuilder inner = new StringBuilder();
        FlatJson.write(signAsIs(merchant, fields)).chars().forEach(c -> inner.append(
                Character.isSurrogate((char) c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        boolean sealed = path.equals(APPLY) || path.equals(CONFIRM);
        return merchant.post(path, sealed ? Requests.sealedText(gateway, merchant, inner.toString()) : inner.toString());
    }

    private static void assertErrorPage(Page page, String code, String message, String field) {
        assertThat(page.status()).as(page.html()).isEqualTo(400);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.byId("ret_code")).as(page.html()).isEqualTo(code);
        assertThat(page.byId("ret_msg")).isEqualTo(message);
        assertThat(page.byId("field")).isEqualTo(field);
        assertThat(page.html()).doesNotContain("Exception").doesNotContain("at io.");
    }
}
