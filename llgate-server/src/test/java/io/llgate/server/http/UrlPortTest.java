package io.llgate.server.http;

import static io.llgate.server.http.ReplyChecks.SUCCESS;
import static io.llgate.server.http.ReplyChecks.assertSigned;
import static io.llgate.server.http.ReplyChecks.writesNothing;
import static io.llgate.server.http.Requests.APPLY;
import static io.llgate.server.http.Requests.CONFIRM;
import static io.llgate.server.http.Requests.payout;
import static io.llgate.server.http.Requests.sealedText;
import static io.llgate.server.http.Requests.signAsIs;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.FlatJson;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.http.ReplyChecks.Code;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import io.llgate.server.testing.TestMerchant.Reply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A merchant URL whose port no connection can use (0, or above 65535) is refused as that field's 1004 wherever
 * a merchant gives one, and writes nothing; every port from 1 to 65535 is accepted.
 */
class UrlPortTest {
    private static final String[] BAD_PORTS = {"99999", "65536", "0", "00"};

    static Gateway gateway;
    static TestMerchant merchant;
    static PageClient payer;

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

    private static String urlWithPort(String port) {
        return "https://shop.example.com:" + port + "/notify";
    }

    static Stream<Arguments> jsonUrls() {
        return Stream.of(BAD_PORTS).flatMap(port -> Stream.of(
                Arguments.of(APPLY, "notify_url", port),
                Arguments.of(CONFIRM, "notify_url", port),
                Arguments.of("/refund.htm", "notify_url", port),
                Arguments.of("/exchangerefund.htm", "notify_url", port)));
    }

    @ParameterizedTest(name = "{0} {1} port {2}")
    @MethodSource("jsonUrls")
    void jsonUrlWithAnImpossiblePortIsThatFieldsError(String path, String field, String port) {
        LinkedHashMap<String, String> fields = requestFor(path);
        fields.put(field, urlWithPort(port));
        String inner = FlatJson.write(signAsIs(merchant, fields));
        boolean sealed = path.equals(APPLY) || path.equals(CONFIRM);

        Reply reply = writesNothing(gateway, () ->
                merchant.post(path, sealed ? sealedText(gateway, merchant, inner) : inner));

        assertSigned(reply, Code.param(field), merchant);
    }

    static Stream<Arguments> formUrls() {
        return Stream.of(BAD_PORTS).flatMap(port -> Stream.of(
                Arguments.of("notify_url", port), Arguments.of("url_return", port)));
    }

    @ParameterizedTest(name = "{0} port {1}")
    @MethodSource("formUrls")
    void onlineBankingUrlWithAnImpossiblePortIsThatFieldsError(String field, String port) {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("88.80", urlWithPort("443"));
        form.put(field, urlWithPort(port));

        Page page = writesNothing(gateway, () ->
                payer.postForm("/payment/bankgateway.htm", merchant.sign(form), StandardCharsets.UTF_8));

        assertThat(page.status()).as(page.html()).isEqualTo(400);
        assertThat(page.byId("ret_code")).isEqualTo("1004");
        assertThat(page.byId("ret_msg")).isEqualTo("商户请求参数校验错误（" + field + "）");
        assertThat(page.byId("field")).isEqualTo(field);
    }

    @ParameterizedTest(name = "port {0}")
    @ValueSource(strings = {"1", "8080", "65535"})
    void everyPortAConnectionCanUseIsAccepted(String port) {
        LinkedHashMap<String, String> fields = payout(merchant);
        fields.put("notify_url", urlWithPort(port));
        assertSigned(merchant.sealed(APPLY, fields), SUCCESS, merchant);

        LinkedHashMap<String, String> form = merchant.bankGatewayForm("88.80", urlWithPort(port));
        form.put("url_return", urlWithPort(port));
        Page page = payer.postForm("/payment/bankgateway.htm", merchant.sign(form), StandardCharsets.UTF_8);
        assertThat(page.status()).as(page.html()).isEqualTo(303);
    }

    /** A valid request to the path, which each test spoils in one URL. */
    private static LinkedHashMap<String, String> requestFor(String path) {
        if (path.equals(APPLY)) {
            return payout(merchant);
        }
        String now = WireTime.dateTime(gateway.clock().instant());
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("oid_partner", merchant.oidPartner());
        if (path.equals(CONFIRM)) {
            f.put("api_version", "1.0");
            f.put("no_order", "PO-unknown");
            f.put("confirm_code", "123456");
        } else {
            f.put("no_refund", "RF-unknown");
            f.put("dt_refund", now);
            f.put("money_refund", "1.00");
            f.put("no_order", "WEB-unknown");
            f.put("dt_order", now);
        }
        return f;
    }
}
