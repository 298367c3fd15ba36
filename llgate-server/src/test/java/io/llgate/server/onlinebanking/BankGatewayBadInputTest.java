package io.llgate.server.onlinebanking;

import io.llgate.server.instantpay.InstantPaymentProduct;
import io.llgate.server.Products;
import java.util.Set;
import static io.llgate.server.onlinebanking.BankGatewayForms.BANK_GATEWAY;
import static io.llgate.server.onlinebanking.BankGatewayForms.assertErrorPage;
import static io.llgate.server.onlinebanking.BankGatewayForms.assertParamError;
import static io.llgate.server.onlinebanking.BankGatewayForms.post;
import static io.llgate.server.onlinebanking.BankGatewayForms.writesNothing;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.protocol.SignSource;
import io.llgate.protocol.WireTime;
import io.llgate.server.Gateway;
import io.llgate.server.GatewayMode;
import io.llgate.server.GatewaySettings;
import io.llgate.server.merchant.IpAllowList;
import io.llgate.server.merchant.MerchantStatus;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad form gets an HTML error page with its return code and field, and creates no order. */
class BankGatewayBadInputTest {
    static final String NOTIFY_URL = "https://shop.example.com/pay/notify";
    static Gateway gateway;
    static PageClient payer;
    static TestMerchant merchant;

    @BeforeAll
    static void start() {
        gateway = TestGateways.start();
        payer = new PageClient(gateway);
        merchant = TestMerchant.register(gateway, 0);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static LinkedHashMap<String, String> form() {
        return merchant.bankGatewayForm("88.80", NOTIFY_URL);
    }

    private static Page refused(Map<String, String> form) {
        return writesNothing(gateway, () -> post(payer, merchant, form));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"notify_url", "url_return"})
    void productionRefusesAddressesInsideItsOwnNetwork(String field) {
        GatewaySettings settings = TestGateways.settings().withMode(GatewayMode.PRODUCTION, "production-test-token")
                .withHostResolver(host -> {
                    if (host.equals("shop.example.com")) {
                        return List.of(InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 9}));
                    }
                    throw new UnknownHostException(host);
                });
        try (Gateway production = Gateway.start(settings)) {
            TestMerchant shop = TestMerchant.register(production, 0);
            LinkedHashMap<String, String> form = shop.bankGatewayForm("88.80", NOTIFY_URL);
            form.put("url_return", "https://shop.example.com/pay/return");
            form.put(field, "http://10.0.0.7/pay");

            assertParamError(writesNothing(production, () -> post(new PageClient(production), shop, form)), field);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"version", "user_id", "timestamp", "busi_partner", "no_order", "dt_order", "name_goods",
            "money_order", "notify_url", "risk_item"})
    void missingRequiredFieldIsNamed(String field) {
        LinkedHashMap<String, String> form = form();
        form.remove(field);

        assertParamError(refused(form), field);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("version", "1.1"),
                Arguments.of("user_id", "u".repeat(33)),
                Arguments.of("user_id", "   "),
                Arguments.of("timestamp", "2024061210145"),
                Arguments.of("timestamp", "20240230101455"),
                Arguments.of("busi_partner", "202000"),
                Arguments.of("no_order", "N".repeat(33)),
                Arguments.of("dt_order", "20241301000000"),
                Arguments.of("name_goods", "羽".repeat(41)),
                Arguments.of("info_order", "备".repeat(256)),
                Arguments.of("money_order", "88.888"),
                Arguments.of("money_order", "0.00"),
                Arguments.of("money_order", "-1"),
                Arguments.of("notify_url", "ftp://shop.example.com/notify"),
                Arguments.of("url_return", "shop.example.com/return"),
                Arguments.of("valid_order", "0"),
                Arguments.of("valid_order", "thirty"),
                Arguments.of("bank_code", "ICBC"),
                Arguments.of("pay_type", "2"),
                Arguments.of("card_type", "3"),
                Arguments.of("risk_item", "not json"),
                Arguments.of("risk_item", "[\"frms_ware_category\"]"),
                Arguments.of("risk_item", "{“frms_ware_category”:“4002”}"),
                Arguments.of("risk_item", "\"not an object\""),
                Arguments.of("risk_item", "\"[1,2]\""),
                Arguments.of("risk_item", "{\"frms_ware_category\":\"4002\",\"user_info_mercht_userno\":\"u1\","
                        + "\"user_info_dt_register\":\"20230105120000\",\"goods_name\":\"x\"} trailing"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void badValueIsNamed(String field, String value) {
        LinkedHashMap<String, String> form = form();
        form.put(field, value);

        assertParamError(refused(form), field);
    }

    @ParameterizedTest(name = "{0} minutes")
    @ValueSource(ints = {-31, 31, -600, 24 * 60})
    void aTimestampMoreThanHalfAnHourAwayFromTheGatewaysClockIsRefused(int minutes) {
        LinkedHashMap<String, String> form = form();
        form.put("timestamp", WireTime.dateTime(gateway.clock().instant().plus(Duration.ofMinutes(minutes))));

        assertParamError(refused(form), "timestamp");
    }

    @Test
    void aTimestampWithinHalfAnHourIsAccepted() {
        LinkedHashMap<String, String> form = form();
        form.put("timestamp", WireTime.dateTime(gateway.clock().instant().minus(Duration.ofMinutes(29))));

        assertThat(post(payer, merchant, form).status()).isEqualTo(303);
    }

    @Test
    void payTypeAndCardTypeMustAgree() {
        LinkedHashMap<String, String> form = form();
        form.put("pay_type", "1");
        form.put("card_type", "8");

        assertParamError(refused(form), "card_type");
    }

    @Test
    void aWrongSignatureShowsTheSignSourceInTheSandbox() {
        LinkedHashMap<String, String> signed = merchant.sign(form());
        signed.put("money_order", "0.01");

        Page page = writesNothing(gateway, () -> payer.postForm(BANK_GATEWAY, signed, StandardCharsets.UTF_8));

        assertErrorPage(page, "1001", "商户请求签名错误", "sign");
        assertThat(page.byId("sign_source")).isEqualTo(SignSource.of(signed));
    }

    @Test
    void aProductionGatewayDoesNotShowTheSignSource() {
        try (Gateway production = Gateway.start(TestGateways.settings().withMode(GatewayMode.PRODUCTION, "a-token"))) {
            TestMerchant shop = TestMerchant.register(production, 0);
            LinkedHashMap<String, String> signed = shop.sign(shop.bankGatewayForm("1.00", NOTIFY_URL));
            signed.put("name_goods", "别的商品");

            Page page = new PageClient(production).postForm(BANK_GATEWAY, signed, StandardCharsets.UTF_8);

            assertErrorPage(page, "1001", "商户请求签名错误", "sign");
            assertThat(page.html()).doesNotContain("sign_source").doesNotContain("name_goods=");
        }
    }

    @Test
    void anUnsignedFormIsRefused() {
        LinkedHashMap<String, String> unsigned = form();
        unsigned.put("sign_type", "RSA");

        assertErrorPage(writesNothing(gateway, () -> payer.postForm(BANK_GATEWAY, unsigned, StandardCharsets.UTF_8)),
                "1001", "商户请求签名错误", "sign");
    }

    @Test
    void anUnknownMerchantIsRefused() {
        LinkedHashMap<String, String> form = form();
        form.put("oid_partner", "209900000000000001");

        assertErrorPage(refused(form), "3001", "非法商户", "oid_partner");
    }

    @Test
    void aFormWithoutMerchantIsRefused() {
        LinkedHashMap<String, String> form = form();
        form.remove("oid_partner");

        assertParamError(refused(form), "oid_partner");
    }

    @Test
    void aMerchantWithoutOnlineBankingIsRefused() {
        TestMerchant payoutsOnly = TestMerchant.register(gateway, 0, Set.of(InstantPaymentProduct.IDENTITY), IpAllowList.any());

        Page page = writesNothing(gateway, () -> post(payer, payoutsOnly, payoutsOnly.bankGatewayForm("1.00", NOTIFY_URL)));

        assertErrorPage(page, "3010", "商户支付权限不足", null);
    }

    @Test
    void aSuspendedMerchantIsRefused() {
        TestMerchant suspended = TestMerchant.register(gateway, 0);
        gateway.merchants().update(suspended.oidPartner(), null, null, null, MerchantStatus.SUSPENDED);

        Page page = writesNothing(gateway, () -> post(payer, suspended, suspended.bankGatewayForm("1.00", NOTIFY_URL)));

        assertErrorPage(page, "1009", "暂停商户支付服务，请联系连连银通客服", null);
    }

    @Test
    void theServerIpAllowListDoesNotApplyToPayersBrowsers() {
        TestMerchant listed = TestMerchant.register(gateway, 0, Products.catalogue().granted(), IpAllowList.parse("10.9.8.7"));

        assertThat(post(payer, listed, listed.bankGatewayForm("1.00", NOTIFY_URL)).status()).isEqualTo(303);
    }

    @Test
    void anUnknownBankIsRefused() {
        LinkedHashMap<String, String> form = form();
        form.put("bank_code", "99990000");

        assertErrorPage(refused(form), "1200", "用户选择的银行暂不支持，请重新选择其他银行进行支付/签约", "bank_code");
    }

    @Test
    void aBankThatDoesNotServeTheKindOfOnlineBankingIsRefused() {
        LinkedHashMap<String, String> form = form();
        form.put("bank_code", "01000000");
        form.put("pay_type", "9");

        assertErrorPage(refused(form), "1200", "用户选择的银行暂不支持，请重新选择其他银行进行支付/签约", "bank_code");
    }

    @Test
    void anUnknownCharsetIsRefused() {
        LinkedHashMap<String, String> form = form();
        form.put("charset_name", "BIG5");

        assertParamError(refused(form), "charset_name");
    }

    @Test
    void aCharsetNameThatIsNotAsciiIsRefused() {
        LinkedHashMap<String, String> form = form();
        form.put("charset_name", "\uD83D\uDE00".repeat(20));

        assertParamError(refused(form), "charset_name");
    }

    @Test
    void gbkBytesDeclaredAsUtf8AreRefused() {
        byte[] body = PageClient.formBody(merchant.sign(form()), Charset.forName("GBK"));

        assertParamError(writesNothing(gateway, () -> payer.postForm(BANK_GATEWAY, body)), "charset_name");
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertErrorPage(writesNothing(gateway, () -> payer.postForm(BANK_GATEWAY, new byte[0])),
                "9901", "请求报文非法", null);
    }

    @Test
    void aBrokenPercentEscapeIsRefused() {
        byte[] body = "version=1.0&name_goods=%E7%BE%B&oid_partner=1".getBytes(StandardCharsets.US_ASCII);

        assertErrorPage(writesNothing(gateway, () -> payer.postForm(BANK_GATEWAY, body)), "1012", "请求报文解析失败", null);
    }
}
