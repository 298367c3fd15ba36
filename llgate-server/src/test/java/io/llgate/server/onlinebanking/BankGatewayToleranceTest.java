package io.llgate.server.onlinebanking;

import static io.llgate.server.onlinebanking.BankGatewayForms.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.llgate.server.Gateway;
import io.llgate.server.testing.PageClient;
import io.llgate.server.testing.PageClient.Page;
import io.llgate.server.testing.TestGateways;
import io.llgate.server.testing.TestMerchant;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What merchants' pages really send, accepted as 11's Ambiguities say. */
class BankGatewayToleranceTest {
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GBK", "GB2312", "GB18030", "gbk"})
    void chineseTextSurvivesAPageInAChineseCharset(String charset) {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("88.80", NOTIFY_URL);
        form.put("charset_name", charset);
        form.put("name_goods", "羽毛球拍（尤尼克斯）");
        form.put("bank_code", "03080000");

        Page posted = post(payer, merchant, form, Charset.forName(charset));

        assertThat(posted.status()).as(posted.html()).isEqualTo(303);
        Page bank = payer.get(posted.location());
        assertThat(bank.byId("name_goods")).isEqualTo("羽毛球拍（尤尼克斯）");
        assertThat(bank.byId("merchant")).isEqualTo("test merchant");
    }

    @Test
    void aFormWithoutCharsetIsUtf8() {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("1.00", NOTIFY_URL);
        form.remove("charset_name");
        form.put("bank_code", "03080000");

        Page posted = post(payer, merchant, form);

        assertThat(payer.get(posted.location()).byId("name_goods")).isEqualTo("羽毛球拍");
    }

    @Test
    void aPayerAddressInAnotherFormIsIgnored() {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("1.00", NOTIFY_URL);
        form.put("userreq_ip", "*_*_*_*");

        assertThat(post(payer, merchant, form).location()).startsWith("/payment/cashier/");
    }

    @Test
    void cardTypeStandsForPayTypeAndNarrowsTheCashier() {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("1.00", NOTIFY_URL);
        form.put("card_type", "9");

        Page cashier = payer.get(post(payer, merchant, form).location());

        assertThat(cashier.html()).contains("企业网银").doesNotContain("个人网银（借记卡）").doesNotContain("信用卡网银")
                .contains("value=\"9:01020000\"").doesNotContain("中国邮储银行");
    }

    @Test
    void aBankWithoutKindIsPersonalDebitOnlineBanking() {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("1.00", NOTIFY_URL);
        form.put("bank_code", "01000000");

        Page bank = payer.get(post(payer, merchant, form).location());

        assertThat(bank.byId("pay_type")).isEqualTo("个人网银（借记卡）");
    }

    @Test
    void riskItemsWithNumbersPaddedKeysAndOtherSpellingsAreAccepted() {
        LinkedHashMap<String, String> form = merchant.bankGatewayForm("1.00", NOTIFY_URL);
        form.put("risk_item", "{\"frms_ware_code\":4002,\" user_info_mercht_userno \":778812,"
                + "\"user_info_dt_registe\":20230105120000,\"goods_name\":\"羽毛球拍\",\"request_imei\":861234567890123,"
                + "\"airline_list\":[{\"passenger_name\":\"李明\"}]}");

        assertThat(post(payer, merchant, form).status()).isEqualTo(303);
    }
}
